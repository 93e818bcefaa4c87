"""A group's "Videos" is its number of distinct videos: a video advertised on Meta and on TikTok
is one video of its template, not two (issue 18: a template that made 3 videos showed 4).
The money is still summed over every platform's results, to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from studio.roi import AdResult, VideoInfo, roi_report

DAY = dt.date(2026, 10, 1)


def _shop() -> tuple[list[AdResult], dict[int, VideoInfo]]:
    videos = {v: VideoInfo(v, "price-drop", "v1", product_id=f"p{v}", category="shirts",
                           gross_margin=D("0.6"), production_cost=D("0.35"),
                           production_currency="USD") for v in (1, 2, 3)}
    rows = [
        AdResult(1, "meta", "USD", DAY, spend=D("10.10"), revenue=D("30.30"), impressions=1000,
                 purchases=2),
        AdResult(2, "meta", "USD", DAY, spend=D("20.20"), revenue=D("15.15"), impressions=2000,
                 purchases=1),
        # video 3 runs on both platforms
        AdResult(3, "meta", "USD", DAY, spend=D("5.05"), revenue=D("25.25"), impressions=500,
                 purchases=1),
        AdResult(3, "tiktok", "USD", DAY, spend=D("7.07"), revenue=D("14.14"), impressions=700,
                 purchases=1),
    ]
    return rows, videos


def test_a_video_on_two_platforms_is_one_video_of_its_template() -> None:
    rows, videos = _shop()
    for by in ("template", "version", "category"):
        (group,) = roi_report(rows, videos, by=by).groups
        assert group.videos == 3, (by, group.videos)
        # every platform's results are in the sums, each video's production cost once
        assert group.spend == D("42.42") and group.revenue == D("84.84")
        assert group.production_cost == D("1.05")
        assert group.impressions == 4200 and group.purchases == 5
        assert group.profit == D("84.84") * D("0.6") - D("42.42") - D("1.05") == D("7.434")
    by_product = {g.key: g.videos for g in roi_report(rows, videos, by="product").groups}
    assert by_product == {"p1": 1, "p2": 1, "p3": 1}
    by_video = {g.key: g.videos for g in roi_report(rows, videos, by="video").groups}
    assert by_video == {"1": 1, "2": 1, "3": 1}
    # per platform, each platform's own videos
    by_platform = {g.key: g.videos for g in roi_report(rows, videos, by="platform").groups}
    assert by_platform == {"meta": 3, "tiktok": 1}


def test_the_not_enough_data_notice_counts_videos_too() -> None:
    rows, videos = _shop()
    del videos[1], videos[2]
    rows = [r for r in rows if r.video_id == 3]
    (group,) = roi_report(rows, videos).groups
    assert group.videos == 1
    said = next(n for n in group.notices if n.code == "not_enough_data")
    assert said.params["videos"] == 1
