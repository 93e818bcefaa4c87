"""The team through the services, on SQLite and PostgreSQL: owners invite by link (mailed and
shown), the invited person joins with the role given, members are refused what only owners
may do (team and API keys), and a workspace always keeps an owner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from studio.db import Invite, Scope, User
from studio.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized
from studio.services import accounts, team

from .conftest import BASE, Mailbox, text_of

PASSWORD = "correct horse 7"


@pytest.fixture
def owner(db: Session) -> User:
    user = accounts.sign_up(db, workspace="Ann's Shoes", email="ann@shop.example",
                            password=PASSWORD, name="Ann")
    db.commit()
    return user


def _scope(db: Session, user: User) -> Scope:
    return Scope(db, user.workspace_id)


def _join(db: Session, mailbox: Mailbox, owner: User, email: str, role: str = "member") -> User:
    team.invite(_scope(db, owner), by=owner.id, email=email, role=role, request_base=BASE)
    db.commit()
    _, token = mailbox.last_link(email)
    user = team.accept_invite(db, token=token, password=PASSWORD, name=email.split("@")[0])
    db.commit()
    return user


def test_an_invitation_link_is_mailed_shown_once_and_joins_with_its_role(
    db: Session, mailbox: Mailbox, owner: User
) -> None:
    made = team.invite(_scope(db, owner), by=owner.id, email="Bo@Shop.example", role="member",
                       request_base=BASE)
    db.commit()
    assert made.link.startswith("http://studio.test/#/invite/") and made.role == "member"
    [mail] = mailbox.to("bo@shop.example")
    assert mail["Subject"] == "Ann invited you to Ann's Shoes on Studio"
    assert made.link in text_of(mail) and "as a member" in text_of(mail)
    token = made.link.rsplit("/", 1)[1]
    assert db.scalars(select(Invite.token_hash)).one() != token  # only its hash is kept

    details = team.invite_details(db, token=token)
    assert (details.workspace, details.email, details.role, details.invited_by) == (
        "Ann's Shoes", "bo@shop.example", "member", "Ann")
    bo = team.accept_invite(db, token=token, password=PASSWORD, name="Bo")
    db.commit()
    assert (bo.workspace_id, bo.role, bo.email) == (owner.workspace_id, "member",
                                                    "bo@shop.example")
    assert accounts.sign_in(db, email="bo@shop.example", password=PASSWORD).id == bo.id
    with pytest.raises(InvalidInput) as used:
        team.accept_invite(db, token=token, password=PASSWORD)
    assert (used.value.code, used.value.field) == ("team.invite_invalid", "token")
    listed = team.team(_scope(db, owner), by=owner.id)
    assert [(m.email, m.role) for m in listed.members] == [
        ("ann@shop.example", "owner"), ("bo@shop.example", "member")]
    assert listed.invites == [] and listed.can_manage and listed.workspace == "Ann's Shoes"


def test_a_chinese_owner_sends_the_invitation_in_chinese(
    db: Session, mailbox: Mailbox, owner: User
) -> None:
    team.invite(_scope(db, owner), by=owner.id, email="cy@shop.example", role="owner",
                request_base=BASE, lang="zh-CN")
    db.commit()
    [mail] = mailbox.to("cy@shop.example")
    assert mail["Subject"] == "Ann 邀请你加入 Studio 上的「Ann's Shoes」"
    assert "以所有者（还可以邀请成员、管理 API 密钥）身份加入" in text_of(mail)


def test_members_work_but_cannot_manage_the_team_or_the_keys(
    db: Session, mailbox: Mailbox, owner: User
) -> None:
    bo = _join(db, mailbox, owner, "bo@shop.example")
    scope = _scope(db, bo)
    refusals = {
        "list keys": lambda: accounts.list_keys(scope, by=bo.id),
        "create key": lambda: accounts.create_key(scope, name="mine", created_by=bo.id),
        "invite": lambda: team.invite(scope, by=bo.id, email="x@shop.example",
                                      request_base=BASE),
        "make owner": lambda: team.change_role(scope, bo.id, by=bo.id, role="owner"),
        "remove": lambda: team.remove_member(scope, owner.id, by=bo.id),
    }
    codes = {}
    for name, attempt in refusals.items():
        with pytest.raises(Forbidden) as refused:
            attempt()
        codes[name] = refused.value.code
    assert codes == {"list keys": "team.owners_only_keys", "create key": "team.owners_only_keys",
                     "invite": "team.owners_only", "make owner": "team.owners_only",
                     "remove": "team.owners_only"}
    # they see who is on the team, but not the open invitations
    team.invite(_scope(db, owner), by=owner.id, email="cy@shop.example", request_base=BASE)
    db.commit()
    seen = team.team(scope, by=bo.id)
    assert not seen.can_manage and seen.invites == [] and len(seen.members) == 2
    assert [i.email for i in team.team(_scope(db, owner), by=owner.id).invites] == [
        "cy@shop.example"]
    # the owner manages keys
    key = accounts.create_key(_scope(db, owner), name="ERP", created_by=owner.id)
    assert [k.name for k in accounts.list_keys(_scope(db, owner), by=owner.id).data] == ["ERP"]
    assert key.key.startswith("sk_")


def test_a_workspace_always_keeps_an_owner(db: Session, mailbox: Mailbox, owner: User) -> None:
    scope = _scope(db, owner)
    for attempt in (lambda: team.change_role(scope, owner.id, by=owner.id, role="member"),
                    lambda: team.remove_member(scope, owner.id, by=owner.id)):
        with pytest.raises(Conflict) as refused:
            attempt()
        assert refused.value.code == "team.last_owner"
    bo = _join(db, mailbox, owner, "bo@shop.example")
    assert team.change_role(scope, bo.id, by=owner.id, role="owner").role == "owner"
    assert team.change_role(scope, owner.id, by=owner.id, role="member").role == "member"
    db.commit()
    with pytest.raises(InvalidInput) as bad:
        team.change_role(scope, owner.id, by=bo.id, role="admin")
    assert (bad.value.code, bad.value.field) == ("team.bad_role", "role")


def test_a_removed_member_cannot_sign_in_and_may_be_invited_again(
    db: Session, mailbox: Mailbox, owner: User
) -> None:
    bo = _join(db, mailbox, owner, "bo@shop.example")
    team.remove_member(_scope(db, owner), bo.id, by=owner.id)
    db.commit()
    with pytest.raises(Unauthorized):
        accounts.sign_in(db, email="bo@shop.example", password=PASSWORD)
    with pytest.raises(NotFound) as gone:
        team.remove_member(_scope(db, owner), bo.id, by=owner.id)
    assert gone.value.params["resource"] == "member"
    again = _join(db, mailbox, owner, "bo@shop.example")
    assert again.role == "member"
    assert accounts.sign_in(db, email="bo@shop.example", password=PASSWORD).role == "member"


def test_refused_invitations_say_why(db: Session, mailbox: Mailbox, owner: User) -> None:
    scope = _scope(db, owner)
    other = accounts.sign_up(db, workspace="Other shop", email="zed@other.example",
                             password=PASSWORD)
    db.commit()
    cases = {"ann@shop.example": "team.already_member",
             "zed@other.example": "team.email_has_account", "nobody": "account.bad_email"}
    for email, code in cases.items():
        with pytest.raises((InvalidInput, Conflict)) as refused:
            team.invite(scope, by=owner.id, email=email, request_base=BASE)
        assert (refused.value.code, refused.value.field) == (code, "email")
    assert other.workspace_id != owner.workspace_id


def test_a_newer_revoked_or_expired_invitation_link_stops_the_old_one(
    db: Session, mailbox: Mailbox, owner: User
) -> None:
    scope = _scope(db, owner)
    first = team.invite(scope, by=owner.id, email="bo@shop.example", request_base=BASE)
    second = team.invite(scope, by=owner.id, email="bo@shop.example", role="owner",
                         request_base=BASE)
    db.commit()
    token = {n: made.link.rsplit("/", 1)[1] for n, made in (("first", first), ("second", second))}
    with pytest.raises(InvalidInput) as replaced:
        team.invite_details(db, token=token["first"])
    assert replaced.value.code == "team.invite_invalid"
    assert team.invite_details(db, token=token["second"]).role == "owner"
    db.execute(update(Invite).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    db.commit()
    with pytest.raises(InvalidInput) as expired:
        team.accept_invite(db, token=token["second"], password=PASSWORD)
    assert (expired.value.code, expired.value.params) == ("team.invite_expired", {"days": 7})
    db.rollback()
    listed = team.team(scope, by=owner.id).invites
    assert [(i.email, i.expired) for i in listed] == [("bo@shop.example", True)]
    third = team.invite(scope, by=owner.id, email="bo@shop.example", request_base=BASE)
    team.revoke_invite(scope, third.id, by=owner.id)
    db.commit()
    with pytest.raises(InvalidInput) as revoked:
        team.invite_details(db, token=third.link.rsplit("/", 1)[1])
    assert revoked.value.code == "team.invite_invalid"
    assert team.team(scope, by=owner.id).invites == []
