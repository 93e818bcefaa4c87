"""A local render costs a few hundredths of a cent, estimated in USD: a seller whose ads are
paid in CNY (or EUR, JPY…) still sees profit and ROI without giving an exchange rate — while a
real production cost in another currency is still kept apart, never counted as zero."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from studio.roi import AdResult, VideoInfo, roi_report

DAY = dt.date(2026, 11, 2)


def _report(cost: str):  # type: ignore[no-untyped-def]
    videos = {v: VideoInfo(v, "my-harbour-sale", gross_margin=D("0.6"),
                           production_cost=D(cost), production_currency="USD") for v in (1, 2)}
    rows = [AdResult(v, platform, "CNY", DAY, spend=D("700"), revenue=D("1750"),
                     impressions=9000, link_clicks=200, purchases=5)
            for v in videos for platform in ("meta", "tiktok")]
    return roi_report(rows, videos)


def test_a_render_estimate_under_half_a_cent_does_not_hold_up_roi():
    report = _report("0.000283")
    [group] = report.groups
    assert (group.currency, group.production_cost, group.production_cost_other) == (
        "CNY", 0, {})
    # 4 × (1750 × 0.6 − 700) = 1400 profit on 2800 spent
    assert group.profit == D("1400") and group.roi == 0.5
    assert not [n for n in report.notices + group.notices if "production" in n.code]


def test_a_real_cost_in_another_currency_is_still_kept_apart():
    [group] = _report("0.50").groups
    assert group.production_cost_other == {"USD": D("1.00")}
    assert group.profit is None and group.roi is None
