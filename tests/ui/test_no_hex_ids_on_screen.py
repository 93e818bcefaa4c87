"""Issue 18, seller words only: no hex id stands for a thing on a seller's screen, in English
and in Chinese — a candidate set is named by its product, the template asked for, how many
candidates and when (not by its group key); the template editor and the brand kit's list of
saved templates show no version hash (the brand kit says when a template was saved).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from .conftest import REPO, Studio

STRINGS = {lang: json.loads((REPO / "ui" / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
           for lang in ("en", "zh-CN")}
# 8 or more lowercase hex digits with at least one letter and one digit: a group key, a hash
HEX_ID = re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{8,}\b")
LANGS = ["en", "zh-CN"]


def _t(lang: str, key: str, **params: object) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), STRINGS[lang][key])


def _hex_ids(text: str) -> list[str]:
    return [f"…{text[max(0, m.start() - 40):m.end() + 20]!r}…" for m in HEX_ID.finditer(text)]


def _signed_in(tab_factory: Any, lang: str, width: int = 1440) -> Any:
    tab = tab_factory(width)
    tab.sign_in()
    if lang != "en":
        tab.page.locator("#lang").select_option(lang)
        tab.page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    return tab


@pytest.mark.parametrize("lang", LANGS)
def test_a_candidate_set_is_named_by_its_product_template_count_and_time(
    tab_factory: Any, studio: Studio, products: list[dict[str, Any]], lang: str
) -> None:
    product = products[-1]
    with studio.client() as client:
        answer = client.post("/api/v1/candidates", json={
            "product": product["id"], "template": "price-drop", "generator": "sora",
            "count": 2})
        assert answer.status_code == 202, answer.text
        group = answer.json()["group"]
        template = client.get("/api/v1/templates/price-drop",
                              headers={"Accept-Language": lang}).json()["name"]
    tab = _signed_in(tab_factory, lang, 390 if lang == "zh-CN" else 1440)
    page = tab.page
    tab.go("candidates")
    item = page.locator(f"[aria-labelledby=groups-h] li:has(a[href='#/candidates/{group}'])")
    listed = item.inner_text()
    print(f"\n[{lang}] the set in the list: {listed!r}")
    assert group not in listed
    assert listed.startswith(f"{product['title']} · {template} · "
                             f"{_t(lang, 'candidates.setCount', n=2)} · "), listed
    # when: a day and a time of day, as the seller's language writes them
    assert re.search(r"\d{1,2}:\d{2}", listed), listed
    assert not _hex_ids(page.locator("main").inner_text()), _hex_ids(
        page.locator("main").inner_text())

    item.get_by_role("link").click()
    page.wait_for_selector(".candidates [data-video-id]")
    heading = page.locator("#group-h").inner_text()
    print(f"[{lang}] the set opened: {heading!r}")
    assert heading.startswith(_t(lang, "candidates.group",
                                 label=f"{product['title']} · {template} · ")), heading
    main = page.locator("main").inner_text()
    assert group not in main and not _hex_ids(main), _hex_ids(main)
    tab.screenshot(f"candidates-named-{lang}")
    assert not tab.errors, "\n".join(tab.errors)


@pytest.mark.parametrize("lang", LANGS)
def test_the_template_editor_and_saved_templates_show_no_version_hash(
    tab_factory: Any, studio: Studio, products: list[dict[str, Any]], lang: str
) -> None:
    name = "Hex check" if lang == "en" else "十六进制检查"
    with studio.client() as client:
        saved = client.post("/api/v1/my-templates", json={"name": name, "base": "showcase"})
        assert saved.status_code == 201, saved.text
        version = saved.json()["version"]
        builtin = client.get("/api/v1/templates/price-drop").json()["version"]
    tab = _signed_in(tab_factory, lang)
    page = tab.page
    tab.go("templates")
    page.locator("[data-template-id=price-drop] button").click()
    page.wait_for_selector("#save-mine")
    editor = page.locator("[aria-labelledby=detail-h]").inner_text()
    print(f"\n[{lang}] editor of price-drop (version {builtin}): {editor[:120]!r}")
    assert builtin not in editor and not _hex_ids(editor), _hex_ids(editor)

    tab.go("brand")
    row = page.locator(".saved-item", has=page.locator(f"[data-saved-id='{saved.json()['id']}']"))
    text = row.inner_text()
    print(f"[{lang}] saved template (version {version}): {text!r}")
    assert version not in text and not _hex_ids(text), _hex_ids(text)
    assert STRINGS[lang]["brand.savedOn"].split("{")[0].strip() in text, text
    assert not tab.errors, "\n".join(tab.errors)
