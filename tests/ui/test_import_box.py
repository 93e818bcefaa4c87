"""The import box and catalog management in Debian Chromium, in English at 1440 px and in
Chinese at 390 px, each in a workspace of its own:

- a Shopify product export dropped on the catalog page is previewed before importing
  (products, variants, drafts), the seller chooses the store currency and the drafts, imports,
  imports again without duplicates, sees the variants and a broken photo as a placeholder,
  merges the duplicates an older import left (the video moves), edits and deletes;
- a Meta and a TikTok export dropped on the ad results page are detected and imported; dropped
  on the catalog page they are named and carried to the right page.

The export files are written as the platforms write them (tests/datasources/exports.py);
Shopify's CDN is served by the test (a real photo, and a "photo" that is not an image).
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.datasources.exports import export_file

from .conftest import REPO, SAMPLES, Studio

PASSWORD = "import-box-password-7"
PHOTO = (SAMPLES / "photos" / "speckled-ceramic-mug.jpg").read_bytes()
CASES = [pytest.param("en", 1440, id="en-1440"), pytest.param("zh-CN", 390, id="zh-390")]
TEXT = {
    "en": {"shopify": "Shopify product export: 3 products, 6 variants, 1 draft",
           "currency": "Your store's currency", "drafts": "Also import 1 draft",
           "import": "Import", "imported": "Imported: 3 products saved",
           "broken": "Photo can't be shown", "dupes": "Possible duplicates",
           "review": "Review and merge", "merge": "Merge", "moved": "1 video moved",
           "edit": "Edit", "save": "Save", "delete": "Delete", "deleteProduct": "Delete product",
           "oneVideo": "Its video stays in your video library",
           "meta": "Meta ad export: 2 ads, 3 rows", "tiktok": "TikTok ad export: 3 ads, 4 rows",
           "wrongMeta": "This is a Meta ad export; import it on the Ad results page.",
           "wrongShopify": "This is a Shopify product export; import it on the Catalog page.",
           "open": "Open Ad results", "choose": "Choose a file",
           "variantRow": "Size: S · Color: Sand"},
    "zh-CN": {"shopify": "Shopify 商品导出文件：3 个商品、6 个款式、1 个草稿",
              "currency": "店铺币种", "drafts": "同时导入 1 个草稿", "import": "导入",
              "imported": "已导入：保存 3 个商品", "broken": "图片无法显示",
              "dupes": "可能重复的商品", "review": "查看并合并", "merge": "合并",
              "moved": "1 个视频已归到它名下", "edit": "编辑", "save": "保存", "delete": "删除",
              "deleteProduct": "删除商品", "oneVideo": "它的视频会保留在视频库中",
              "meta": "Meta 广告导出文件：2 个广告、3 行",
              "tiktok": "TikTok 广告导出文件：3 个广告、4 行",
              "wrongMeta": "这是Meta 广告导出文件，请在“广告效果”页面导入。",
              "wrongShopify": "这是Shopify 商品导出文件，请在“商品库”页面导入。",
              "open": "打开广告效果", "choose": "选择文件",
              "variantRow": "Size: S · Color: Sand"},
}


def _env(studio: Studio) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDIO_")}
    env.update(STUDIO_HOME=str(studio.home), STUDIO_MEDIA_ROOT=str(studio.media),
               STUDIO_SECRET_KEY="ui-tests-secret-key",
               PYTHONPATH=os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p))
    return env


def _seller(studio: Studio, slug: str) -> str:
    """A seller in a workspace of their own (a clean catalog for this test)."""
    email = f"{slug}@example.com"
    done = subprocess.run([sys.executable, "-m", "studio", "keys", "add-user", email,
                           "--password", PASSWORD, "--workspace", slug], env=_env(studio),
                          cwd=studio.media, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 or "already" in done.stderr, done.stderr
    return email


def _client(studio: Studio, email: str) -> httpx.Client:
    answer = httpx.post(f"{studio.base_url}/api/v1/auth/sign-in",
                        json={"email": email, "password": PASSWORD}, timeout=30)
    answer.raise_for_status()
    cookie = answer.headers["set-cookie"].split(";", 1)[0]
    return httpx.Client(base_url=studio.base_url, timeout=60, headers={"Cookie": cookie})


def _sign_in(tab: Any, email: str, lang: str) -> None:
    page = tab.page
    page.add_init_script(f"localStorage.setItem('studio.lang', '{lang}')")
    tab.open()
    page.locator("input[type=email]").fill(email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("main[data-page=catalog]")


def _serve_shopify_cdn(tab: Any) -> None:
    """Shopify's CDN: real photos, except the tote's "photo", which is not an image."""
    def answer(route: Any) -> None:
        if "canvas-tote" in route.request.url:
            route.fulfill(status=200, content_type="image/jpeg", body=b"<html>gone</html>")
        else:
            route.fulfill(status=200, content_type="image/jpeg", body=PHOTO)
    tab.page.context.route("https://cdn.shopify.com/**", answer)


def _drop(tab: Any, page_name: str, path: Path) -> None:
    """Drag the file onto the page's import box, as a seller does from their desktop."""
    data = base64.b64encode(path.read_bytes()).decode()
    transfer = tab.page.evaluate_handle(
        """([name, b64]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            return transfer;
        }""", [path.name, data])
    zone = f".dropzone[data-page={page_name}]"
    tab.page.dispatch_event(zone, "dragover", {"dataTransfer": transfer})
    tab.page.dispatch_event(zone, "drop", {"dataTransfer": transfer})


def _preview(tab: Any, page_name: str) -> Any:
    box = tab.page.locator(f".dropzone[data-page={page_name}] + .import-preview")
    box.locator(".found").wait_for()
    return box


def _check(tab: Any, name: str) -> None:
    problems = tab.axe_violations()
    assert not problems, f"{name}: axe-core serious/critical violations: {problems}"
    overflow = tab.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{name} is {overflow}px wider than the screen"
    tab.screenshot(name)


def _add_video(studio: Studio, email: str, product_id: int, code: str) -> None:
    """A finished video of the product (what a batch leaves), written as the worker does."""
    from studio.db import User, Video, session_scope

    url = f"sqlite:///{studio.home / 'studio.db'}"
    with session_scope(url) as session:
        workspace_id = session.query(User).filter_by(email=email).one().workspace_id
        session.add(Video(workspace_id=workspace_id, creative_code=code, product_id=product_id,
                          template_id="showcase", template_version="v1", status="succeeded"))


@pytest.mark.parametrize("lang, width", CASES)
def test_a_shopify_export_is_previewed_imported_once_and_managed(
    tab_factory: Any, studio: Studio, tmp_path: Path, lang: str, width: int
) -> None:
    say = TEXT[lang]
    slug = f"shopify-{lang.lower()}-{width}"
    email = _seller(studio, slug)
    export = export_file(tmp_path, "shopify_products")
    tab = tab_factory(width, locale=lang)
    page = tab.page
    _serve_shopify_cdn(tab)
    _sign_in(tab, email, lang)

    # what the file is, before anything is imported
    _drop(tab, "catalog", export)
    preview = _preview(tab, "catalog")
    assert preview.locator(".found").inner_text() == say["shopify"]
    go = preview.get_by_role("button", name=say["import"], exact=True)
    assert go.is_disabled()  # a Shopify export never says the store's currency
    with page.expect_response("**/api/v1/imports/detect") as detected:
        preview.get_by_label(say["currency"]).select_option("CAD")
    assert detected.value.json()["currency"] == "CAD"
    preview.get_by_label(say["drafts"]).check()
    assert go.is_enabled()
    _check(tab, f"import-shopify-preview-{lang}")

    with page.expect_response("**/api/v1/imports") as answer:
        go.click()
    assert answer.value.status == 201, answer.value.text()
    assert answer.value.json()["source"] == "shopify"
    page.locator("main .notice.ok").wait_for()
    assert say["imported"] in page.locator("main .notice.ok").inner_text()
    card = page.locator("[data-product-id]", has_text="Linen Shirt")
    card.wait_for()
    card.locator("details.variants summary").click()
    assert say["variantRow"] in card.locator("details.variants").inner_text()
    assert "LS-S-SAND" in card.inner_text() and "CA$49.00" in card.inner_text()
    tote = page.locator("[data-product-id]", has_text="Canvas Tote")
    tote.locator(".photo-note", has_text=say["broken"]).wait_for()  # not an error
    _check(tab, f"import-shopify-imported-{lang}")

    # the same export again: updated, not duplicated
    _drop(tab, "catalog", export)
    preview = _preview(tab, "catalog")
    preview.get_by_label(say["drafts"]).check()
    with page.expect_response("**/api/v1/imports") as again:
        preview.get_by_role("button", name=say["import"], exact=True).click()
    assert again.value.status == 201, again.value.text()
    with _client(studio, email) as client:
        listed = client.get("/api/v1/products", params={"limit": 100}).json()
        assert sorted(p["title"] for p in listed["data"]) == [
            "Canvas Tote", "Ceramic Mug", "Linen Shirt"]
        # older data: the same export once read by the generic reader, one product per row
        legacy = client.post("/api/v1/products/import", data={"source": "csv", "currency": "CAD"},
                             files={"file": (export.name, export.read_bytes(), "text/csv")})
        assert legacy.status_code == 201, legacy.text
        shirts = client.get("/api/v1/products", params={"q": "Linen Shirt"}).json()["data"]
    old = next(p for p in shirts if p["source"] == "csv")
    _add_video(studio, email, old["id"], f"IMPBOX{width}{lang[:2].upper()}")

    # the duplicates are pointed out; merging keeps the Shopify one and moves the video
    page.reload()
    page.wait_for_selector("main[data-page=catalog]")
    dupes = page.locator("section", has=page.locator("#dupes-h"))
    dupes.wait_for()
    assert say["dupes"] in dupes.inner_text()
    dupes.locator("li", has_text="Linen Shirt").get_by_role("button", name=say["review"]).click()
    dialog = page.locator("dialog[open]")
    dialog.locator(".said").wait_for()
    page.wait_for_function(
        "() => /1/.test(document.querySelector('dialog[open] .said')?.textContent || '')")
    _check(tab, f"catalog-merge-{lang}")
    with page.expect_response("**/merge") as merged:
        dialog.get_by_role("button", name=say["merge"], exact=True).click()
    result = merged.value.json()
    assert result["videos_moved"] == 1 and result["product"]["source"] == "shopify"
    page.locator("#toast", has_text=say["moved"]).wait_for()
    with _client(studio, email) as client:
        video = client.get("/api/v1/videos", params={"product_id": result["product"]["id"]})
        assert video.json()["count"] == 1

    # edit the mug's title and price
    mug = page.locator("[data-product-id]", has_text="Ceramic Mug").first
    mug.get_by_role("button", name=f"{say['edit']} Ceramic Mug").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=title]").fill("Ceramic Mug 350 ml")
    dialog.locator("input[name=price]").fill("16.50")
    _check(tab, f"catalog-edit-{lang}")
    with page.expect_response("**/api/v1/products/*") as saved:
        dialog.get_by_role("button", name=say["save"], exact=True).click()
    assert saved.value.status == 200 and saved.value.json()["price"].startswith("16.5")
    page.locator("[data-product-id]", has_text="Ceramic Mug 350 ml").wait_for()

    # delete the shirt: its video stays, and the dialog says so before confirming
    shirt = page.locator(f"[data-product-id='{result['product']['id']}']")
    shirt.get_by_role("button", name=f"{say['delete']} Linen Shirt").click()
    dialog = page.locator("dialog[open]")
    dialog.locator(".said", has_text=say["oneVideo"]).wait_for()
    _check(tab, f"catalog-delete-{lang}")
    with page.expect_response("**/api/v1/products/*") as deleted:
        dialog.get_by_role("button", name=say["deleteProduct"]).click()
    assert deleted.value.status == 204
    shirt.wait_for(state="detached")
    with _client(studio, email) as client:
        videos = client.get("/api/v1/videos").json()["data"]
        assert [v["product_id"] for v in videos] == [None]  # the video stayed
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)


@pytest.mark.parametrize("lang, width", CASES)
def test_ad_exports_are_detected_on_their_page_and_named_on_the_wrong_one(
    tab_factory: Any, studio: Studio, tmp_path: Path, lang: str, width: int
) -> None:
    say = TEXT[lang]
    email = _seller(studio, f"ads-{lang.lower()}-{width}")
    tab = tab_factory(width, locale=lang)
    page = tab.page
    _sign_in(tab, email, lang)

    # a Meta export dropped on the catalog page is named, and carried to the right page
    meta = export_file(tmp_path, "meta_ads")
    _drop(tab, "catalog", meta)
    preview = _preview(tab, "catalog")
    preview.get_by_role("alert").wait_for()
    assert say["wrongMeta"] in preview.get_by_role("alert").inner_text()
    _check(tab, f"import-wrong-page-catalog-{lang}")
    preview.get_by_role("button", name=say["open"]).click()
    page.wait_for_selector("main[data-page=ads]")
    preview = _preview(tab, "ads")
    assert preview.locator(".found").inner_text().startswith(say["meta"])
    _check(tab, f"import-meta-preview-{lang}")
    with page.expect_response("**/api/v1/imports") as answer:
        preview.get_by_role("button", name=say["import"], exact=True).click()
    assert answer.value.status == 201, answer.value.text()
    run = answer.value.json()["ads"]
    assert (run["platform"], run["rows_total"]) == ("meta", 3)
    page.wait_for_selector("#import-counts")
    assert meta.name in page.locator("#import-detail").inner_text()

    # a TikTok export (Excel) on the ads page: detected as TikTok, no platform to choose
    tiktok = export_file(tmp_path, "tiktok_ads", "xlsx")
    page.get_by_label(say["choose"]).set_input_files(str(tiktok))  # chosen, not dropped
    preview = _preview(tab, "ads")
    assert preview.locator(".found").inner_text().startswith(say["tiktok"])
    with page.expect_response("**/api/v1/imports") as answer:
        preview.get_by_role("button", name=say["import"], exact=True).click()
    assert answer.value.status == 201, answer.value.text()
    assert answer.value.json()["ads"]["platform"] == "tiktok"
    page.wait_for_function(f"() => location.hash === '#/ads/{answer.value.json()['ads']['id']}'")
    page.wait_for_selector("#import-counts")
    _check(tab, f"import-tiktok-imported-{lang}")

    # a Shopify export on the ads page is named too; nothing is imported
    _drop(tab, "ads", export_file(tmp_path, "shopify_products"))
    preview = _preview(tab, "ads")
    preview.get_by_role("alert").wait_for()
    assert say["wrongShopify"] in preview.get_by_role("alert").inner_text()
    _check(tab, f"import-wrong-page-ads-{lang}")
    with _client(studio, email) as client:
        assert client.get("/api/v1/products").json()["count"] == 0
        assert client.get("/api/v1/ad-imports").json()["count"] == 2
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)
