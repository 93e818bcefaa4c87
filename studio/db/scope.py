"""The workspace scope: every seller-facing query goes through it.

``Scope(session, workspace_id)`` tags its statements; a session hook then adds
``workspace_id = :ws`` for EVERY workspace-owned table the statement touches (joins,
subqueries, aggregates, relationship loads of the rows it returns), not only the main one.
So a join or filter written in a hurry still cannot show one seller another seller's rows.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, event, func, inspect, select
from sqlalchemy.orm import MANYTOONE, ORMExecuteState, Session, with_loader_criteria

from studio.db.base import Base, WorkspaceOwned
from studio.db.upsert import upsert
from studio.errors import NotFound

T = TypeVar("T")
_OPTION = "studio_workspace_id"


class WrongWorkspace(NotFound):
    """An object of one workspace was handed to another workspace's scope (answered as
    "not found": another seller's rows are never named)."""


def resource_key(model: type[Any]) -> str:
    """``AdImport`` -> ``ad_import``: the resource name errors carry."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()


@event.listens_for(Session, "do_orm_execute")
def _limit_to_workspace(state: ORMExecuteState) -> None:
    workspace_id = state.execution_options.get(_OPTION)
    if workspace_id is None or not (state.is_select or state.is_update or state.is_delete):
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            WorkspaceOwned,
            lambda cls: cls.workspace_id == workspace_id,
            include_aliases=True,
            propagate_to_loaders=True,
        )
    )


def _model_of(table: Any) -> type[Any] | None:
    for mapper in Base.registry.mappers:
        if mapper.local_table is table:
            return mapper.class_
    return None


class Scope:
    """One seller's view of the database.

    >>> scope = Scope(session, workspace.id)
    >>> scope.get(Video, 12)           # None when 12 belongs to someone else
    >>> scope.list(Video, Video.status == "failed", order_by=Video.id.desc(), limit=20)
    >>> scope.add(Product(title=..., price=...))  # workspace_id set for you
    """

    def __init__(self, session: Session, workspace_id: int) -> None:
        if workspace_id is None:
            raise ValueError("workspace_id is required for a Scope")
        self.session = session
        self.workspace_id = workspace_id

    def _check_model(self, model: type[Any]) -> None:
        if not issubclass(model, WorkspaceOwned):
            raise TypeError(f"{model.__name__} is not workspace-owned; query it without a Scope")

    def select(self, *entities: Any) -> Select[Any]:
        """``select(...)`` already limited to this workspace; add ``.where``/``.join`` freely."""
        return select(*entities).execution_options(**{_OPTION: self.workspace_id})

    def execute(self, statement: Any, params: Any = None) -> Any:
        """Run any ORM statement limited to this workspace (for aggregates and joins)."""
        return self.session.execute(
            statement, params, execution_options={_OPTION: self.workspace_id}
        )

    def scalars(self, statement: Any) -> Sequence[Any]:
        return self.execute(statement).scalars().all()

    def scalar(self, statement: Any) -> Any:
        return self.execute(statement).scalar()

    def get(self, model: type[T], id: Any) -> T | None:
        """The row with this ``id`` if it belongs to this workspace, else None."""
        self._check_model(model)
        column = model.id  # type: ignore[attr-defined]
        return self.session.execute(self.select(model).where(column == id)).scalar_one_or_none()

    def require(self, model: type[T], id: Any) -> T:
        """Like :meth:`get`, but raises :class:`NotFound` naming the model and id."""
        found = self.get(model, id)
        if found is None:
            raise NotFound(resource_key(model), id)
        return found

    def list(
        self,
        model: type[T],
        *filters: ColumnElement[bool],
        order_by: Any = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> builtins.list[T]:
        self._check_model(model)
        statement = self.select(model).where(*filters)
        if order_by is not None:
            statement = statement.order_by(
                *(order_by if isinstance(order_by, tuple | list) else (order_by,))
            )
        else:
            statement = statement.order_by(*model.__mapper__.primary_key)  # type: ignore[attr-defined]
        if limit is not None:
            statement = statement.limit(limit)
        if offset:
            statement = statement.offset(offset)
        return list(self.session.execute(statement).scalars().all())

    def first(self, model: type[T], *filters: ColumnElement[bool]) -> T | None:
        rows = self.list(model, *filters, limit=1)
        return rows[0] if rows else None

    def count(self, model: type[T], *filters: ColumnElement[bool]) -> int:
        self._check_model(model)
        statement = self.select(func.count()).select_from(model).where(*filters)
        return int(self.session.execute(statement).scalar_one())

    def add(self, obj: T) -> T:
        """Add a new row to this workspace (sets ``workspace_id``; refuses a foreign one)."""
        self._check_model(type(obj))
        current = obj.workspace_id  # type: ignore[attr-defined]
        if current is not None and current != self.workspace_id:
            raise WrongWorkspace(resource_key(type(obj)), getattr(obj, "id", None))
        obj.workspace_id = self.workspace_id  # type: ignore[attr-defined]
        self._check_references(obj)
        self.session.add(obj)
        return obj

    def _check_references(self, obj: Any) -> None:
        """Refuse links to another seller's rows (``video.product_id = <their product>``).

        The database's foreign keys only check that the row exists, not whose it is.
        """
        mapper = inspect(type(obj))
        for rel in mapper.relationships:
            target = obj.__dict__.get(rel.key)
            if rel.direction is MANYTOONE and isinstance(target, WorkspaceOwned):
                if target.workspace_id not in (None, self.workspace_id):
                    raise WrongWorkspace(resource_key(type(target)),
                                         getattr(target, "id", None), field=rel.key)
        for column in mapper.local_table.columns:
            if column.name == "workspace_id" or not column.foreign_keys:
                continue
            value = getattr(obj, mapper.get_property_by_column(column).key)
            if value is None:
                continue
            for fk in column.foreign_keys:
                target_model = _model_of(fk.column.table)
                if target_model is None or not issubclass(target_model, WorkspaceOwned):
                    continue
                found = self.session.execute(
                    select(func.count())
                    .select_from(fk.column.table)
                    .where(fk.column == value, fk.column.table.c.workspace_id == self.workspace_id)
                ).scalar_one()
                if not found:
                    raise NotFound(resource_key(target_model), value, field=column.name)

    def upsert(
        self, model: type[Any], rows: Sequence[Mapping[str, Any]], *, key: Sequence[str]
    ) -> int:
        """Insert-or-update rows of this workspace (see :func:`studio.db.upsert.upsert`).

        ``workspace_id`` is set on every row and is always part of the conflict key.
        """
        self._check_model(model)
        owned = [{**row, "workspace_id": self.workspace_id} for row in rows]
        full_key = ["workspace_id", *(k for k in key if k != "workspace_id")]
        return upsert(self.session, model, owned, key=full_key)

    def add_all(self, objs: Sequence[T]) -> builtins.list[T]:
        return [self.add(obj) for obj in objs]

    def delete(self, obj: Any) -> None:
        """Delete a row of this workspace; another workspace's row raises WrongWorkspace."""
        self._check_model(type(obj))
        if obj.workspace_id != self.workspace_id:
            raise WrongWorkspace(resource_key(type(obj)), obj.id)
        self.session.delete(obj)
