"""Values come back the same from SQLite and PostgreSQL: money, time, JSON, ad identity."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.orm import Session

from studio.db import AdStat, Product, Scope, Workspace, get_sessionmaker
from tests.db.factories import make_ad_import, make_workspace


def test_money_reads_back_as_exact_decimal(session: Session) -> None:
    ws = make_workspace(session, "acme")
    prices = [Decimal("19.99"), Decimal("123456789.123456"), Decimal("0.000001"), 0.1]
    for price in prices:
        session.add(Product(workspace_id=ws.id, title="mug", price=price))
    session.commit()
    session.expire_all()
    got = session.scalars(select(Product.price).order_by(Product.id)).all()
    assert got == [
        Decimal("19.99"),
        Decimal("123456789.123456"),
        Decimal("0.000001"),
        Decimal("0.1"),
    ]
    assert all(isinstance(p, Decimal) and p.as_tuple().exponent == -6 for p in got)
    # sums keep the Decimal type and do not show float noise (0.1 + 0.2)
    session.add_all(
        [
            Product(workspace_id=ws.id, title=t, price=p, category="sum")
            for t, p in (("a", Decimal("0.1")), ("b", Decimal("0.2")))
        ]
    )
    session.commit()
    total = session.scalar(select(func.sum(Product.price)).where(Product.category == "sum"))
    assert total == Decimal("0.3") and isinstance(total, Decimal)


def test_timestamps_are_utc_aware_and_ordered(session: Session) -> None:
    ws = make_workspace(session, "acme")
    beijing = dt.timezone(dt.timedelta(hours=8))
    early = dt.datetime(2026, 11, 23, 10, 0, tzinfo=beijing)  # 02:00 UTC
    late = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
    ws_early = Workspace(name="e", slug="e", created_at=early)
    ws_late = Workspace(name="l", slug="l", created_at=late)
    session.add_all([ws_late, ws_early])
    session.commit()
    session.expire_all()
    assert ws_early.created_at == early and ws_early.created_at.tzinfo == dt.UTC
    assert ws.created_at.tzinfo == dt.UTC
    ordered = session.scalars(
        select(Workspace.slug).where(Workspace.slug.in_(["e", "l"])).order_by(Workspace.created_at)
    ).all()
    assert ordered == ["e", "l"]


def test_naive_datetime_is_refused(session: Session) -> None:
    session.add(Workspace(name="n", slug="n", created_at=dt.datetime(2026, 1, 1)))
    with pytest.raises(StatementError, match="naive datetime 2026-01-01T00:00:00 given"):
        session.flush()


def test_json_keeps_unicode_and_nesting(session: Session) -> None:
    ws = make_workspace(session, "acme")
    attributes = {"材质": "陶瓷 ☕", "sizes": [1, 2.5, None], "nested": {"ok": True}}
    product = Product(workspace_id=ws.id, title="杯子 🍵", price=Decimal(1), attributes=attributes)
    session.add(product)
    session.commit()
    session.expire_all()
    assert product.attributes == attributes and product.title == "杯子 🍵"


def test_ad_identity_is_the_id_or_else_the_name(session: Session) -> None:
    ws = make_workspace(session, "acme")
    imp = make_ad_import(session, ws.id).id
    day = dt.date(2026, 11, 1)
    by_id = AdStat(
        workspace_id=ws.id, ad_import_id=imp, platform="meta", ad_id="42", ad_name="A", date=day
    )
    by_name = AdStat(
        workspace_id=ws.id, ad_import_id=imp, platform="tiktok", ad_name="Mug AB12", date=day
    )
    session.add_all([by_id, by_name])
    session.flush()
    assert (by_id.ad_key, by_name.ad_key) == ("id:42", "name:Mug AB12")
    session.add(
        AdStat(
            workspace_id=ws.id, ad_import_id=imp, platform="tiktok", ad_name="Mug AB12", date=day
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()
    session.add(AdStat(workspace_id=ws.id, ad_import_id=imp, platform="meta", date=day))
    with pytest.raises(ValueError, match="needs an ad_id or an ad_name"):
        session.flush()


def test_core_insert_fills_the_ad_key_too(session: Session) -> None:
    ws = make_workspace(session, "acme")
    imp = make_ad_import(session, ws.id).id
    day = dt.date(2026, 1, 1)
    session.execute(
        insert(AdStat),
        [
            {"workspace_id": ws.id, "ad_import_id": imp, "platform": "meta", "ad_id": "7",
             "date": day},
            {"workspace_id": ws.id, "ad_import_id": imp, "platform": "meta", "ad_name": "n",
             "date": day},
        ],
    )  # fmt: skip
    assert session.scalars(select(AdStat.ad_key).order_by(AdStat.ad_key)).all() == [
        "id:7",
        "name:n",
    ]


def test_reimport_replaces_rows_and_stays_in_the_workspace(db_url: str) -> None:
    make = get_sessionmaker(db_url)
    with make() as session:
        acme, globex = make_workspace(session, "acme"), make_workspace(session, "globex")
        day = dt.date(2026, 11, 1)
        first = [
            {
                "platform": "meta",
                "ad_id": "42",
                "date": day,
                "spend": Decimal("10"),
                "impressions": 100,
            }
        ]
        imports = {ws.id: make_ad_import(session, ws.id).id for ws in (acme, globex)}
        for ws in (acme, globex):
            rows = [{**first[0], "ad_import_id": imports[ws.id]}]
            Scope(session, ws.id).upsert(AdStat, rows, key=["platform", "ad_key", "date"])
        session.commit()
        again = [
            {**first[0], "ad_import_id": imports[acme.id], "spend": Decimal("12.5"),
             "impressions": 130},
            {**first[0], "ad_import_id": imports[acme.id], "ad_id": "43", "spend": Decimal("1"),
             "impressions": 5},
        ]  # fmt: skip
        Scope(session, acme.id).upsert(AdStat, again, key=["platform", "ad_key", "date"])
        session.commit()
        acme_rows = Scope(session, acme.id).list(AdStat, order_by=AdStat.ad_id)
        assert [(r.ad_id, r.spend, r.impressions) for r in acme_rows] == [
            ("42", Decimal("12.5"), 130),
            ("43", Decimal("1"), 5),
        ]
        globex_rows = Scope(session, globex.id).list(AdStat)
        assert [(r.ad_id, r.spend) for r in globex_rows] == [("42", Decimal("10"))]
        # a row cannot claim another workspace's import: the key is (import, workspace)
        stray = [{**first[0], "ad_id": "44", "ad_import_id": imports[globex.id]}]
        with pytest.raises(IntegrityError):
            Scope(session, acme.id).upsert(AdStat, stray, key=["platform", "ad_key", "date"])


def test_upsert_names_rows_with_different_columns(session: Session) -> None:
    ws = make_workspace(session, "acme")
    rows = [
        {"title": "a", "price": 1, "source": "csv", "external_id": "1"},
        {"title": "b", "price": 1, "source": "csv"},
    ]
    with pytest.raises(ValueError, match="row 2 has columns"):
        Scope(session, ws.id).upsert(Product, rows, key=["source", "external_id"])
