"""The web import box in Debian Chromium, in English and in Chinese (issue 18): a catalog whose
quote is never closed is refused in the preview with the file, the row where the quote opens
and what to do, in the seller's language (not "1 rows have a title but no price"); a note
about one row says "1 row"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.datasources.exports import export_file

from .conftest import Studio
from .test_import_box import CASES, _drop, _preview, _seller, _sign_in

TEXT = {
    # English shows the server's own sentence (ui/components.js errorText)
    "en": {"refused": 'mugs.csv: row 2: a quote (") opens here and is never closed — close '
                      "it or remove it, then import again",
           "one_row": "1 row has a title but no price; it will be listed as not imported."},
    "zh-CN": {"refused": "mugs.csv 第 2 行：这里有一个引号（\"）开始后一直没有闭合——请补上"
                         "闭合的引号或删除它，然后重新导入。",
              "one_row": "有 1 行有标题但没有价格，这一行不会被导入，并会列出原因。"},
}


@pytest.mark.parametrize("lang, width", CASES)
def test_an_unclosed_quote_is_named_in_the_preview_and_one_row_is_one_row(
    tab_factory: Any, studio: Studio, tmp_path: Path, lang: str, width: int
) -> None:
    tab = tab_factory(width, locale=lang)
    _sign_in(tab, _seller(studio, f"quotes-{lang.lower()}-{width}"), lang)
    say = TEXT[lang]

    broken = tmp_path / "mugs.csv"
    broken.write_bytes(b'sku,title,price\nA1,"Blue mug,12.50\nB2,Lamp,30\n')
    with tab.page.expect_response("**/api/v1/imports/detect") as detected:
        _drop(tab, "catalog", broken)
    assert detected.value.status == 422
    box = tab.page.locator(".dropzone[data-page=catalog] + .import-preview")
    box.locator(".notice").wait_for()
    said = box.inner_text()
    assert say["refused"] in said, said
    assert "no price" not in said and "没有价格" not in said
    assert "/tmp" not in said and "studio-upload" not in said

    # the generic catalog has one row with a title and no price
    _drop(tab, "catalog", export_file(tmp_path, "catalog"))
    preview = _preview(tab, "catalog")
    assert say["one_row"] in preview.inner_text()
    tab.screenshot(f"import-box-quotes-{lang}")
