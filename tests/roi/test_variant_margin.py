"""A shop order naming a variant (its SKU) is costed at that variant's margin, end to end:
order file → import → ROI from the database (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal as D

from plugins.csv_catalog import CsvCatalog
from studio.contracts import FetchQuery
from studio.db import Product, Video, Workspace
from studio.roi.query import roi_from_db
from studio.roi.store import import_orders


def test_an_order_naming_a_variant_uses_its_price_and_cost(session, tmp_path):
    ws = Workspace(name="Tees", slug="tees")
    session.add(ws)
    session.flush()
    tee = Product(
        workspace_id=ws.id, title="Tee", price=D("20"), cost=D("10"), source="shopify",
        external_id="tee",
        variants=[{"sku": "TEE-S", "price": "20", "cost": "10"},
                  {"sku": "TEE-XL", "price": "25", "cost": "20"}],
    )  # fmt: skip
    session.add(tee)
    session.flush()
    session.add(Video(workspace_id=ws.id, creative_code="V4R1ANT5", product_id=tee.id,
                      template_id="showcase", template_version="v1", status="succeeded"))
    session.commit()
    orders = tmp_path / "orders_export.csv"
    orders.write_text(
        "Name,Created at,Total,Currency,Lineitem sku,utm_content\n"
        "#1,2026-10-01,25.00,USD,TEE-XL,V4R1ANT5\n"
        "#2,2026-10-01,25.00,USD,TEE-XL,V4R1ANT5\n"
        "#3,2026-10-02,20.00,USD,,V4R1ANT5\n", encoding="utf-8")
    source = CsvCatalog()
    source.connect({})
    stored, rejected = import_orders(
        session, ws.id, source.fetch(FetchQuery(kind="orders", path=orders)), source="shopify")
    session.commit()
    assert (stored, rejected) == (3, [])

    [g] = roi_from_db(session, ws.id, revenue_source="orders").groups
    # two XL at (25 − 20) ÷ 25 = 20 %, one unnamed at the product's (20 − 10) ÷ 20 = 50 %;
    # the product's first variant for all three would have said 70 × 50 % = 35
    assert g.revenue == D("70") and g.purchases == 3
    assert g.gross_profit == D("20")
