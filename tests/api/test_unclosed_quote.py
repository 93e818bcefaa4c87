"""A quote never closed, through the API doors (issue 18): the import box's preview and its
import, and an ad export — small (read row by row) or big (read in columns by pyarrow, which
would take the rest of the file as the last cell without a word) — answer 422
``import.unclosed_quote`` naming the seller's file and the row where the quote opens, never
a count of rows without a price or an import missing the rows after the quote."""

from __future__ import annotations

import pytest

from studio.roi import import_workers

from .test_ads_and_roi import HEADERS

SAID = ('{file}: row {row}: a quote (") opens here and is never closed — close it or remove '
        "it, then import again")
CATALOG = b'sku,title,price\nA1,"Blue mug,12.50\nB2,Lamp,30\n'


def _upload(client, tenant, route: str, data: bytes, name: str, **form: str):
    return client.post(f"/api/v1/{route}", headers=tenant.headers,
                       files={"file": (name, data, "text/csv")}, data=form)


def _refused(answer, file: str, row: int) -> None:
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert (problem["code"], problem["field"]) == ("import.unclosed_quote", "body.file")
    assert (problem["params"]["file"], problem["params"]["row"]) == (file, row)
    assert problem["detail"] == SAID.format(file=file, row=row)


def test_the_import_box_refuses_a_catalog_with_a_quote_never_closed(client, tenant):
    for route in ("imports/detect", "imports"):
        answer = _upload(client, tenant, route, CATALOG, "mugs.csv", page="catalog",
                         currency="USD")
        _refused(answer, "mugs.csv", 2)
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 0


def _meta(last_cell: str) -> bytes:
    """Three days of one ad; the quote opens in row 3 (in its name, or its last cell)."""
    lines = [",".join(HEADERS)]
    for day, name, thruplays in (("2026-10-01", "Mug", "300"), ("2026-10-02", '"Mug', "300"),
                                 ("2026-10-03", "Mug", "300")):
        if last_cell == "last" and day == "2026-10-02":
            name, thruplays = "Mug", '"300'
        lines.append(f"{day},{name},101,50.00,5000,100,4,200,1500,{thruplays}")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("big", [False, True], ids=["row by row", "in columns"])
@pytest.mark.parametrize("where", ["name", "last"])
def test_an_ad_export_with_a_quote_never_closed_is_refused_not_miscounted(
        client, tenant, monkeypatch: pytest.MonkeyPatch, big: bool, where: str):
    if big:  # every file takes the big-file path (pyarrow)
        monkeypatch.setattr(import_workers, "MIN_TEXT", 0)
    for route, form in (("ad-imports", {"source": "meta"}), ("imports", {"page": "ads"})):
        answer = _upload(client, tenant, route, _meta(where), "week.csv", **form)
        _refused(answer, "week.csv", 3)
    assert client.get("/api/v1/ad-imports", headers=tenant.headers).json()["count"] == 0
