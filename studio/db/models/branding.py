"""A seller's brand kit and the templates they saved under names of their own (issue 18)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.db.base import Base, IdMixin, TimestampMixin, WorkspaceOwned


class BrandKit(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """What every video of the workspace wears unless a (saved) template says otherwise.

    The store currency is the workspace's ``default_currency``; the logo is a file in storage
    (``brand/<workspace>/logo-<hash>.png``)."""

    __tablename__ = "brand_kits"
    __table_args__ = (UniqueConstraint("workspace_id"),)

    logo_key: Mapped[str | None] = mapped_column(String(500))
    primary_color: Mapped[str | None] = mapped_column(String(9))
    secondary_color: Mapped[str | None] = mapped_column(String(9))
    font: Mapped[str | None] = mapped_column(String(32))
    call_to_action: Mapped[dict[str, Any]] = mapped_column(default=dict)  # language → text
    language: Mapped[str | None] = mapped_column(String(8))


class SavedTemplate(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """A built-in (or plugin) template with a seller's settings, under their own name.

    ``slug`` is the template id its videos record (``my-autumn-sale``); its version is a hash
    of the base template's version and ``settings`` (fields, voice-over, language, music)."""

    __tablename__ = "saved_templates"
    __table_args__ = (UniqueConstraint("workspace_id", "slug"),)

    slug: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    base_template: Mapped[str] = mapped_column(String(100))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
