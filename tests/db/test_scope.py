"""Two sellers in one database: every Scope helper shows each only their own rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from studio.db import (
    AdStat,
    Base,
    NotFound,
    Product,
    Scope,
    Template,
    Video,
    WrongWorkspace,
)
from studio.db.base import WorkspaceOwned
from studio.db.scope import resource_key
from tests.db.factories import seed_workspace

OWNED = sorted(
    (m.class_ for m in Base.registry.mappers if issubclass(m.class_, WorkspaceOwned)),
    key=lambda cls: cls.__name__,
)


@pytest.fixture
def two(session: Session) -> tuple[dict[type[Any], Any], dict[type[Any], Any]]:
    acme, globex = seed_workspace(session, "acme"), seed_workspace(session, "globex")
    session.commit()
    return acme, globex


def test_every_seller_table_is_in_the_seed(two: Any) -> None:
    # a new table without a seed row would silently escape the isolation tests below
    acme, _ = two
    assert set(OWNED) <= set(acme)


@pytest.mark.parametrize("model", OWNED, ids=lambda m: m.__name__)
def test_get_list_first_count_only_see_own_rows(session: Session, two: Any, model: Any) -> None:
    acme, globex = two
    mine, theirs = acme[model], globex[model]
    scope = Scope(session, mine.workspace_id)

    assert scope.get(model, mine.id) is mine
    assert scope.get(model, theirs.id) is None
    with pytest.raises(NotFound, match=f" {theirs.id} was not found in this workspace") as gone:
        scope.require(model, theirs.id)
    assert gone.value.params["id"] == theirs.id  # as data: the resource and the id
    assert gone.value.params["resource"] == resource_key(model)
    assert [row.id for row in scope.list(model)] == [mine.id]
    assert scope.first(model) is mine
    assert scope.count(model) == 1
    # the unscoped table really holds both sellers' rows
    assert session.scalar(select(func.count()).select_from(model)) == 2


def test_joins_and_aggregates_are_limited_on_every_table(session: Session, two: Any) -> None:
    acme, globex = two
    scope = Scope(session, acme[Video].workspace_id)
    # a careless join: no workspace condition on Product at all
    statement = scope.select(Video.id, Product.title).join(Product, Video.product_id == Product.id)
    assert scope.execute(statement).all() == [(acme[Video].id, "acme mug")]
    # an implicit cross join through a filter on another table
    rows = scope.list(Video, Video.product_id == Product.id, Product.title.like("%mug"))
    assert [v.id for v in rows] == [acme[Video].id]
    assert scope.scalar(select(func.sum(AdStat.spend))) == Decimal("10.500000")
    subquery = select(Product.id).scalar_subquery()
    assert scope.scalars(select(Product.title).where(Product.id.in_(subquery))) == ["acme mug"]


def test_relationship_loads_stay_in_the_workspace(session: Session, two: Any) -> None:
    acme, _ = two
    session.expunge_all()
    scope = Scope(session, acme[Video].workspace_id)
    batch = scope.list(Video)[0].batch
    assert batch is not None and [v.creative_code for v in batch.videos] == [
        acme[Video].creative_code
    ]


def test_add_sets_the_workspace_and_refuses_a_foreign_row(session: Session, two: Any) -> None:
    acme, globex = two
    scope = Scope(session, acme[Video].workspace_id)
    product = scope.add(Product(title="new", price=Decimal("1")))
    session.flush()
    assert product.workspace_id == acme[Video].workspace_id
    assert scope.count(Product) == 2
    with pytest.raises(WrongWorkspace, match="was not found in this workspace"):
        scope.add(
            Product(title="sneaky", price=Decimal("1"), workspace_id=globex[Video].workspace_id)
        )


def test_delete_refuses_another_workspaces_row(session: Session, two: Any) -> None:
    acme, globex = two
    scope = Scope(session, acme[Video].workspace_id)
    with pytest.raises(WrongWorkspace):
        scope.delete(globex[Product])
    scope.delete(acme[Product])
    session.flush()
    assert scope.count(Product) == 0
    assert Scope(session, globex[Video].workspace_id).count(Product) == 1


def test_shared_tables_are_refused(session: Session) -> None:
    with pytest.raises(TypeError, match="Template is not workspace-owned"):
        Scope(session, 1).list(Template)


def test_add_refuses_links_to_another_sellers_rows(session: Session, two: Any) -> None:
    acme, globex = two
    scope = Scope(session, acme[Video].workspace_id)
    theirs = globex[Product]
    with pytest.raises(NotFound, match=f"Product {theirs.id} was not found") as missing:
        scope.add(Video(creative_code="X1", product_id=theirs.id))
    assert missing.value.field == "product_id"
    with pytest.raises(WrongWorkspace, match=f"Product {theirs.id} was not found") as foreign:
        scope.add(Video(creative_code="X2", product=theirs))
    assert foreign.value.field == "product"
    mine = scope.add(Video(creative_code="X3", product_id=acme[Product].id))
    session.flush()
    assert mine.product is acme[Product]


def test_bulk_update_and_delete_touch_only_own_rows(session: Session, two: Any) -> None:
    acme, globex = two
    scope = Scope(session, acme[Video].workspace_id)
    scope.execute(update(Product).values(title="renamed"))
    scope.execute(delete(AdStat))
    session.commit()
    session.expire_all()
    assert (acme[Product].title, globex[Product].title) == ("renamed", "globex mug")
    assert session.scalars(select(AdStat.workspace_id)).all() == [globex[Video].workspace_id]
