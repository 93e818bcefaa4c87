"""The batch builder says what it will do and why it cannot (issue 18, the smaller points):
the catalog's selection reaches a batch page opened in a new tab; which products a batch takes
is said in words (never a silent fall-back to the whole catalog); a greyed-out button says
why; a batch that reuses videos made before says so; a generator that is not set up is shown
as such and cannot be chosen. In English at 1440 px and in Chinese at 390 px."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.ui.conftest import sample_products

pytestmark = pytest.mark.slow

WORDS = {
    "en": {"select": "Make videos", "build": "Build a batch", "template": "Price drop",
           "render": "Render the videos", "selected": "The batch uses the 2 products you "
           "selected in the catalog.", "no_template": "Choose at least one template",
           "no_match": "No product matches the search",
           "reused": "reused rather than made again: 1",
           "needs_setup": "needs setting up", "setup_hint": "no account key yet"},
    "zh-CN": {"select": "制作视频", "build": "创建批次", "template": "降价促销",
              "render": "开始渲染", "selected": "此批次使用你在商品库中选择的 2 个商品。",
              "no_template": "请至少选择一个模板", "no_match": "没有商品符合搜索条件",
              "reused": "直接沿用", "needs_setup": "尚未设置", "setup_hint": "还没有账户密钥"},
}


def _sign_in(tab: Any, language: str) -> None:
    tab.sign_in()
    if language != "en":
        tab.page.locator("#lang").select_option(language)
        tab.page.wait_for_function(f"() => document.documentElement.lang === '{language}'")


@pytest.mark.parametrize(("language", "width"), [("en", 1440), ("zh-CN", 390)])
def test_the_batch_builder_says_what_it_will_do(tab_factory, studio, language, width) -> None:
    words = WORDS[language]
    # two products of this test's own: the studio is shared by the whole session, and another
    # test's videos of the sample products would be "reused" here too
    run = uuid.uuid4().hex[:6]
    with studio.client() as client:
        chosen = [client.post("/api/v1/products", json={**body, "title": f"{body['title']} {run}"}
                              ).raise_for_status().json()["id"]
                  for body in sample_products()[:2]]
    tab = tab_factory(width=width)
    _sign_in(tab, language)
    page = tab.page
    # a fresh choice of two products, whatever an earlier test left
    page.evaluate("() => localStorage.removeItem('studio.selection')")
    tab.go("templates")
    tab.go("catalog")
    for product in chosen:
        card = page.locator(f"[data-product-id='{product}']")
        card.wait_for()
        card.get_by_label(words["select"]).check()

    # the batch builder in a new tab of the same browser sees the same two products
    other = tab.page.context.new_page()
    other.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    other.goto(f"{tab.base_url}/#/batch")
    other.wait_for_selector("main[data-page=batch]")
    note = other.locator("#batch-scope-note")
    note.wait_for()
    other.wait_for_function("() => document.querySelector('#batch-scope-note').textContent")
    print(language, "scope:", note.inner_text())
    assert note.inner_text() == words["selected"]

    # no template: the button is greyed out and says why
    for box in other.locator("input[name=template]:checked").all():
        box.uncheck()
    other.wait_for_function("() => document.querySelector('#batch-why-not').textContent")
    assert words["no_template"] in other.locator("#batch-why-not").inner_text()
    assert other.get_by_role("button", name=words["render"]).is_disabled()

    # a search that matches nothing says so, instead of a silent 0
    other.locator("select[name=scope]").select_option("filter")
    other.locator("input[name=q]").fill("no such product zzzz")
    other.get_by_label(words["template"]).check()
    other.wait_for_function(
        "text => document.querySelector('#batch-why-not').textContent.includes(text)",
        arg=words["no_match"])
    other.locator("input[name=q]").fill("")
    other.locator("select[name=scope]").select_option("selected")
    other.wait_for_function("() => document.querySelector('#video-count').textContent === '2'")

    # a generator without its account key is listed, marked and cannot be chosen
    unusable = other.locator("select[name=generator] option[disabled]")
    assert unusable.count() >= 1
    assert words["needs_setup"] in unusable.first.inner_text()
    assert words["setup_hint"] in other.locator("#generators-setup-hint").inner_text()

    # the first product alone, then both: the second batch reuses the first one's video
    with other.expect_response("**/api/v1/batches") as first:
        other.evaluate("id => localStorage.setItem('studio.selection', "
                       "JSON.stringify({products: [id], templates: []}))", chosen[0])
        other.reload()
        other.wait_for_selector("main[data-page=batch]")
        other.get_by_label(words["template"]).check()
        other.wait_for_function("() => document.querySelector('#video-count').textContent === '1'")
        other.get_by_role("button", name=words["render"]).click()
    assert first.value.status == 202, first.value.text()
    other.wait_for_url("**/#/tasks/*")
    other.evaluate("ids => localStorage.setItem('studio.selection', "
                   "JSON.stringify({products: ids, templates: []}))", chosen)
    other.goto(f"{tab.base_url}/#/batch")
    other.wait_for_selector("main[data-page=batch]")
    other.get_by_label(words["template"]).check()
    other.wait_for_function("() => document.querySelector('#video-count').textContent === '2'")
    with other.expect_response("**/api/v1/batches") as second:
        other.get_by_role("button", name=words["render"]).click()
    batch = second.value.json()
    assert second.value.status == 202 and len(batch["reused_video_ids"]) == 1, batch
    toast = other.locator("#toast")
    toast.wait_for(state="visible")
    print(language, "toast:", toast.inner_text())
    assert words["reused"] in toast.inner_text()

    # the candidates form marks the same generators
    tab.go("candidates")
    page.wait_for_selector("select[name=generator]")
    assert words["needs_setup"] in page.locator(
        "select[name=generator] option[disabled]").first.inner_text()
    # what is chosen at first is a generator that can be used
    chosen_generator = page.locator("select[name=generator]").input_value()
    assert page.locator(f"select[name=generator] option[value='{chosen_generator}']"
                        ).get_attribute("disabled") is None
    tab.screenshot(f"candidates-generators-{language}")
    tab.go("batch")
    tab.screenshot(f"batch-builder-{language}")
    assert not tab.axe_violations()
    assert not tab.errors, tab.errors
