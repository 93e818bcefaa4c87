"""Issue 18's acceptance: one walk of a new seller through the whole web studio, in Debian
Chromium, in English at 1440 px and in Simplified Chinese at 390 px — sign up → invite a
teammate (who joins in a browser of their own) → import a Shopify product export in the one
import box → brand kit → a customised template saved under the seller's own name → a batch
with it from the batch builder, watched live mid-batch and to its end without a reload → the
batch ZIP downloaded and checked (manifest rows = videos, every MP4 valid by ffprobe, posters)
→ a Meta and a TikTok Ads Manager export naming the batch's videos → ROI: the saved
template's figures and the creatives leaderboard, checked against the files.

Every screen on the way: a screenshot in test-artifacts/ui/journey/ (NN-step-<lang>-<width>),
axe-core with no serious or critical finding, nothing wider than the screen, no console error,
and only seller words on screen (no server paths, command lines, internal keys, hex ids or
raw error codes). Timings are printed per step.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from .conftest import ARTIFACTS, REPO, Studio, StudioPage
from .journey_files import (
    CURRENCY,
    SHOP,
    ad_rows,
    meta_export,
    photo_file,
    photo_url,
    seed_image_cache,
    shopify_export,
    tiktok_export,
)
from .test_live_progress import FINAL, FINISHED, MID_BATCH  # the page's progress, as read there

pytestmark = pytest.mark.slow

STRINGS = {lang: json.loads((REPO / "ui" / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
           for lang in ("en", "zh-CN")}
CASES = [pytest.param("en", 1440, id="en-1440"), pytest.param("zh-CN", 390, id="zh-CN-390")]
SHOTS = ARTIFACTS / "journey"

# --- what a seller must never read -------------------------------------------------------------
KEY_PREFIXES = sorted({k.split(".", 1)[0] for k in STRINGS["en"]})
DEVELOPER_TEXT = [
    ("a server path", re.compile(r"/tmp/|/work/|/home/|site-packages|Traceback|object at 0x")),
    ("a command line", re.compile(r"\bstudio (?:import|link|keys|batch|render|serve|worker|roi|"
                                  r"plugins|demo)\b|(?:^|\s)--[a-z][a-z-]+")),
    ("an internal key", re.compile(r"\b(?!utm_content\b)[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")),
    # no exception: a template version or a candidate set's key is no more a seller's word
    ("a hex id", re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b")),
    ("a raw code", re.compile(r"\b(?:" + "|".join(KEY_PREFIXES)
                              + r")\.[a-z][A-Za-z_.]*[A-Za-z]\b")),
]
FILE_NAME = re.compile(r"\S+\.(?:csv|xlsx|tsv|txt|zip|mp4|jpg|png)\b")


def developer_text(text: str) -> list[str]:
    """What in ``text`` is not for a seller (a file name the seller chose is theirs)."""
    text = FILE_NAME.sub(" ", text)
    found = []
    for what, pattern in DEVELOPER_TEXT:
        for match in pattern.finditer(text):
            start = max(0, match.start() - 40)
            found.append(f"{what}: {match.group(0)!r} in …{text[start:match.end() + 40]!r}…")
    return found


class Journey:
    """One person's tab: every screen it reaches is checked, photographed and timed."""

    def __init__(self, tab: StudioPage, lang: str, problems: list[str]) -> None:
        self.tab, self.page, self.lang, self.width = tab, tab.page, lang, tab.width
        self.s = STRINGS[lang]
        self.problems = problems
        self.hidden: list[str] = []  # ids that must never stand for a name on screen
        self.step = 0
        self.started = self.lap = time.monotonic()

    def t(self, key: str, **params: object) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), self.s[key])

    def label(self, key: str, **params: object) -> Any:
        return self.page.get_by_label(self.t(key, **params), exact=True)

    def button(self, key: str, **params: object) -> Any:
        return self.page.get_by_role("button", name=self.t(key, **params), exact=True)

    def on(self, name: str) -> None:
        self.page.wait_for_selector(f"main[data-page={name}]:not([data-busy])", timeout=60_000)
        self.page.wait_for_function("() => !document.querySelector('main .loading')",
                                    timeout=60_000)

    def nav(self, name: str) -> None:
        """Open a page from the navigation, as a seller does (behind the menu on a phone)."""
        if self.page.locator("#menu-toggle").is_visible():
            self.page.locator("#menu-toggle").click()
        self.page.locator("#nav").get_by_role("link", name=self.s[f"nav.{name}"],
                                              exact=True).click()
        self.on(name)

    def money(self, amount: Decimal, currency: str) -> str:
        """The amount as the seller's browser writes money in their language."""
        return str(self.page.evaluate(
            "([lang, value, currency]) => new Intl.NumberFormat(lang, {style: 'currency', "
            "currency}).format(value)", [self.lang, float(amount), currency]))

    def number(self, value: Decimal, style: str = "decimal") -> str:
        """A ratio as the studio writes it: ``2.5`` (two decimals at most), ``27.5%``."""
        digits = 1 if style == "percent" else 2
        return str(self.page.evaluate(
            "([lang, value, style, digits]) => new Intl.NumberFormat(lang, {style, "
            "maximumFractionDigits: digits}).format(value)",
            [self.lang, float(value), style, digits]))

    def check(self, name: str) -> None:
        """The screen as it is now: photographed, axe, width, seller words; time since the
        last check printed."""
        self.step += 1
        label = f"{self.step:02d}-{name}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{label}-{self.lang}-{self.width}.png"),
                             full_page=True)
        for finding in self.tab.axe_violations():
            self.problems.append(f"{label}: axe {finding}")
        overflow = self.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            self.problems.append(f"{label}: {overflow}px wider than the {self.width}px screen")
        text = self.page.evaluate("() => document.body.innerText")
        for finding in developer_text(text):
            self.problems.append(f"{label}: {finding}")
        # the file's own rows (an import's sample of ad names) are the seller's words already
        for sample in self.page.locator(".import-preview .sample").all_inner_texts():
            text = text.replace(sample, "")
        for hidden in self.hidden:
            if hidden in text:
                self.problems.append(f"{label}: the id {hidden!r} is shown instead of a name")
        now = time.monotonic()
        print(f"  [{self.lang} {self.width}px] {label}: {now - self.lap:5.1f} s "
              f"(total {now - self.started:5.1f} s)")
        self.lap = now


def _serve_shopify_cdn(tab: StudioPage) -> None:
    """Shopify's CDN for the browser (catalog cards load the photos straight from it)."""
    def answer(route: Any) -> None:
        route.fulfill(status=200, content_type="image/jpeg",
                      body=photo_file(route.request.url).read_bytes())
    tab.page.context.route("https://cdn.shopify.com/**", answer)


def _logo(folder: Path) -> Path:
    image = Image.new("RGBA", (480, 200), (0, 0, 0, 0))
    image.paste(Image.new("RGBA", (200, 200), (21, 101, 192, 255)), (140, 0))
    path = folder / "logo.png"
    image.save(path, "PNG")
    return path


def _ffprobe(path: Path) -> dict[str, Any]:
    done = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                           "stream=width,height,codec_name:format=duration", "-of", "json",
                           str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"{path.name} is not a valid video: {done.stderr}"
    probe = json.loads(done.stdout)
    return {**probe["streams"][0], "duration": float(probe["format"]["duration"])}


@pytest.mark.parametrize(("lang", "width"), CASES)
def test_a_new_seller_walks_the_whole_studio(
    tab_factory: Any, studio: Studio, tmp_path: Path, lang: str, width: int
) -> None:
    problems: list[str] = []
    locale = "en-US" if lang == "en" else "zh-CN"
    who = f"{lang.lower()}-{width}"
    owner_email = f"journey-owner-{who}@shop.example"
    mate_email = f"journey-mate-{who}@shop.example"
    shop_name = "Harbour Goods" if lang == "en" else "海港好物"
    currency = CURRENCY[lang]
    items = SHOP[lang]
    print(f"\n[{lang} {width}px] a new seller's walk")

    # 1. sign-up: a shop of its own ---------------------------------------------------------
    owner = Journey(tab_factory(width, locale=locale), lang, problems)
    page = owner.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    _serve_shopify_cdn(owner.tab)
    owner.tab.open()
    owner.check("signin")
    page.get_by_role("link", name=owner.s["signin.createAccount"]).click()
    owner.on("signup")
    owner.label("signup.workspace").fill(shop_name)
    owner.label("signup.name").fill("Ann" if lang == "en" else "安妮")
    owner.label("signup.email").fill(owner_email)
    owner.label("signup.password").fill("harbour goods since 2019")
    owner.check("signup")
    owner.button("signup.submit").click()
    owner.on("catalog")
    owner.check("catalog-new-shop")

    # 2. invite a teammate; they join in a browser of their own -----------------------------
    owner.nav("team")
    owner.label("team.inviteEmail").fill(mate_email)
    owner.button("team.inviteSubmit").click()
    page.locator("#invite-link").wait_for()
    page.locator("#invite-result").get_by_role("button", name=owner.s["common.copy"]).click()
    page.wait_for_function("text => document.querySelector('#invite-result button')"
                           ".textContent === text", arg=owner.s["common.copied"])
    link = str(page.evaluate("() => navigator.clipboard.readText()"))
    assert link == page.locator("#invite-link").input_value()
    assert link.startswith(f"{studio.base_url}/#/invite/"), link
    owner.check("team-invited")

    mate = Journey(tab_factory(width, locale=locale), lang, problems)
    mate.step, mate.started = owner.step, owner.started
    mate.page.goto(link)
    mate.page.wait_for_selector("body[data-ready]")
    mate.on("invite")
    assert shop_name in mate.page.locator("main .intro").inner_text()
    mate.check("invite-teammate")
    mate.label("invite.name").fill("Bo" if lang == "en" else "小博")
    mate.label("invite.password").fill("bo joins the harbour")
    mate.button("invite.submit").click()
    mate.on("catalog")
    mate.check("teammate-joined")
    owner.step = mate.step
    mate.page.context.close()

    owner.page.reload()  # back to the owner: the teammate is a member now
    page.wait_for_selector("body[data-ready]")
    owner.on("team")
    members = page.locator("section[aria-labelledby=members-h]").inner_text()
    assert mate_email in members and owner_email in members
    owner.check("team-members")

    # 3. the Shopify product export in the one import box -----------------------------------
    owner.nav("catalog")
    export = shopify_export(tmp_path, lang)
    page.get_by_label(owner.s["imports.choose"]).set_input_files(str(export))
    preview = page.locator(".dropzone[data-page=catalog] + .import-preview")
    preview.locator(".found").wait_for(timeout=60_000)
    counted = owner.s["imports.comma"].join([
        owner.t("imports.n.products.other", n=3), owner.t("imports.n.variants.other", n=4),
        owner.t("imports.n.drafts.one", n=1)])
    found = owner.t("imports.found", kind=owner.s["imports.kind.shopify_products"],
                    what=counted)
    assert preview.locator(".found").inner_text() == found
    go = preview.get_by_role("button", name=owner.s["imports.import"], exact=True)
    assert go.is_disabled()  # a Shopify export never says the store's currency
    with page.expect_response("**/api/v1/imports/detect"):
        preview.get_by_label(owner.s["imports.storeCurrency"]).select_option(currency)
    drafts = owner.t("imports.includeDrafts", what=owner.t("imports.n.drafts.one", n=1))
    preview.get_by_label(drafts).check()
    owner.check("import-shopify-found")
    with page.expect_response("**/api/v1/imports") as imported:
        go.click()
    assert imported.value.status == 201, imported.value.text()
    assert imported.value.json()["source"] == "shopify"
    page.locator("main .notice.ok").wait_for()
    cards = page.locator("[data-product-id]")
    page.wait_for_function("() => document.querySelectorAll('[data-product-id]').length === 3")
    for item in items:
        card = cards.filter(has_text=item.title)
        assert owner.money(Decimal(item.price), currency) in card.inner_text()
    owner.check("catalog-imported")

    # 4. the brand kit ----------------------------------------------------------------------
    owner.nav("brand")
    owner.label("brand.logoFile").set_input_files(str(_logo(tmp_path)))
    owner.button("brand.uploadLogo").click()
    page.wait_for_selector("img[data-logo=set]")
    owner.label("brand.useColors").check()
    page.locator("input[name=primary_color]").fill("#1565c0")
    owner.label("brand.ctaEn").fill("Shop the harbour")
    owner.label("brand.ctaZh").fill("马上选购")
    owner.label("brand.currency").select_option(currency)
    owner.button("brand.save").click()
    page.locator("#brand-kit .notice.ok").wait_for()
    owner.check("brand-kit")

    # 5. a customised template saved under the seller's own name ---------------------------
    my_name = "Harbour sale" if lang == "en" else "海港大促"
    owner.nav("templates")
    page.locator("[data-template-id=price-drop]").get_by_role(
        "button", name=owner.s["templates.open"]).click()
    page.wait_for_selector("#save-mine")
    page.locator("input[name=cta]").fill("Only this week" if lang == "en" else "本周特惠")
    owner.label("templates.myName").fill(my_name)
    page.locator("#save-mine").click()
    saved = page.locator(".save-mine [data-saved-id]")
    saved.wait_for(timeout=60_000)
    saved_id = str(saved.get_attribute("data-saved-id"))
    assert my_name in saved.inner_text()
    owner.hidden.append(saved_id)  # from now on the seller's name stands for it everywhere
    owner.check("template-saved")

    # 6. a batch with it, from the batch builder, watched live ------------------------------
    seed_image_cache(studio.media, [photo_url(item) for item in items])
    owner.nav("catalog")
    for item in items:
        cards.filter(has_text=item.title).get_by_label(owner.s["catalog.useInBatch"]).check()
    page.get_by_role("link", name=owner.s["catalog.toBatch"], exact=True).first.click()
    owner.on("batch")
    mine = page.locator(f"input[name=template][value='{saved_id}']")
    assert mine.is_checked()
    assert page.locator("input[name=template]:checked").count() == 1
    assert page.locator("label", has=mine).inner_text().strip().startswith(my_name)
    page.wait_for_function("() => document.querySelector('#video-count')?.textContent === '3'")
    assert page.locator("#batch-scope-note").inner_text() == owner.t("batch.scopeSelectedNote",
                                                                      n=3)
    owner.label("batch.name").fill("Launch week" if lang == "en" else "上新周")
    owner.check("batch-builder")
    with page.expect_response("**/api/v1/batches") as made:
        owner.button("batch.submit").click()
    assert made.value.status == 202, made.value.text()
    batch = made.value.json()
    owner.on("tasks")
    page.evaluate("() => { window.__sameDocument = true; }")  # gone after a reload
    page.wait_for_function(MID_BATCH, timeout=240_000)
    progress = page.locator("#batch-progress")
    done, total = progress.get_attribute("data-finished"), progress.get_attribute("data-total")
    print(f"  [{lang} {width}px] mid-batch: {done}/{total} on the page: {progress.inner_text()}")
    assert progress.get_attribute("data-status") not in FINISHED
    owner.check("tasks-mid-batch")
    page.wait_for_function(FINAL, timeout=300_000)
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    assert progress.get_attribute("data-status") == "completed", progress.inner_text()
    assert page.locator("tr[data-status=succeeded]").count() == 3
    assert page.locator("tr[data-video-id]", has_text=my_name).count() == 3
    owner.check("tasks-finished")

    # 7. the batch ZIP: manifest rows = videos, valid MP4s, posters ----------------------------
    with page.expect_download(timeout=120_000) as download:
        page.locator("#batch-zip").click()
    zip_path = tmp_path / download.value.suggested_filename
    download.value.save_as(zip_path)
    archive = zipfile.ZipFile(zip_path)
    names = archive.namelist()
    [manifest_name] = [n for n in names if n.endswith("/manifest.csv")]
    root = manifest_name.rsplit("/", 1)[0]
    manifest = list(csv.DictReader(io.StringIO(archive.read(manifest_name).decode("utf-8-sig"))))
    assert len(manifest) == 3 == len(batch["video_ids"])
    assert sorted(names) == sorted([manifest_name] + [f"{root}/{r['video_file']}" for r in manifest]
                                   + [f"{root}/{r['poster_file']}" for r in manifest])
    for row in manifest:
        # the seller's template by the name they gave it, in the ad name too (code last)
        assert row["template"] == my_name and row["utm_content"] == row["creative_code"]
        assert row["suggested_ad_name"].endswith(f" | {my_name} | {row['creative_code']}")
        mp4 = tmp_path / Path(row["video_file"]).name
        mp4.write_bytes(archive.read(f"{root}/{row['video_file']}"))
        probe = _ffprobe(mp4)
        assert (probe["width"], probe["height"]) == (int(row["width"]), int(row["height"]))
        assert probe["height"] > probe["width"] and probe["duration"] > 1
        assert abs(probe["duration"] - float(row["duration_seconds"])) < 0.5
        with Image.open(io.BytesIO(archive.read(f"{root}/{row['poster_file']}"))) as poster:
            assert poster.format == "JPEG" and poster.size[0] > 0
        print(f"  [{lang} {width}px] {row['video_file']}: {probe['width']}x{probe['height']}, "
              f"{probe['duration']:.1f} s, {row['product']}")
    print(f"  [{lang} {width}px] downloaded {zip_path.name} ({zip_path.stat().st_size:,} bytes)")

    # the batch's videos in the library, one of them opened
    page.get_by_role("link", name=owner.s["tasks.openLibrary"], exact=True).click()
    owner.on("videos")
    page.wait_for_function("() => document.querySelectorAll('[data-video-id]').length === 3")
    owner.check("videos-of-the-batch")
    page.locator("[data-video-id] h3 a").first.click()
    page.wait_for_selector("#player")
    owner.on("videos")
    facts = page.locator("#player-panel dl.facts").inner_text()
    assert my_name in facts and "1080×1920" in facts, facts
    owner.check("video-player")

    # 8. the ad results: a Meta and a TikTok export naming the batch's videos ------------------
    factor = 1 if lang == "en" else 7
    by_product = {r["product"]: r for r in manifest}
    ordered = [by_product[item.title] for item in items]
    ads = ad_rows(ordered, factor)
    owner.nav("ads")
    for platform, path in (("meta", meta_export(tmp_path, ads["meta"], currency)),
                           ("tiktok", tiktok_export(tmp_path, ads["tiktok"], currency))):
        page.get_by_label(owner.s["imports.choose"]).set_input_files(str(path))
        preview = page.locator(".dropzone[data-page=ads] + .import-preview")
        preview.locator(".found").wait_for(timeout=60_000)
        assert preview.locator(".found").inner_text().startswith(
            owner.s[f"imports.kind.{platform}_ads"])
        owner.check(f"import-{platform}-found")
        with page.expect_response("**/api/v1/imports") as imported:
            preview.get_by_role("button", name=owner.s["imports.import"], exact=True).click()
        assert imported.value.status == 201, imported.value.text()
        run = imported.value.json()["ads"]
        assert run["platform"] == platform
        assert (run["matched"], run["unmatched"]) == (len(ads[platform]), 0), run
        page.wait_for_function(f"() => location.hash === '#/ads/{run['id']}'")
        page.wait_for_selector("#import-counts")
        owner.on("ads")
        owner.check(f"ads-{platform}-imported")

    # 9. ROI: the saved template's figures and the creatives leaderboard ---------------------
    owner.nav("roi")
    page.wait_for_function("() => { const b = document.querySelector('#creatives');"
                           " return b && !b.hasAttribute('aria-busy')"
                           " && !b.querySelector('.loading'); }", timeout=60_000)
    owner.check("roi")
    every = ads["meta"] + ads["tiktok"]
    spend = sum((r.spend for r in every), Decimal(0))
    revenue = sum((r.revenue for r in every), Decimal(0))
    table_row = page.locator("section[aria-labelledby=roi-h] tbody tr", has_text=my_name)
    cells = table_row.locator("td, th").all_inner_texts()
    print(f"  [{lang} {width}px] ROI per template, {my_name}: {cells}")
    assert owner.money(spend, currency) in cells and owner.money(revenue, currency) in cells
    assert f"{owner.number(revenue / spend)}×" in cells  # ROAS = revenue ÷ spend: 2.5×
    board = page.locator("#creatives")
    for item, row in zip(items, ordered, strict=True):
        code = row["creative_code"]
        mine_rows = [r for r in every if r.code == code]
        creative = board.locator("li.creative", has_text=code)
        figures = creative.locator("dd").all_inner_texts()
        video_spend = sum((r.spend for r in mine_rows), Decimal(0))
        video_revenue = sum((r.revenue for r in mine_rows), Decimal(0))
        assert figures[0] == owner.money(video_spend, currency), figures
        assert figures[1] == owner.money(video_revenue, currency), figures
        assert figures[2] == f"{owner.number(video_revenue / video_spend)}×", figures
        # hook rate = 3-s plays (Meta) or 2-s views (TikTok) ÷ impressions
        hook = Decimal(sum(r.plays for r in mine_rows)) / sum(r.impressions for r in mine_rows)
        assert figures[4] == owner.number(hook, "percent"), figures
        # ROI = (revenue × gross margin − spend − production cost) ÷ (spend + production cost);
        # a local render costs a hundredth of a cent: within the figure's last decimal
        margin = (Decimal(item.price) - Decimal(item.cost)) / Decimal(item.price)
        roi = 100 * (video_revenue * margin - video_spend) / video_spend
        shown = Decimal(re.sub(r"[^\d.-]", "", figures[3].split("\n")[0].replace("−", "-")))
        assert abs(shown - roi) <= Decimal("0.06"), (figures, roi)
        print(f"  [{lang} {width}px] leaderboard {code} ({row['product']}): {figures}")

    print(f"  [{lang} {width}px] the walk took {time.monotonic() - owner.started:.0f} s")
    assert not problems, "\n".join(problems)
    errors = owner.tab.errors + mate.tab.errors
    assert not errors, "console errors:\n" + "\n".join(errors)
