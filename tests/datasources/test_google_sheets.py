"""Google Sheets catalogs: public CSV export link (httpx) and gspread with a service account."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from plugins.google_sheets import GoogleSheetsCatalog, csv_export_url
from studio.contracts import DataSource, FetchQuery, PluginError, RejectedRow
from studio.product import ProductData

from .fake_google import FakeGoogle

ROWS = [
    ["SKU", "Product name", "Price", "Category", "Image URL"],
    ["A1", "Linen dress", "1,049.00", "Dresses", "https://x/a.jpg"],
    ["A2", "Silk scarf", "", "Scarves", ""],
]
SHEETS = {"1AbC_sheet": {"Products": ROWS, "Other": [["x"], ["y"]]}}


def fetch(source):
    rows = list(source.fetch(FetchQuery(kind="products")))
    return (
        [r for r in rows if isinstance(r, ProductData)],
        [r for r in rows if isinstance(r, RejectedRow)],
    )


def test_contract_and_link_conversion():
    assert isinstance(GoogleSheetsCatalog(), DataSource)
    edit = "https://docs.google.com/spreadsheets/d/1AbC_sheet/edit#gid=42"
    assert csv_export_url(edit) == (
        "https://docs.google.com/spreadsheets/d/1AbC_sheet/export?format=csv&gid=42"
    )


def test_public_sheet_as_csv():
    with FakeGoogle(SHEETS, public={"1AbC_sheet"}) as fake:
        source = GoogleSheetsCatalog()
        source.connect(
            {
                "url": f"{fake.url}/spreadsheets/d/1AbC_sheet/export?format=csv&gid=0",
                "mapping": {"images": "Image URL"},
                "currency": "GBP",
            }
        )
        products, rejected = fetch(source)
    assert [
        (p.external_id, p.title, p.price, p.currency, p.category, p.images) for p in products
    ] == [("A1", "Linen dress", Decimal("1049.00"), "GBP", "Dresses", ["https://x/a.jpg"])]
    assert [r.row_number for r in rejected] == [3]


def test_private_sheet_link_says_how_to_share_it():
    with FakeGoogle(SHEETS, public=set()) as fake:
        source = GoogleSheetsCatalog()
        source.connect({"url": f"{fake.url}/spreadsheets/d/1AbC_sheet/export?format=csv"})
        with pytest.raises(PluginError, match="Anyone with the link"):
            fetch(source)


@pytest.fixture
def service_account_file(tmp_path):
    def make(token_uri: str):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        path = tmp_path / "sa.json"
        path.write_text(
            json.dumps(
                {
                    "type": "service_account",
                    "project_id": "studio-test",
                    "private_key_id": "k1",
                    "private_key": pem,
                    "client_email": "studio@studio-test.iam.gserviceaccount.com",
                    "client_id": "1",
                    "token_uri": token_uri,
                }
            )
        )
        return path

    return make


def test_gspread_with_a_service_account(service_account_file):
    with FakeGoogle(SHEETS, public=set()) as fake:
        source = GoogleSheetsCatalog()
        source.connect(
            {
                "spreadsheet": "https://docs.google.com/spreadsheets/d/1AbC_sheet/edit",
                "worksheet": "Products",
                "service_account_file": str(service_account_file(f"{fake.url}/token")),
                "api_endpoint": fake.url,
            }
        )
        products, rejected = fetch(source)
        assert "POST /token" in fake.requests  # a real JWT grant was made
    assert [(p.title, p.price) for p in products] == [("Linen dress", Decimal("1049.00"))]
    assert rejected[0].row_number == 3 and "price is empty" in rejected[0].reason


def test_gspread_missing_worksheet_or_sheet(service_account_file):
    with FakeGoogle(SHEETS, public=set()) as fake:
        sa = str(service_account_file(f"{fake.url}/token"))
        source = GoogleSheetsCatalog()
        source.connect(
            {
                "spreadsheet": "1AbC_sheet",
                "worksheet": "Nope",
                "service_account_file": sa,
                "api_endpoint": fake.url,
            }
        )
        with pytest.raises(PluginError, match="no worksheet named 'Nope'"):
            fetch(source)
        source.connect(
            {"spreadsheet": "missing", "service_account_file": sa, "api_endpoint": fake.url}
        )
        with pytest.raises(PluginError, match="not shared with the service account"):
            fetch(source)
