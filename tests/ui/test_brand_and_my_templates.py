"""A seller sets a brand kit, saves a customised template under their own name and finds it in
the batch builder — in English and in Chinese, at phone (390 px) and desktop (1440 px) width.
Every page on the way: no console errors, no serious/critical axe finding, a screenshot in
test-artifacts/ui/ (brand-*, template-saved-*, batch-mine-*).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from .conftest import WIDTHS, Studio

LANGS = {"en": ("(my template)", "Brand kit saved."), "zh-CN": ("（我的模板）", "品牌套件已保存")}


def _logo(tmp_path) -> str:
    image = Image.new("RGBA", (480, 200), (0, 0, 0, 0))
    image.paste(Image.new("RGBA", (200, 200), (106, 27, 154, 255)), (140, 0))
    path = tmp_path / "logo.png"
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_brand_kit_then_my_template_then_the_batch_builder(
    tab_factory: Any, studio: Studio, products: list[dict[str, Any]], tmp_path, width: int,
    lang: str,
) -> None:
    mine_mark, saved_text = LANGS[lang]
    tab = tab_factory(width)
    page = tab.page
    tab.sign_in()
    if lang != "en":
        page.locator("#lang").select_option(lang)
        page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    problems: dict[str, list[str]] = {}
    suffix = f"{lang}-{width}"

    # 1. the brand kit: logo, colours, font, calls to action, language
    tab.go("brand")
    page.locator("input[name=logo]").set_input_files(_logo(tmp_path))
    page.locator("#upload-logo").click()
    page.wait_for_selector("img[data-logo=set]")
    page.locator("input[name=use_colors]").check()
    page.locator("input[name=primary_color]").fill("#6a1b9a")
    page.locator("select[name=font]").select_option("serif")
    page.locator("input[name=cta_en]").fill("Shop the drop")
    page.locator("input[name=cta_zh]").fill("马上抢购")
    page.locator("#brand-kit button[type=submit]").click()
    page.wait_for_selector("#brand-kit .notice.ok")
    assert saved_text in page.locator("#brand-kit .notice.ok").inner_text()
    problems["brand"] = tab.axe_violations()
    with studio.client() as client:
        kit = client.get("/api/v1/brand-kit").json()
    assert (kit["has_logo"], kit["primary_color"], kit["font"]) == (True, "#6A1B9A", "serif")
    assert kit["call_to_action"] == {"en": "Shop the drop", "zh": "马上抢购"}

    # 2. a customised template saved under the seller's own name
    name = f"Autumn sale {suffix}" if lang == "en" else f"秋季大促 {suffix}"
    tab.go("templates")
    page.locator("[data-template-id=price-drop] button").click()
    page.wait_for_selector("#save-mine")
    page.locator("input[name=cta]").fill("Fall deals")
    page.locator("input[name=my_name]").fill(name)
    page.locator("#save-mine").click()
    page.wait_for_selector(".save-mine [data-saved-id]")
    saved_id = page.locator(".save-mine [data-saved-id]").get_attribute("data-saved-id")
    assert saved_id and saved_id.startswith("my-")
    assert name in page.locator(".save-mine [data-saved-id]").inner_text()
    problems["templates"] = tab.axe_violations()
    tab.screenshot(f"template-saved-{lang}")

    # 3. it is in the batch builder, marked as the seller's, and chosen
    tab.go("batch")
    box = page.locator(f"input[name=template][value='{saved_id}']")
    assert box.is_checked()
    label = page.locator("label", has=box)
    assert label.inner_text().strip() == f"{name} {mine_mark}".replace(" （", "（")
    assert page.locator("#brand-note a[href='#/brand']").is_visible()
    problems["batch"] = tab.axe_violations()
    tab.screenshot(f"batch-mine-{lang}")

    # 4. and listed on the brand kit page with its own version
    tab.go("brand")
    row = page.locator(f".saved-item [data-saved-id='{saved_id}']")
    assert row.inner_text() == name
    problems["brand with my templates"] = tab.axe_violations()
    tab.screenshot(f"brand-{lang}")
    with studio.client() as client:
        saved = client.get(f"/api/v1/my-templates/{saved_id}").json()
    assert saved["fields"] == {"cta": "Fall deals"} and saved["base"] == "price-drop"

    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the brand kit page is {overflow}px wider than {width}px"
    bad = {name: found for name, found in problems.items() if found}
    assert not bad, f"axe-core serious/critical violations: {bad}"
    assert not tab.errors, "console errors:\n" + "\n".join(tab.errors)
