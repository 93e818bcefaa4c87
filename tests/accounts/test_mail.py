"""The mail outbox: a mail leaves only when its transaction commits; by SMTP when
STUDIO_SMTP_URL is set (a local SMTP server here), else as a file under <home>/mail/ that is
logged; one the SMTP server refused is kept with its error and sent again later."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from studio.db import Mail, Scope
from studio.services import accounts, team
from tests.fakes.smtp import FakeSMTP

from .conftest import BASE, LINK, Mailbox

PASSWORD = "correct horse 7"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSMTP]:
    with FakeSMTP() as server:
        login = f"{quote(server.user)}:{quote(server.password, safe='')}"
        url = f"smtp://{login}@127.0.0.1:{server.port}"
        monkeypatch.setenv("STUDIO_SMTP_URL", url)
        monkeypatch.setenv("STUDIO_MAIL_FROM", "Ann's Shoes studio <studio@shop.example>")
        yield server


def _owner(db: Session) -> int:
    user = accounts.sign_up(db, workspace="Ann's Shoes", email="ann@shop.example",
                            password=PASSWORD, name="Ann")
    db.commit()
    return user.id


def test_with_an_smtp_url_the_reset_mail_goes_to_the_smtp_server(
    db: Session, smtp: FakeSMTP, mailbox: Mailbox
) -> None:
    _owner(db)
    accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE, lang="zh-CN")
    db.commit()
    [received] = smtp.received
    assert received.login == ("mailer", "p@ss word")  # URL-encoded in the setting
    assert (received.sender, received.recipients) == ("studio@shop.example", ["ann@shop.example"])
    assert received.message["Subject"] == "重置你的 Studio 密码"
    assert received.message["From"] == "Ann's Shoes studio <studio@shop.example>"
    link = LINK.search(received.text)
    assert link and link.group(1) == "http://studio.test/#/reset/"
    assert mailbox.mails() == []  # no file when SMTP is set
    # the link works
    accounts.reset_password(db, token=link.group(2), password="a brand new password")
    db.commit()
    assert accounts.sign_in(db, email="ann@shop.example", password="a brand new password")


def test_a_mail_the_smtp_server_refused_is_kept_and_sent_again(
    db: Session, smtp: FakeSMTP
) -> None:
    owner = _owner(db)
    smtp.refusing = True
    accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE)
    db.commit()  # the request itself succeeds
    failed = db.scalars(select(Mail)).one()
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert "451" in (failed.error or "") and failed.link  # kept to try again
    assert smtp.received == []
    # a minute later the server is back: the next mail takes the earlier one along
    smtp.refusing = False
    db.execute(update(Mail).values(updated_at=datetime.now(UTC) - timedelta(minutes=2)))
    db.commit()
    team.invite(Scope(db, failed.workspace_id), by=owner, email="bo@shop.example",
                request_base=BASE)
    db.commit()
    assert sorted(r.recipients[0] for r in smtp.received) == ["ann@shop.example",
                                                             "bo@shop.example"]
    db.expire_all()
    assert [(m.status, m.link, m.error) for m in db.scalars(select(Mail).order_by(Mail.id))] == [
        ("sent", None, None), ("sent", None, None)]


def test_an_unreachable_smtp_server_is_an_error_kept_on_the_mail(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("STUDIO_SMTP_URL", f"smtp://127.0.0.1:{port}")
    _owner(db)
    accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE)
    db.commit()
    mail = db.scalars(select(Mail)).one()
    assert mail.status == "failed" and "ConnectionRefusedError" in (mail.error or "")


def test_without_smtp_each_mail_is_a_logged_file_and_a_rolled_back_one_never_leaves(
    db: Session, mailbox: Mailbox, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_SMTP_URL", raising=False)
    _owner(db)
    accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE)
    db.rollback()
    assert mailbox.mails() == [] and db.scalars(select(Mail)).all() == []
    with caplog.at_level(logging.INFO, logger="studio.mail"):
        accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE)
        db.commit()
    [path] = sorted(mailbox.folder.glob("*.eml"))
    assert path.name.endswith("-password_reset.eml")
    # readable as it is: UTF-8 text, the link on its own line
    raw = path.read_text(encoding="utf-8")
    assert "Subject: Reset your Studio password" in raw
    assert LINK.search(raw)
    [logged] = [r.getMessage() for r in caplog.records if "written to" in r.getMessage()]
    assert "ann@shop.example" in logged and str(path) in logged
    assert LINK.search(logged) is None  # the log names the file, never the secret link
