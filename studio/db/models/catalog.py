"""What videos are made of: a seller's products and the templates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.db.base import Base, IdMixin, TimestampMixin, WorkspaceOwned


class Product(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """One catalog item; the columns mirror :class:`studio.product.ProductData`."""

    __tablename__ = "products"
    # re-importing a catalog updates the row instead of duplicating it
    __table_args__ = (UniqueConstraint("workspace_id", "source", "external_id"),)

    title: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(200), default="", index=True)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    price: Mapped[Decimal]
    compare_at_price: Mapped[Decimal | None]
    cost: Mapped[Decimal | None]
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    images: Mapped[list[Any]] = mapped_column(default=list)
    variants: Mapped[list[Any]] = mapped_column(default=list)
    source: Mapped[str | None] = mapped_column(String(100))
    external_id: Mapped[str | None] = mapped_column(String(200))


class Template(TimestampMixin, Base):
    """A template known to the studio (built-in or from a plugin), shared by all workspaces.

    ``id`` is the template's slug (``flash-sale``); ``version`` is the content hash of spec +
    assets at the time it was last registered. Videos keep their own copy of id and version, so
    a video still says what made it after the template changes or its plugin is removed.
    """

    __tablename__ = "templates"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(64))
    spec: Mapped[dict[str, Any]] = mapped_column(default=dict)
    source_plugin: Mapped[str] = mapped_column(String(100), default="")
