"""A migrated database (SQLite and PostgreSQL) with settings on a temporary home, whose
``mail/`` folder is where the embedded setup writes each mail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from studio.config import Settings
from studio.db import get_sessionmaker

BASE = "http://studio.test/"
LINK = re.compile(r"(https?://\S+/#/(?:reset|invite)/)([A-Za-z0-9_-]+)")


@dataclass
class Mailbox:
    folder: Path

    def mails(self) -> list[EmailMessage]:
        found = []
        for path in sorted(self.folder.glob("*.eml")) if self.folder.exists() else []:
            parsed = message_from_bytes(path.read_bytes(), policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            found.append(parsed)
        return found

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.mails() if m["To"] == address]

    def last_link(self, address: str) -> tuple[str, str]:
        """(link, token) of the newest mail to ``address``."""
        mails = self.to(address)
        assert mails, f"no mail to {address} in {self.folder}"
        match = LINK.search(text_of(mails[-1]))
        assert match, text_of(mails[-1])
        return match.group(0), match.group(2)


def text_of(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    assert isinstance(body, EmailMessage)
    return str(body.get_content())


@pytest.fixture
def db(studio_home_db: Settings, db_url: str) -> Iterator[Session]:
    session = get_sessionmaker(db_url)()
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def mailbox(studio_home_db: Settings) -> Mailbox:
    return Mailbox(studio_home_db.home / "mail")
