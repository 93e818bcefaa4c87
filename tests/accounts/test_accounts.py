"""Self-service accounts through the services, on SQLite and PostgreSQL: sign-up makes a
workspace and its owner, a forgotten password is reset through a mailed link that works once
and expires, and the refusals say which field to fix."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from studio.db import Mail, PasswordReset, User, Workspace
from studio.errors import Conflict, InvalidInput, Unauthorized
from studio.services import accounts

from .conftest import BASE, Mailbox, text_of

PASSWORD = "correct horse 7"


def _sign_up(db: Session, email: str = "ann@shop.example", shop: str = "Ann's Shoes") -> User:
    user = accounts.sign_up(db, workspace=shop, email=email, password=PASSWORD, name="Ann")
    db.commit()
    return user


def test_sign_up_makes_a_workspace_and_its_owner_who_can_sign_in(db: Session) -> None:
    user = _sign_up(db, email=" Ann@Shop.Example ")
    workspace = db.get(Workspace, user.workspace_id)
    assert workspace is not None and workspace.name == "Ann's Shoes"
    assert (user.email, user.name, user.role) == ("ann@shop.example", "Ann", "owner")
    assert user.password_hash.startswith("$argon2id$")
    assert accounts.sign_in(db, email="ANN@shop.example", password=PASSWORD).id == user.id
    with pytest.raises(Unauthorized) as wrong:
        accounts.sign_in(db, email="ann@shop.example", password="correct horse 8")
    assert (wrong.value.code, wrong.value.field) == ("auth.wrong_password", "password")
    # the same shop name twice is two workspaces; the same email twice is refused
    other = _sign_up(db, email="bo@shop.example")
    assert other.workspace_id != user.workspace_id
    with pytest.raises(Conflict) as taken:
        _sign_up(db, email="ann@shop.example", shop="Another shop")
    assert (taken.value.code, taken.value.field) == ("account.email_taken", "email")


def test_a_long_shop_name_in_any_script_makes_a_workspace(db: Session) -> None:
    name = "Ann's Shoes & Bags — 安妮的鞋店 " * 6  # 168 characters
    user = _sign_up(db, shop=name)
    workspace = db.get(Workspace, user.workspace_id)
    assert workspace is not None and workspace.name == name.strip()
    assert 0 < len(workspace.slug) <= 90
    again = _sign_up(db, email="bo@shop.example", shop=name)
    assert again.workspace_id != user.workspace_id


@pytest.mark.parametrize(("field", "value", "code"), [
    ("workspace", "  ", "account.no_workspace_name"),
    ("email", "ann at shop", "account.bad_email"),
    ("password", "short", "account.weak_password"),
])
def test_a_refused_sign_up_names_the_field_and_makes_nothing(
    db: Session, field: str, value: str, code: str
) -> None:
    given = {"workspace": "Ann's Shoes", "email": "ann@shop.example", "password": PASSWORD,
             field: value}
    with pytest.raises(InvalidInput) as refused:
        accounts.sign_up(db, **given)
    db.rollback()
    assert (refused.value.code, refused.value.field) == (code, field)
    assert db.scalar(select(func.count()).select_from(Workspace)) == 0
    assert db.scalar(select(func.count()).select_from(User)) == 0


def test_a_forgotten_password_is_reset_through_the_mailed_link_once(
    db: Session, mailbox: Mailbox
) -> None:
    user = _sign_up(db)
    asked = accounts.ask_password_reset(db, email="Ann@shop.example", request_base=BASE)
    assert mailbox.mails() == []  # nothing leaves before the commit
    db.commit()
    assert (asked.email, asked.minutes) == ("ann@shop.example", 60)
    [mail] = mailbox.to("ann@shop.example")
    assert mail["Subject"] == "Reset your Studio password"
    assert "works once, for 60 minutes" in text_of(mail)
    link, token = mailbox.last_link("ann@shop.example")
    assert link.startswith("http://studio.test/#/reset/")
    # the database keeps the token's hash only, and forgets the link once it is sent
    assert db.scalars(select(PasswordReset.token_hash)).one() != token
    sent = db.scalars(select(Mail)).one()
    assert (sent.status, sent.link, sent.kind) == ("sent", None, "password_reset")
    assert token not in sent.body

    accounts.reset_password(db, token=token, password="a brand new password")
    db.commit()
    assert accounts.sign_in(db, email="ann@shop.example", password="a brand new password")
    with pytest.raises(Unauthorized):
        accounts.sign_in(db, email="ann@shop.example", password=PASSWORD)
    with pytest.raises(InvalidInput) as again:
        accounts.reset_password(db, token=token, password="yet another password")
    assert (again.value.code, again.value.field) == ("auth.reset_invalid", "token")
    assert user.id == db.scalars(select(User.id)).one()


def test_a_reset_link_expires_and_a_newer_one_replaces_it(db: Session, mailbox: Mailbox) -> None:
    _sign_up(db)
    accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE)
    db.commit()
    _, first = mailbox.last_link("ann@shop.example")
    accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE,
                                lang="zh-CN")
    db.commit()
    _, second = mailbox.last_link("ann@shop.example")
    assert mailbox.to("ann@shop.example")[-1]["Subject"] == "重置你的 Studio 密码"
    with pytest.raises(InvalidInput) as replaced:
        accounts.reset_password(db, token=first, password="a brand new password")
    assert replaced.value.code == "auth.reset_invalid"
    db.rollback()
    db.execute(update(PasswordReset).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    db.commit()
    with pytest.raises(InvalidInput) as expired:
        accounts.reset_password(db, token=second, password="a brand new password")
    assert (expired.value.code, expired.value.params) == ("auth.reset_expired", {"minutes": 60})
    assert "has expired (links work 60 minutes)" in expired.value.message
    db.rollback()
    assert accounts.sign_in(db, email="ann@shop.example", password=PASSWORD)


def test_asking_for_an_unknown_address_answers_the_same_and_mails_nobody(
    db: Session, mailbox: Mailbox
) -> None:
    _sign_up(db)
    unknown = accounts.ask_password_reset(db, email="who@shop.example", request_base=BASE)
    db.commit()
    assert unknown.email == "who@shop.example" and unknown.minutes == 60
    assert mailbox.mails() == [] and db.scalars(select(Mail)).all() == []
    with pytest.raises(InvalidInput) as bad:
        accounts.ask_password_reset(db, email="not an address", request_base=BASE)
    assert (bad.value.code, bad.value.field) == ("account.bad_email", "email")


def test_a_weak_new_password_leaves_the_link_usable(db: Session, mailbox: Mailbox) -> None:
    _sign_up(db)
    accounts.ask_password_reset(db, email="ann@shop.example", request_base=BASE)
    db.commit()
    _, token = mailbox.last_link("ann@shop.example")
    with pytest.raises(InvalidInput) as weak:
        accounts.reset_password(db, token=token, password="short")
    assert (weak.value.code, weak.value.field) == ("account.weak_password", "password")
    db.rollback()
    accounts.reset_password(db, token=token, password="long enough now")
    db.commit()
    assert accounts.sign_in(db, email="ann@shop.example", password="long enough now")
