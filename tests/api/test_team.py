"""The team through the API: an owner invites by link, the invited person opens it signed
out, joins and is signed in; members are refused team and key management with a code the
web studio translates; removing someone ends their session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

OWNER = {"workspace": "Ann's Shoes", "name": "Ann", "email": "ann@shop.example",
         "password": "correct horse"}


@pytest.fixture
def owner(client: TestClient) -> TestClient:
    assert client.post("/api/v1/auth/sign-up", json=OWNER).status_code == 201
    return client


@pytest.fixture
def browser(app) -> Iterator[TestClient]:
    """Another person's browser (its own cookies)."""
    with TestClient(app) as other:
        yield other


def _token(link: str) -> str:
    return link.rsplit("/", 1)[1]


@pytest.mark.parametrize("settings", ["sqlite", "postgres"], indirect=True)
def test_an_invited_teammate_joins_by_link_and_works_as_a_member(
    owner: TestClient, browser: TestClient, settings
) -> None:
    made = owner.post("/api/v1/team/invites", json={"email": "bo@shop.example"},
                      headers={"Accept-Language": "zh-CN"})
    assert made.status_code == 201
    invite = made.json()
    assert (invite["email"], invite["role"], invite["expired"]) == ("bo@shop.example",
                                                                    "member", False)
    assert invite["link"].startswith("http://testserver/#/invite/")
    from tests.accounts.conftest import Mailbox

    link, _ = Mailbox(settings.home / "mail").last_link("bo@shop.example")
    assert link == invite["link"]
    listed = owner.get("/api/v1/team").json()
    assert [i["email"] for i in listed["invites"]] == ["bo@shop.example"]
    assert "link" not in listed["invites"][0]  # the link is shown once

    details = browser.post("/api/v1/auth/invite", json={"token": _token(link)})
    assert details.json() == {**details.json(), "workspace": "Ann's Shoes",
                              "email": "bo@shop.example", "role": "member", "invited_by": "Ann"}
    weak = browser.post("/api/v1/auth/accept-invite",
                        json={"token": _token(link), "name": "Bo", "password": "short"})
    assert (weak.status_code, weak.json()["field"]) == (422, "body.password")
    joined = browser.post("/api/v1/auth/accept-invite",
                          json={"token": _token(link), "name": "Bo", "password": "bo's password"})
    assert joined.status_code == 201 and joined.json()["role"] == "member"
    me = browser.get("/api/v1/auth/me").json()
    assert (me["email"], me["workspace_id"]) == ("bo@shop.example", invite_workspace(owner))
    # a member works in the workspace ...
    assert browser.post("/api/v1/products", json={"title": "Mug", "price": "9"}
                        ).status_code == 201
    assert owner.get("/api/v1/products").json()["count"] == 1
    # ... sees the team, but manages neither the team nor the keys
    seen = browser.get("/api/v1/team").json()
    assert not seen["can_manage"] and seen["invites"] == []
    assert [(m["email"], m["role"]) for m in seen["members"]] == [
        ("ann@shop.example", "owner"), ("bo@shop.example", "member")]
    refused = {
        "keys": browser.get("/api/v1/keys"),
        "new key": browser.post("/api/v1/keys", json={"name": "mine"}),
        "invite": browser.post("/api/v1/team/invites", json={"email": "cy@shop.example"}),
        "promote": browser.patch(f"/api/v1/team/members/{me['id']}", json={"role": "owner"}),
    }
    assert {name: (r.status_code, r.json()["code"]) for name, r in refused.items()} == {
        "keys": (403, "team.owners_only_keys"), "new key": (403, "team.owners_only_keys"),
        "invite": (403, "team.owners_only"), "promote": (403, "team.owners_only")}
    assert refused["keys"].json()["detail"] == (
        "only the workspace's owners can see and manage API keys; ask an owner")
    used = browser.post("/api/v1/auth/invite", json={"token": _token(link)})
    assert (used.status_code, used.json()["code"]) == (422, "team.invite_invalid")


def invite_workspace(owner: TestClient) -> int:
    return int(owner.get("/api/v1/auth/me").json()["workspace_id"])


def test_owners_change_roles_and_remove_people_whose_sessions_then_end(
    owner: TestClient, browser: TestClient
) -> None:
    link = owner.post("/api/v1/team/invites", json={"email": "bo@shop.example",
                                                    "role": "owner"}).json()["link"]
    bo = browser.post("/api/v1/auth/accept-invite", json={
        "token": _token(link), "password": "bo's password"}).json()
    assert bo["role"] == "owner"
    assert browser.get("/api/v1/keys").status_code == 200  # an owner manages keys
    demoted = owner.patch(f"/api/v1/team/members/{bo['id']}", json={"role": "member"})
    assert demoted.status_code == 200 and demoted.json()["role"] == "member"
    assert browser.get("/api/v1/keys").status_code == 403
    bad = owner.patch(f"/api/v1/team/members/{bo['id']}", json={"role": "admin"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.role"
    me = owner.get("/api/v1/auth/me").json()
    last = owner.delete(f"/api/v1/team/members/{me['id']}")
    assert (last.status_code, last.json()["code"]) == (409, "team.last_owner")
    assert owner.delete(f"/api/v1/team/members/{bo['id']}").status_code == 204
    assert browser.get("/api/v1/auth/me").status_code == 401
    assert [m["email"] for m in owner.get("/api/v1/team").json()["members"]] == [
        "ann@shop.example"]


def test_an_api_key_manages_the_team_as_the_workspace(client: TestClient, tenant) -> None:
    made = client.post("/api/v1/team/invites", headers=tenant.headers,
                       json={"email": "bo@shop.example"})
    assert made.status_code == 201
    revoked = client.delete(f"/api/v1/team/invites/{made.json()['id']}", headers=tenant.headers)
    assert revoked.status_code == 200
    gone = client.post("/api/v1/auth/invite", json={"token": _token(made.json()["link"])})
    assert gone.json()["code"] == "team.invite_invalid"
    team = client.get("/api/v1/team", headers=tenant.headers).json()
    assert team["can_manage"] and team["you"] == 0 and team["invites"] == []
