"""Answers the API already gave, so a retried POST with the same ``Idempotency-Key`` replays it.

Written and read only by :mod:`api.idempotency` (Core statements on ``caller`` + ``key``).
Not workspace-owned: the caller is whoever holds the credential, identified by its hash.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from studio.db.base import Base, IdMixin


class IdempotencyKey(IdMixin, Base):
    """One caller's use of one key: the request it came with and, once done, the response."""

    __tablename__ = "api_idempotency_keys"
    __table_args__ = (UniqueConstraint("caller", "key"),)  # uq_api_idempotency_keys_caller_key

    caller: Mapped[str] = mapped_column(String(64))  # sha256 of the credential, never the key
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))  # sha256 of path, query and body
    status_code: Mapped[int | None] = mapped_column(Integer)  # NULL while the first one runs
    headers: Mapped[str | None] = mapped_column(Text)  # JSON list of the kept [name, value]
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]  # set by the API when it claims the key; expiry counts from it
