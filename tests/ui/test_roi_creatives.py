"""The creatives leaderboard on the ROI page, in Debian Chromium, in English at 1440 px and in
Chinese at 390 px: the seller's videos with their posters, a poster that plays its video while
the pointer is on it, sorting by ROAS, filtering by template, and an ad the import could not
link, linked from a dialog of posters — the row appears with its figures without a reload.
Axe finds nothing serious, the console stays clean, screenshots go to test-artifacts/ui/.

The seller here signs up a shop of their own: its videos and ad results never mix with the
figures the other browser tests check on the shared server.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import Studio, StudioPage

SELLER = {"workspace": "Creatives Shop", "name": "Mia", "email": "creatives@example.com",
          "password": "poster-hover-play-9"}

STRINGS = {lang: json.loads((Path(__file__).resolve().parents[2] / "ui" / "i18n" / f"{lang}.json")
                           .read_text(encoding="utf-8")) for lang in ("en", "zh-CN")}
# (title, price, cost, template); the spare ones get an ad only when the seller links it
VIDEOS = {
    "shirt": ("Creatives linen shirt", "49.00", "18.00", "price-drop"),
    "mug": ("Creatives ceramic mug", "18.00", "4.20", "showcase"),
    "tote": ("Creatives canvas tote", "25.00", "20.00", "price-drop"),
    "spare-en": ("Creatives silk scarf", "39.00", "12.00", "price-drop"),
    "spare-zh-CN": ("Creatives straw hat", "29.00", "9.00", "price-drop"),
}
UNTAGGED = {"en": "120208814577771", "zh-CN": "120208814577772"}
DEVELOPER_TEXT = ("studio link", "--unmatched", "hook_rate", "roi_missing", "/tmp/",
                  "Traceback")


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _exports(codes: dict[str, str]) -> tuple[bytes, bytes]:
    """A Meta export (shirt, mug, two ads named without a code) and a TikTok export (mug,
    tote), dated within the ROI page's default range (the last 55 days)."""
    day = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    meta = [["Reporting starts", "Reporting ends", "Ad name", "Ad ID", "Day",
             "Amount spent (USD)", "Impressions", "Link clicks", "Purchases",
             "Purchases conversion value", "3-second video plays", "ThruPlays"],
            [day, day, "", "", "", "360.00", "40,000", "", "", "", "", ""],
            [day, day, f"Linen shirt | price-drop | {codes['shirt']}", "120208814570001", day,
             "100.00", "10,000", "300", "9", "450.00", "3,000", "700"],
            [day, day, f"Ceramic mug | showcase | {codes['mug']}", "120208814570002", day,
             "200.00", "20,000", "400", "12", "300.00", "4,000", "900"],
            [day, day, "Spring promo (new cut)", UNTAGGED["en"], day, "60.00", "5,000", "90",
             "4", "240.00", "1,500", "300"],
            [day, day, "Summer promo (long cut)", UNTAGGED["zh-CN"], day, "45.00", "5,000",
             "60", "3", "90.00", "1,000", "200"]]
    tiktok = [["Ad name", "Ad ID", "By Day", "Currency", "Cost", "Impressions",
               "Clicks (destination)", "Complete payment", "Complete payment value",
               "2-second video views"],
              [f"Ceramic mug - {codes['mug']}", "1790012345670001", day, "USD", "50.00", "8000",
               "120", "5", "150.00", "2400"],
              [f"Canvas tote - {codes['tote']}", "1790012345670002", day, "USD", "80.00",
               "9000", "150", "8", "400.00", "2700"],
              ["Total of 2 results", "", "", "USD", "130.00", "17000", "270", "13", "550.00",
               "5100"]]
    return _csv(meta), _csv(tiktok)


@pytest.fixture(scope="module")
def creatives(studio: Studio) -> dict[str, dict[str, Any]]:
    """Five real (low-resolution) renders of products of their own, and the two exports."""
    photos = sorted((studio.media / "photos").glob("*.jpg"))
    made: dict[str, dict[str, Any]] = {}
    signed = httpx.post(f"{studio.base_url}/api/v1/auth/sign-up", json=SELLER, timeout=60)
    assert signed.status_code == 201, signed.text
    cookie = signed.headers["set-cookie"].split(";", 1)[0]
    with httpx.Client(base_url=studio.base_url, timeout=60, headers={"Cookie": cookie}) as client:
        for n, (name, (title, price, cost, template)) in enumerate(VIDEOS.items()):
            product = client.post("/api/v1/products", json={
                "title": title, "price": price, "cost": cost, "currency": "USD",
                "images": [f"photos/{photos[n % len(photos)].name}"]})
            product.raise_for_status()
            video = client.post("/api/v1/videos", json={
                "product": product.json()["id"], "template": template, "format": "9:16",
                "options": {"preview": True}})
            assert video.status_code == 202, video.text
            made[name] = video.json()
        deadline = time.monotonic() + 600
        while any(v["status"] not in ("succeeded", "failed") for v in made.values()):
            assert time.monotonic() < deadline, {k: v["status"] for k, v in made.items()}
            time.sleep(1)
            made = {k: client.get(f"/api/v1/videos/{v['id']}").json() for k, v in made.items()}
        assert all(v["status"] == "succeeded" and v["poster_url"] for v in made.values()), made
        meta, tiktok = _exports({k: v["creative_code"] for k, v in made.items()})
        for source, data in (("meta", meta), ("tiktok", tiktok)):
            answer = client.post("/api/v1/ad-imports", data={"source": source},
                                 files={"file": (f"{source}.csv", data, "text/csv")})
            assert answer.status_code == 201, answer.text
    return made


def _sign_in(tab: StudioPage, lang: str) -> None:
    tab.open()
    tab.page.get_by_label("Email").fill(SELLER["email"])
    tab.page.get_by_label("Password").fill(SELLER["password"])
    tab.page.get_by_role("button", name="Sign in").click()
    tab.page.wait_for_selector("main[data-page=catalog]")
    if lang != "en":
        tab.page.get_by_label("Language").select_option(lang)
        tab.page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")


def _order(page: Any, ids: list[int]) -> list[int]:
    """The leaderboard's order of these videos (others' videos left out)."""
    shown = page.eval_on_selector_all("#creatives li.creative",
                                      "rows => rows.map((r) => Number(r.dataset.videoId))")
    return [i for i in shown if i in ids]


def _wait_for_image(page: Any, selector: str) -> None:
    """The poster really shows (a lazy image loads once it is near the screen)."""
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_function("s => { const i = document.querySelector(s);"
                           " return i && i.complete && i.naturalWidth > 0; }", arg=selector,
                           timeout=60_000)


def _wait_for_board(page: Any) -> None:
    page.wait_for_function("() => { const b = document.querySelector('#creatives');"
                           " return b && !b.hasAttribute('aria-busy')"
                           " && !b.querySelector('.loading'); }", timeout=60_000)


@pytest.mark.parametrize(("lang", "width"), [("en", 1440), ("zh-CN", 390)])
def test_the_seller_ranks_plays_filters_and_links_creatives(
    tab_factory: Any, creatives: dict[str, dict[str, Any]], lang: str, width: int
) -> None:
    words = STRINGS[lang]
    ids = {k: v["id"] for k, v in creatives.items()}
    mine = [ids["shirt"], ids["mug"], ids["tote"]]
    tab = tab_factory(width)
    page = tab.page
    _sign_in(tab, lang)
    tab.go("roi")
    board = page.locator("#creatives")
    _wait_for_board(page)
    assert page.get_by_role("heading", name=words["creatives.title"]).is_visible()

    # posters, and the figures beside them in the seller's words
    shirt = board.locator(f"li.creative[data-video-id='{ids['shirt']}']")
    shirt.wait_for()
    _wait_for_image(page, f"li.creative[data-video-id='{ids['shirt']}'] .creative-poster img")
    labels = shirt.locator("dt").all_inner_texts()
    assert labels == [words[k] for k in ("creatives.spend", "creatives.revenue",
                                         "creatives.roas", "creatives.roi",
                                         "creatives.hookRate")]
    figures = shirt.locator("dd").all_inner_texts()
    assert "100.00" in figures[0] and "450.00" in figures[1] and figures[2] == "4.5×"
    assert figures[4] == "30%"  # 3,000 three-second plays of 10,000 impressions
    # by ROI (margin × revenue − spend − making cost): shirt, mug, tote (no profit at all)
    assert _order(page, mine) == [ids["shirt"], ids["mug"], ids["tote"]]

    # sorting by ROAS reorders the rows: tote 5.0×, shirt 4.5×, mug 1.8×
    page.get_by_label(words["creatives.sortBy"]).select_option("roas")
    page.wait_for_function(
        "([a, b]) => { const r = [...document.querySelectorAll('#creatives li.creative')]"
        ".map((x) => Number(x.dataset.videoId)); return r.includes(a) && r.includes(b)"
        " && r.indexOf(a) < r.indexOf(b); }", arg=[ids["tote"], ids["shirt"]], timeout=60_000)
    _wait_for_board(page)
    assert _order(page, mine) == [ids["tote"], ids["shirt"], ids["mug"]]
    mug = board.locator(f"li.creative[data-video-id='{ids['mug']}']")
    assert mug.locator("dd").nth(2).inner_text() == "1.8×"  # (300 + 150) ÷ (200 + 50)

    # pointing at a poster plays its video, muted
    poster = shirt.locator(".creative-poster")
    poster.scroll_into_view_if_needed()
    poster.hover()
    page.wait_for_function(
        "id => { const v = document.querySelector(`li.creative[data-video-id='${id}'] video`);"
        " return v && !v.paused && v.muted && v.currentTime > 0.3; }", arg=ids["shirt"],
        timeout=60_000)
    page.mouse.move(0, 0)
    page.wait_for_function(
        "id => document.querySelector(`li.creative[data-video-id='${id}'] video`).paused",
        arg=ids["shirt"])
    tab.screenshot(f"roi-creatives-{lang}")

    # filtering by template
    page.get_by_label(words["creatives.template"], exact=True).select_option("showcase")
    page.wait_for_function(
        "id => !document.querySelector(`#creatives li.creative[data-video-id='${id}']`)",
        arg=ids["shirt"], timeout=60_000)
    _wait_for_board(page)
    assert _order(page, mine) == [ids["mug"]]
    page.get_by_label(words["creatives.template"], exact=True).select_option("")
    board.locator(f"li.creative[data-video-id='{ids['shirt']}']").wait_for()

    # an ad named without a code: chosen by its poster, linked, counted — no reload
    page.evaluate("() => { window.__stillHere = true; }")
    spare = ids[f"spare-{lang}"]
    assert not board.locator(f"li.creative[data-video-id='{spare}']").count()
    ad = page.locator(f"#unlinked-ads li[data-ad-id='{UNTAGGED[lang]}']")
    ad.get_by_role("button").click()
    dialog = page.locator("dialog.dialog")
    dialog.locator("button.choice").first.wait_for(timeout=60_000)
    dialog.get_by_label(words["creatives.search"]).fill(creatives[f"spare-{lang}"]
                                                        ["creative_code"])
    choice = dialog.locator(f"button.choice[data-video-id='{spare}']")
    choice.wait_for(timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('dialog button.choice').length"
                           " === 1", timeout=60_000)
    _wait_for_image(page, f"dialog button.choice[data-video-id='{spare}'] img")
    tab.screenshot(f"roi-link-dialog-{lang}")
    dialog_problems = tab.axe_violations()
    with page.expect_response("**/api/v1/ad-imports/links") as linked:
        choice.click()
    assert linked.value.status == 201, linked.value.text()
    row = board.locator(f"li.creative[data-video-id='{spare}']")
    row.wait_for(timeout=60_000)
    figures = row.locator("dd").all_inner_texts()
    spend, revenue = ("60.00", "240.00") if lang == "en" else ("45.00", "90.00")
    assert spend in figures[0] and revenue in figures[1], figures
    assert figures[2] == ("4×" if lang == "en" else "2×")
    assert not page.locator(f"#unlinked-ads li[data-ad-id='{UNTAGGED[lang]}']").count()
    assert page.evaluate("() => window.__stillHere === true")  # the same page, not reloaded
    _wait_for_board(page)

    text = page.locator("main").inner_text()
    assert not [s for s in DEVELOPER_TEXT if s in text]
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the ROI page is {overflow}px wider than the {width}px screen"
    problems = dialog_problems + tab.axe_violations()
    assert not problems, f"axe-core serious/critical violations: {problems}"
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)
