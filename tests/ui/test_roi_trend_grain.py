"""The ROI page's default trend on a new shop's few weeks of ads, in Debian Chromium (issue 18:
"the default weekly ROAS chart shows two dots").

The default grain is "Automatic": per day while the ads cover less than 8 weeks, so 17 days of
results draw a line of 17 points (per week they were 3 dots). A shop with a single day of ads
sees its one dot, its value in words and what it takes for a trend — here in Chinese at 390 px.
The seller signs up a shop of their own: the other browser tests' figures stay apart.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .conftest import Studio, StudioPage, sample_products

SELLER = {"workspace": "Trend Shop", "name": "Ada", "email": "trend@example.com",
          "password": "days-not-dots-9"}
DAYS = 17  # a little over two weeks of ads


def _meta_export(code: str, days: range) -> bytes:
    """Ads Manager, breakdown by day: one ad, one row a day (day 1 = yesterday)."""
    today = dt.date.today()
    lines = ["Day,Ad ID,Ad name,Amount spent (USD),Impressions,Link clicks,Purchases,"
             "Purchases conversion value"]
    for day in days:
        date = (today - dt.timedelta(days=day)).isoformat()
        lines.append(f"{date},120208814588801,Trend mug | {code},{20 + day}.00,4000,60,3,"
                     f"{45 + 3 * day}.00")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def shop(studio: Studio) -> Iterator[dict[str, Any]]:
    """A new shop with one finished video (preview size) and a client signed in to it."""
    signed = httpx.post(f"{studio.base_url}/api/v1/auth/sign-up", json=SELLER, timeout=60)
    assert signed.status_code == 201, signed.text
    cookie = signed.headers["set-cookie"].split(";", 1)[0]
    client = httpx.Client(base_url=studio.base_url, timeout=60, headers={"Cookie": cookie})
    mug = client.post("/api/v1/products", json={
        "title": "Trend mug", "price": "24.00", "cost": "9.00", "currency": "USD",
        "images": sample_products()[0]["images"]})
    assert mug.status_code == 201, mug.text
    made = client.post("/api/v1/videos", json={"product": mug.json()["id"],
                                               "template": "showcase", "format": "1:1",
                                               "options": {"preview": True}})
    assert made.status_code == 202, made.text
    video, deadline = made.json(), time.monotonic() + 300
    while video["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, video["status"]
        time.sleep(1)
        video = client.get(f"/api/v1/videos/{video['id']}").json()
    assert video["status"] == "succeeded", video
    yield {"client": client, "code": video["creative_code"]}
    client.close()


def _import(shop: dict[str, Any], days: range) -> None:
    answer = shop["client"].post("/api/v1/ad-imports", data={"source": "meta"}, files={
        "file": ("meta.csv", _meta_export(shop["code"], days), "text/csv")})
    assert answer.status_code == 201, answer.text
    assert answer.json()["matched"] == len(days), answer.json()


def _sign_in(tab: StudioPage, lang: str) -> None:
    tab.sign_in(SELLER["email"], SELLER["password"])
    tab.page.locator("#lang").select_option(lang)
    tab.page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")


def _trend(page: Any) -> dict[str, Any]:
    """What the trend chart draws: its labels and each line's points that have a value."""
    page.wait_for_function("() => window.Chart && Chart.getChart('trend-chart')",
                           timeout=30_000)
    return page.evaluate("""() => {
        const chart = Chart.getChart('trend-chart');
        return { labels: chart.data.labels,
                 lines: chart.data.datasets.map(d => ({ label: d.label,
                   points: d.data.filter(v => v !== null).length, radius: d.pointRadius })) };
    }""")


def _days_apart(labels: list[str]) -> set[int]:
    days = [dt.date.fromisoformat(label) for label in labels]
    return {(b - a).days for a, b in zip(days, days[1:], strict=False)}


def test_the_default_trend_is_a_line_of_days_and_one_day_is_a_dot_said_in_words(
    tab_factory: Any, shop: dict[str, Any]
) -> None:
    # one day of ads, in Chinese on a phone: one dot, its value and what a trend needs
    _import(shop, range(1, 2))
    tab = tab_factory(390)
    _sign_in(tab, "zh-CN")
    tab.go("roi")
    page = tab.page
    assert page.locator("select[name=interval]").input_value() == "auto"
    drawn = _trend(page)
    assert [line["points"] for line in drawn["lines"]] == [1]
    assert drawn["lines"][0]["radius"] == 6  # a dot big enough to see
    said = page.locator("#trend-one-period").inner_text()
    # yesterday's ROAS: 48 ÷ 21
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert said.startswith("目前只有一天有投放结果") and "2.29×" in said, said
    assert yesterday in said and "产品展示" in said, said
    assert f"{yesterday}「产品展示」2.29×" in said, said
    assert page.locator("#trend-grain").count() == 0  # the sentence says "day" already
    tab.screenshot("roi-trend-one-day-zh")
    assert not tab.axe_violations()
    assert not tab.errors, "\n".join(tab.errors)

    # 17 days of ads, in English on a desktop: the default trend is a line of 17 days
    _import(shop, range(2, DAYS + 1))
    tab = tab_factory(1440)
    _sign_in(tab, "en")
    trend_calls: list[str] = []
    tab.page.on("request", lambda r: trend_calls.append(r.url)
                if "/analytics/roi/trend" in r.url else None)
    tab.go("roi")
    page = tab.page
    assert page.locator("select[name=interval]").input_value() == "auto"
    drawn = _trend(page)
    # per day over the default range (the last 56 days), one request
    assert len(drawn["labels"]) == 56 and _days_apart(drawn["labels"]) == {1}
    assert [line["points"] for line in drawn["lines"]] == [DAYS], drawn["lines"]
    assert drawn["lines"][0]["label"] == "Product showcase"
    assert page.locator("#trend-grain").inner_text() == (
        "Shown per day: the ads in this range cover less than 8 weeks.")
    assert page.locator("#trend-one-period").count() == 0
    assert len(trend_calls) == 1 and "interval=day" in trend_calls[0], trend_calls
    tab.screenshot("roi-trend-days")
    assert not tab.axe_violations()

    # per week, the seller's own choice, the same ads are three dots
    page.get_by_label("Trend by").select_option("week")
    page.get_by_role("button", name="Show").click()
    page.wait_for_function("() => Chart.getChart('trend-chart')?.data.labels.length < 20")
    weekly = _trend(page)
    assert _days_apart(weekly["labels"]) == {7}
    assert 2 <= weekly["lines"][0]["points"] <= 4
    assert page.locator("#trend-grain").count() == 0
    assert not tab.errors, "\n".join(tab.errors)
