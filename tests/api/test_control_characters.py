"""NUL bytes and other control characters are refused at the door, in every text the API
keeps (JSON bodies, form fields, file names, query strings, the Idempotency-Key), with a 422
naming the field and the position; free text keeps its line breaks and tabs. A catalog file
imported from the command line rejects the product instead of storing it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from studio.cli import get_app
from studio.errors import InvalidInput
from studio.product_media import check_image_reference

PRODUCT = {"title": "Linen shirt", "price": "39.90", "currency": "EUR"}


def _refused(response, field: str, position: int) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == "text.control_characters", problem
    assert problem["field"] == field
    assert problem["params"]["position"] == position
    assert f"{field} contains a control character" in problem["detail"]
    assert f"position {position}" in problem["detail"]


def test_a_nul_in_an_image_path_is_refused_and_nothing_is_stored(client, tenant):
    sent = {**PRODUCT, "images": ["uploads/shoe1.jpg\u0000.jpg"]}
    response = client.post("/api/v1/products", headers=tenant.headers, json=sent)
    _refused(response, "body.images[0]", 17)
    assert response.json()["params"]["character"] == "U+0000"
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 0


@pytest.mark.parametrize("field, value, where, position", [
    ("title", "Linen\nshirt", "body.title", 5),           # a name is one line
    ("title", "Linen \x1b[31mshirt", "body.title", 6),     # an escape sequence
    ("description", "soft\x07linen", "body.description", 4),
    ("category", "apparel\x7f", "body.category", 7),       # DEL too
    ("external_id", "\x00", "body.external_id", 0),
])
def test_every_single_line_text_of_a_product_refuses_them(client, tenant, field, value, where,
                                                           position):
    response = client.post("/api/v1/products", headers=tenant.headers,
                           json={**PRODUCT, field: value})
    _refused(response, where, position)


def test_free_text_keeps_line_breaks_and_tabs(client, tenant):
    sent = {**PRODUCT, "description": "Soft linen.\r\n\tMachine wash.",
            "attributes": {"care": "cold wash\nno tumble dry"}}
    response = client.post("/api/v1/products", headers=tenant.headers, json=sent)
    assert response.status_code == 201, response.text
    assert response.json()["description"] == "Soft linen.\r\n\tMachine wash."
    # ... but a key is a name
    keyed = client.post("/api/v1/products", headers=tenant.headers,
                        json={**PRODUCT, "attributes": {"ca\nre": "x"}})
    _refused(keyed, "body.attributes['ca\\nre']", 2)


def test_nested_texts_and_updates_are_checked_too(client, tenant):
    created = client.post("/api/v1/products", headers=tenant.headers, json=PRODUCT).json()
    patch = client.patch(f"/api/v1/products/{created['id']}", headers=tenant.headers,
                         json={"images": ["https://cdn.example/a.jpg", "uploads/b\x01.jpg"]})
    _refused(patch, "body.images[1]", 9)
    variant = client.patch(f"/api/v1/products/{created['id']}", headers=tenant.headers,
                           json={"variants": [{"sku": "A-1", "options": {"Size": "X\tL"}}]})
    _refused(variant, "body.variants[0].options.Size", 1)
    batch = client.post("/api/v1/batches", headers=tenant.headers, json={
        "name": "autumn\x00", "items": [{"product": created["id"], "template": "showcase"}]})
    _refused(batch, "body.name", 6)
    assert client.get(f"/api/v1/products/{created['id']}",
                      headers=tenant.headers).json()["images"] == []


def test_query_strings_form_fields_and_file_names(client, tenant):
    _refused(client.get("/api/v1/products", headers=tenant.headers, params={"q": "mug\x00"}),
             "query.q", 3)
    csv = b"title,price\nMug,12.50\n"
    source = client.post("/api/v1/products/import", headers=tenant.headers,
                         files={"file": ("c.csv", csv)}, data={"source": "csv\x00"})
    _refused(source, "body.source", 3)
    currency = client.post("/api/v1/ad-imports", headers=tenant.headers,
                           files={"file": ("ads.csv", b"Ad name,Amount spent\n")},
                           data={"currency": "US\x00"})
    _refused(currency, "body.currency", 2)
    # (written by hand: a client library escapes such a file name)
    raw = (b'--cut\r\nContent-Disposition: form-data; name="file"; filename="shop\x01.csv"'
           b"\r\nContent-Type: text/csv\r\n\r\n" + csv + b"\r\n--cut--\r\n")
    named = client.post("/api/v1/products/import", content=raw, headers={
        **tenant.headers, "Content-Type": "multipart/form-data; boundary=cut"})
    _refused(named, "body.file.filename", 4)
    assert client.get("/api/v1/products", headers=tenant.headers).json()["count"] == 0


def test_an_idempotency_key_with_a_control_character_is_refused(client, tenant):
    response = client.post("/api/v1/products", json=PRODUCT, headers={
        **tenant.headers, "Idempotency-Key": "order\x017"})
    _refused(response, "header.idempotency-key", 5)


def test_the_domain_guard_where_a_photo_path_is_used():
    with pytest.raises(InvalidInput) as refused:
        check_image_reference("uploads/shoe1.jpg\x00.jpg")
    assert refused.value.code == "text.control_characters"
    assert refused.value.params["position"] == 17
    assert check_image_reference("uploads/shoe1.jpg") == "uploads/shoe1.jpg"


def test_a_catalog_file_from_the_command_line_rejects_the_product(settings, tmp_path):
    # the cells a careless export or a hostile file holds: a NUL in a title, an escape in an
    # unmapped column, a bell in a description; a line break in a description is kept
    (tmp_path / "catalog.csv").write_bytes(
        b'title,price,description,Colour\n'
        b'Mug\x00 XL,12.50,ok,white\n'
        b'Cup,9.90,"two\nlines",bl\x1bue\n'
        b'Bowl,7.00,ring\x07ring,red\n'
        b'Plate,5.00,"fine\n\tindeed",green\n')
    result = CliRunner().invoke(get_app(), ["import", "catalog", str(tmp_path / "catalog.csv"),
                                            "--json"])
    assert result.exit_code == 0, result.output
    imported = json.loads(result.stdout)
    print(json.dumps(imported["rejected"], indent=1))
    assert imported["stored"] == 1  # only the plate
    reasons = [row["reason"] for row in imported["rejected"]]
    assert reasons == [
        "product 'Mug\\x00 XL': title contains a control character (such as a NUL byte) at "
        "position 3; remove it and send the text again",
        "product 'Cup': attributes.Colour contains a control character (such as a NUL byte) "
        "at position 2; remove it and send the text again",
        "product 'Bowl': description contains a control character (such as a NUL byte) at "
        "position 4; remove it and send the text again",
    ]
    listed = CliRunner().invoke(get_app(), ["import", "catalog", str(tmp_path / "catalog.csv")])
    assert "rejected row(s)" in listed.output
