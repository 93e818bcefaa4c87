"""Every page of the web studio, at phone (390 px) and desktop (1440 px) width: it renders
without console errors, passes axe-core without serious/critical violations, and is saved as
a screenshot in test-artifacts/ui/. Plus sign-in errors, the language switch and the keyboard.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import EMAIL, WIDTHS, Studio

PAGES = ("catalog", "templates", "batch", "tasks", "videos", "candidates", "ads", "roi",
         "events", "usage", "plugins", "keys")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_renders_cleanly_and_accessibly(
    tab_factory: Any, studio: Studio, products: list[dict[str, Any]], width: int
) -> None:
    tab = tab_factory(width)
    tab.open()
    assert tab.page.get_by_role("heading", name="Sign in").is_visible()
    tab.screenshot("signin")
    problems = {"signin": tab.axe_violations()}
    tab.sign_in()
    # the language switch shows its whole name ("English", not "Eng"), however the bar fits
    room = tab.page.evaluate(
        """() => { const s = document.getElementById('lang');
                   if (!s.offsetParent) return null;  // the phone's menu is closed
                   const c = document.createElement('canvas').getContext('2d');
                   c.font = getComputedStyle(s).font;
                   return s.clientWidth - c.measureText(s.selectedOptions[0].text).width; }"""
    )
    assert room is None or room >= 16, f"the language switch is clipped ({room:.0f}px to spare)"
    seen_tables: list[str] = []
    for name in PAGES:
        tab.go(name)
        heading = tab.page.locator("main h1")
        assert heading.is_visible(), name
        if name == "templates":
            # the gallery thumbnails are real renders of a product in each template
            tab.page.wait_for_selector("[data-template-id] img", timeout=120_000)
            tab.page.wait_for_function(
                "() => !document.querySelector('[data-template-id] .thumb.pending')",
                timeout=120_000,
            )
        problems[name] = tab.axe_violations()
        tab.screenshot(name)
        # nothing overflows sideways: a phone user never scrolls horizontally
        overflow = tab.page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{name} is {overflow}px wider than the {width}px screen"
        if width == WIDTHS["phone"]:
            seen_tables += [name] * tab.check_phone_tables(name)
    bad = {page: found for page, found in problems.items() if found}
    assert not bad, f"axe-core serious/critical violations: {bad}"
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)
    if width == WIDTHS["phone"]:
        assert seen_tables, "no page showed a table to check on the phone"


def test_catalog_shows_the_product_photos_stored_on_the_server(
    tab_factory: Any, products: list[dict[str, Any]]
) -> None:
    tab = tab_factory(1440)
    tab.sign_in()
    cards = tab.page.locator("[data-product-id] .thumb img")
    cards.first.wait_for()
    shown = tab.page.evaluate(
        """() => Promise.all([...document.querySelectorAll('[data-product-id] .thumb img')]
            .map(async (img) => {
                img.loading = 'eager';
                await img.decode().catch(() => null);
                return { src: img.getAttribute('src'), w: img.naturalWidth };
            }))"""
    )
    local = [p for p in products if p["images"] and not p["images"][0].startswith("http")]
    assert local, "the sample products have photos in the media folder"
    served = {s["src"]: s["w"] for s in shown}
    for product in local:
        src = f"/api/v1/products/{product['id']}/images/0"
        assert served.get(src, 0) > 0, f"{product['title']}: photo {src} not shown ({shown})"
    assert not tab.errors, "\n".join(tab.errors)


def test_phone_menu_opens_with_the_keyboard(tab_factory: Any, products: list[Any]) -> None:
    tab = tab_factory(390)
    tab.sign_in()
    nav = tab.page.locator("#nav")
    assert not nav.is_visible()
    toggle = tab.page.get_by_role("button", name="Menu")
    toggle.focus()
    tab.page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert nav.get_by_role("link", name="Plugins").is_visible()
    nav.get_by_role("link", name="Plugins").click()
    tab.page.wait_for_selector("main[data-page=plugins]")
    assert not nav.is_visible()  # the menu closes after choosing a page


def test_keyboard_reaches_the_skip_link_and_focus_is_visible(tab_factory: Any) -> None:
    tab = tab_factory(1440)
    tab.sign_in()
    tab.page.reload()
    tab.page.wait_for_selector("main[data-page=catalog]")
    tab.page.keyboard.press("Tab")
    focused = tab.page.evaluate("() => document.activeElement.textContent")
    assert focused == "Skip to content"
    outline = tab.page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle"
    )
    assert outline not in ("none", ""), "the focused element shows no outline"
    tab.page.keyboard.press("Enter")
    assert tab.page.evaluate("() => document.activeElement.id") == "main"


def test_wrong_password_says_so_and_keeps_the_seller_on_sign_in(tab_factory: Any) -> None:
    tab = tab_factory(1440)
    tab.open()
    tab.page.get_by_label("Email").fill(EMAIL)
    tab.page.get_by_label("Password").fill("not-the-password")
    tab.page.get_by_role("button", name="Sign in").click()
    alert = tab.page.get_by_role("alert")
    alert.wait_for()
    assert "password" in alert.inner_text().lower()
    assert tab.page.locator("main").get_attribute("data-page") == "signin"


def test_chinese_is_chosen_kept_after_reload_and_used_for_numbers(
    tab_factory: Any, products: list[Any]
) -> None:
    tab = tab_factory(1440)
    tab.sign_in()
    tab.page.get_by_label("Language").select_option("zh-CN")
    tab.page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    tab.page.wait_for_selector("main[data-page=catalog]")
    assert tab.page.locator("main h1").inner_text() == "商品库"
    tab.page.reload()
    tab.page.wait_for_selector("main[data-page=catalog]")
    assert tab.page.locator("main h1").inner_text() == "商品库"
    assert tab.page.get_by_role("link", name="投资回报").is_visible()
    assert "共" in tab.page.locator("main").inner_text()  # "共 N 个商品"
    tab.screenshot("catalog-zh")
    tab.page.get_by_label("语言").select_option("en")
    tab.page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert tab.errors == []


def test_a_first_visit_in_a_chinese_browser_starts_in_chinese(tab_factory: Any) -> None:
    tab = tab_factory(390, locale="zh-CN")
    tab.open()
    assert tab.page.locator("main h1").inner_text() == "登录"
    assert tab.page.evaluate("() => document.documentElement.lang") == "zh-CN"


def test_template_form_is_built_from_its_fields_and_the_preview_follows_edits(
    tab_factory: Any, products: list[Any]
) -> None:
    tab = tab_factory(1440)
    tab.sign_in()
    tab.go("templates")
    card = tab.page.locator("[data-template-id=price-drop]")
    card.get_by_role("button", name="Open and preview").click()
    tab.page.wait_for_selector("img[data-preview=still]", timeout=60_000)
    # one labelled control per field of templates/price-drop/template.yaml, typed by kind
    assert tab.page.get_by_label("Urgency line").evaluate("el => el.tagName") == "SELECT"
    assert tab.page.get_by_label("Sale colour").get_attribute("type") == "color"
    assert tab.page.get_by_label("Sale price").get_attribute("type") == "number"
    # where a blank comes from, in the seller's words (not the binding's key)
    assert "the product's title" in tab.page.locator("main").inner_text()
    before = tab.page.locator("img[data-preview=still]").get_attribute("src")
    with tab.page.expect_response("**/api/v1/templates/price-drop/preview") as answer:
        tab.page.get_by_label("Urgency line").select_option("Today only")
    assert answer.value.status == 200
    assert answer.value.request.post_data_json["overrides"] == {"urgency": "Today only"}
    tab.page.wait_for_function(
        "before => document.querySelector('img[data-preview=still]')?.src !== before", arg=before
    )
    tab.page.get_by_role("button", name="Preview as low-resolution video").click()
    tab.page.wait_for_selector(".preview-box video", timeout=120_000)
    tab.screenshot("templates-detail")
    assert not tab.errors, "\n".join(tab.errors)


def test_an_api_key_is_shown_once_listed_and_revoked(tab_factory: Any, studio: Studio) -> None:
    tab = tab_factory(1440)
    tab.sign_in()
    tab.go("keys")
    tab.page.get_by_label("Name").fill("ERP sync")
    tab.page.get_by_role("button", name="Create key").click()
    key = tab.page.locator("#new-key").input_value()
    assert key.startswith("sk_")
    # the key works against the API, until it is revoked
    assert studio.client().get("/api/v1/keys").status_code == 200
    with_key = {"Authorization": f"Bearer {key}"}
    assert httpx.get(f"{studio.base_url}/api/v1/products", headers=with_key).status_code == 200
    tab.page.once("dialog", lambda dialog: dialog.accept())
    tab.page.get_by_role("button", name="Revoke key ERP sync").click()
    tab.page.wait_for_selector("text=Revoked")
    assert httpx.get(f"{studio.base_url}/api/v1/products", headers=with_key).status_code == 401
    # a 401 answered to httpx is not the page's; the page itself stayed clean
    assert not tab.errors, "\n".join(tab.errors)


def test_a_batch_is_cancelled_from_the_task_center(
    tab_factory: Any, studio: Studio, products: list[dict[str, Any]]
) -> None:
    items = [{"product": p["id"], "template": "showcase", "format": "1:1"} for p in products[:4]]
    with studio.client() as client:
        batch = client.post("/api/v1/batches", json={"name": "to cancel", "items": items}).json()
    tab = tab_factory(1440)
    tab.sign_in()
    tab.go("tasks", str(batch["id"]))
    tab.page.once("dialog", lambda dialog: dialog.accept())
    tab.page.get_by_role("button", name="Cancel the batch").click()
    tab.page.wait_for_function(
        "() => ['completed', 'completed_with_failures', 'failed', 'cancelled'].includes("
        "document.querySelector('#batch-progress')?.dataset.status)",
        timeout=180_000,
    )
    table = tab.page.locator("#batch-detail table")
    assert table.locator("tr", has_text="Cancelled").count() >= 1, table.inner_text()
    assert "cancelled" in tab.page.locator("#batch-progress").inner_text()
    tab.screenshot("tasks-cancelled")
    assert not tab.errors, "\n".join(tab.errors)


def test_a_failed_video_says_what_to_fix_and_retry_makes_it(
    tab_factory: Any, studio: Studio, products: list[dict[str, Any]]
) -> None:
    with studio.client() as client:
        broken = client.post("/api/v1/products", json={
            "title": "Desk lamp with a missing photo", "price": "25.00", "currency": "USD",
            "images": ["photos/this-photo-was-never-uploaded.jpg"],
        }).json()
        batch = client.post("/api/v1/batches", json={
            "name": "broken photo",
            "items": [{"product": broken["id"], "template": "price-drop", "format": "9:16"}],
        }).json()
    tab = tab_factory(1440)
    tab.sign_in()
    # the catalog cannot show the missing photo: the card keeps the product's initials
    card = tab.page.locator(f"[data-product-id='{broken['id']}']")
    card.locator(".thumb .placeholder").wait_for()
    missing_photo = f"/api/v1/products/{broken['id']}/images/0"
    tab.errors[:] = [e for e in tab.errors if missing_photo not in e]  # that 404 is expected
    tab.go("tasks", str(batch["id"]))
    tab.page.wait_for_function(
        "() => document.querySelector('#batch-progress')?.dataset.status === 'failed'",
        timeout=120_000,
    )
    row = tab.page.locator("#batch-detail tr", has_text="Desk lamp")
    assert "this-photo-was-never-uploaded.jpg" in row.inner_text()  # the worker's reason
    assert "Check the product's photos" in row.inner_text()  # and what the seller can do
    tab.screenshot("tasks-failed")
    with studio.client() as client:  # the seller fixes the photo...
        client.patch(f"/api/v1/products/{broken['id']}",
                     json={"images": products[0]["images"]}).raise_for_status()
    with tab.page.expect_response("**/api/v1/videos/*/rerender") as answer:
        row.get_by_role("button", name="Retry").click()  # ...and retries
    assert answer.value.status == 202, answer.value.text()
    row.get_by_text("Queued").or_(row.get_by_text("Rendering")).or_(
        row.get_by_text("Done")).first.wait_for()
    assert not tab.errors, "\n".join(tab.errors)
    row.get_by_text("Done").wait_for(timeout=120_000)  # the re-render really runs
    tab.screenshot("tasks-retried")
