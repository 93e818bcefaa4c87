"""Who owns what: workspaces (a seller's account), their users (owners and members), API
keys, invitations, password-reset links, and the outbox of mails the studio sends."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from studio.db.base import Base, IdMixin, TimestampMixin, WorkspaceOwned, ref

# owners manage the team and the API keys; members do the work (studio.services.team)
ROLES = ("owner", "member")


class Workspace(IdMixin, TimestampMixin, Base):
    __tablename__ = "workspaces"

    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    default_currency: Mapped[str] = mapped_column(String(3), default="USD")


class User(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    __tablename__ = "users"

    # one login per email across the studio
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(500))
    name: Mapped[str] = mapped_column(String(200), default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    # users made before roles existed were their workspace's only people: owners
    role: Mapped[str] = mapped_column(String(20), default="owner", server_default="owner")


class ApiKey(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """Only a hash of the key is stored; ``prefix`` lets a seller tell keys apart."""

    __tablename__ = "api_keys"

    name: Mapped[str] = mapped_column(String(200), default="")
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(200), unique=True)
    scopes: Mapped[list[Any]] = mapped_column(default=list)
    created_by_id: Mapped[int | None] = ref("users.id", ondelete="SET NULL", nullable=True)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Invite(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """A link that lets one person join the workspace with a role. Only the SHA-256 of its
    token is kept; it works once (``accepted_at``) and until ``expires_at``."""

    __tablename__ = "invites"

    email: Mapped[str] = mapped_column(String(320), index=True)
    role: Mapped[str] = mapped_column(String(20), default="member")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = ref("users.id", ondelete="SET NULL", nullable=True)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class PasswordReset(IdMixin, TimestampMixin, Base):
    """A password-reset link sent by mail: the SHA-256 of its token, single use, expiring."""

    __tablename__ = "password_resets"

    user_id: Mapped[int] = ref("users.id")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Mail(IdMixin, TimestampMixin, WorkspaceOwned, Base):
    """One mail in the outbox (``studio.mail``): written in the transaction that made its
    reason (an invitation, a reset link), sent after the commit.

    ``body`` holds ``{link}`` where the secret link goes; ``link`` itself is kept only until
    the mail is sent, so the table never holds a live link of a mail already delivered.
    """

    __tablename__ = "mail_outbox"

    kind: Mapped[str] = mapped_column(String(40))  # invite | password_reset
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(2000))
    # pending -> sending -> sent | failed (retried a few times, see studio.mail.outbox)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]
