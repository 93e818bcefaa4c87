"""API keys (hashed at rest, shown once, revocable) and web sign-in with a session cookie."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from studio.auth import create_user
from studio.db import ApiKey, User, session_scope


def _user(settings, tenant, email="ann@shop.example", password="correct horse"):
    with session_scope(settings.resolved_database_url()) as session:
        create_user(session=session, workspace_id=tenant.workspace_id, email=email,
                    password=password)


def test_keys_are_shown_once_and_stored_as_hashes(client, settings, tenant):
    created = client.post("/api/v1/keys", headers=tenant.headers, json={"name": "ERP sync"})
    assert created.status_code == 201
    token = created.json()["key"]
    assert token.startswith(created.json()["prefix"])
    listed = client.get("/api/v1/keys", headers=tenant.headers).json()
    assert "key" not in listed["data"][0]
    assert {k["name"] for k in listed["data"]} == {"tests", "ERP sync"}
    with session_scope(settings.resolved_database_url()) as session:
        hashes = session.scalars(select(ApiKey.key_hash)).all()
    assert token not in hashes and all(len(h) == 64 for h in hashes)
    # the new key works
    assert client.get("/api/v1/products", headers={"Authorization": f"Bearer {token}"}
                      ).status_code == 200


def test_revoked_key_is_refused(client, tenant):
    created = client.post("/api/v1/keys", headers=tenant.headers, json={"name": "old"}).json()
    theirs = {"Authorization": f"Bearer {created['key']}"}
    assert client.get("/api/v1/products", headers=theirs).status_code == 200
    revoked = client.delete(f"/api/v1/keys/{created['id']}", headers=tenant.headers)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert client.get("/api/v1/products", headers=theirs).status_code == 401


def test_cannot_revoke_another_workspaces_key(client, tenant, other_tenant):
    created = client.post("/api/v1/keys", headers=other_tenant.headers, json={}).json()
    assert client.delete(f"/api/v1/keys/{created['id']}", headers=tenant.headers
                         ).status_code == 404
    assert client.get("/api/v1/products",
                      headers={"Authorization": f"Bearer {created['key']}"}).status_code == 200


def test_sign_in_sets_a_secure_session_cookie(settings, tenant):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import ApiSettings

    _user(settings, tenant)
    with TestClient(create_app(settings, ApiSettings(secure_cookies=True)),
                    base_url="https://testserver") as client:
        response = client.post("/api/v1/auth/sign-in",
                               json={"email": "Ann@Shop.example", "password": "correct horse"})
        assert response.status_code == 200
        cookie = response.headers["set-cookie"].lower()
        for flag in ("httponly", "secure", "samesite=lax"):
            assert flag in cookie
        me = client.get("/api/v1/auth/me")
        assert me.json()["email"] == "ann@shop.example"
        assert client.get("/api/v1/products").status_code == 200


def test_wrong_password_and_sign_out(client, settings, tenant):
    _user(settings, tenant)
    wrong = client.post("/api/v1/auth/sign-in",
                        json={"email": "ann@shop.example", "password": "wrong horse"})
    assert wrong.status_code == 401
    assert wrong.json()["field"] == "body.password"
    unknown = client.post("/api/v1/auth/sign-in",
                          json={"email": "who@shop.example", "password": "correct horse"})
    assert unknown.status_code == 401 and unknown.json()["detail"] == wrong.json()["detail"]
    assert client.post("/api/v1/auth/sign-in", json={
        "email": "ann@shop.example", "password": "correct horse"}).status_code == 200
    assert client.get("/api/v1/products").status_code == 200
    assert client.post("/api/v1/auth/sign-out").status_code == 204
    client.cookies.clear()
    assert client.get("/api/v1/products").status_code == 401


def test_changing_the_password_signs_sessions_out(client, settings, tenant):
    from studio.auth import hash_password

    _user(settings, tenant)
    client.post("/api/v1/auth/sign-in",
                json={"email": "ann@shop.example", "password": "correct horse"})
    assert client.get("/api/v1/auth/me").status_code == 200
    with session_scope(settings.resolved_database_url()) as session:
        user = session.scalars(select(User)).one()
        user.password_hash = hash_password("a new password")
    assert client.get("/api/v1/auth/me").status_code == 401


def test_forged_or_expired_cookie_is_refused(client, settings, tenant):
    from studio.auth import issue_session_token, user_from_session_token

    _user(settings, tenant)
    with session_scope(settings.resolved_database_url()) as session:
        user = session.scalars(select(User)).one()
        good = issue_session_token(user, secret_key="test-secret")
        assert user_from_session_token(session=session, token=good, secret_key="test-secret",
                                       max_age_seconds=60).id == user.id
        old = issue_session_token(user, secret_key="test-secret", now=0)
        assert user_from_session_token(session=session, token=old, secret_key="test-secret",
                                       max_age_seconds=60) is None
        other_secret = issue_session_token(user, secret_key="someone else's")
    user_id, issued, fingerprint, signature = good.split(".")
    for forged in (f"{int(user_id) + 1}.{issued}.{fingerprint}.{signature}", other_secret,
                   "1.2.3", "garbage"):
        client.cookies.set("studio_session", forged)
        assert client.get("/api/v1/products").status_code == 401, forged
    client.cookies.set("studio_session", good)
    assert client.get("/api/v1/products").status_code == 200


def test_passwords_are_argon2(settings, tenant):
    _user(settings, tenant)
    with session_scope(settings.resolved_database_url()) as session:
        stored = session.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2")


def test_cookie_requests_from_another_origin_are_refused(client, settings, tenant):
    _user(settings, tenant)
    client.post("/api/v1/auth/sign-in",
                json={"email": "ann@shop.example", "password": "correct horse"})
    product = {"title": "Mug", "price": "5"}
    forged = client.post("/api/v1/products", json=product,
                         headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403 and forged.json()["field"] == "header.origin"
    same = client.post("/api/v1/products", json=product,
                       headers={"Origin": "http://testserver"})
    assert same.status_code == 201
    # reading is harmless, and API keys are not sent by browsers on their own
    assert client.get("/api/v1/products", headers={"Origin": "https://evil.example"}
                      ).status_code == 200


def test_password_guessing_is_rate_limited(settings, tenant):
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import ApiSettings

    _user(settings, tenant)
    app = create_app(settings, ApiSettings(rate_limit_per_second=0.1, rate_limit_burst=3,
                                           secure_cookies=False))
    with TestClient(app) as client:
        codes = [client.post("/api/v1/auth/sign-in", json={
            "email": "ann@shop.example", "password": f"guess {n}"}).status_code
            for n in range(4)]
    assert codes == [401, 401, 401, 429]


def test_a_signed_in_seller_has_the_web_studios_larger_rate_limit(settings, tenant):
    """A studio page loads its charts and tables at once: sessions get their own, larger
    bucket, while API keys keep the API's limit."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.settings import ApiSettings

    _user(settings, tenant)
    limits = ApiSettings(secure_cookies=True, rate_limit_per_second=0.5, rate_limit_burst=3,
                         session_rate_limit_per_second=0.5, session_rate_limit_burst=8)
    with TestClient(create_app(settings, limits), base_url="https://testserver") as client:
        assert client.post("/api/v1/auth/sign-in", json={
            "email": "ann@shop.example", "password": "correct horse"}).status_code == 200
        codes = [client.get("/api/v1/products").status_code for _ in range(9)]
        assert codes[:7] == [200] * 7 and codes[-1] == 429
    with TestClient(create_app(settings, limits)) as client:
        codes = [client.get("/api/v1/products", headers=tenant.headers).status_code
                 for _ in range(4)]
        assert codes == [200, 200, 200, 429]


# --- self-service accounts ---------------------------------------------------------------

SIGN_UP = {"workspace": "Ann's Shoes", "name": "Ann", "email": "ann@shop.example",
           "password": "correct horse"}


def _mailed_link(settings, to):
    from tests.accounts.conftest import Mailbox

    return Mailbox(settings.home / "mail").last_link(to)


def test_sign_up_creates_the_workspace_and_its_owner_signed_in(client, settings):
    answer = client.post("/api/v1/auth/sign-up", json=SIGN_UP)
    assert answer.status_code == 201
    assert answer.json()["role"] == "owner" and answer.json()["email"] == "ann@shop.example"
    assert "studio_session=" in answer.headers["set-cookie"]
    me = client.get("/api/v1/auth/me").json()
    assert (me["email"], me["role"]) == ("ann@shop.example", "owner")
    # the new owner works in their own, empty workspace and manages its keys
    assert client.get("/api/v1/products").json()["count"] == 0
    assert client.post("/api/v1/keys", json={"name": "ERP"}).status_code == 201
    again = client.post("/api/v1/auth/sign-up", json={**SIGN_UP, "workspace": "Another"})
    assert (again.status_code, again.json()["code"], again.json()["field"]) == (
        409, "account.email_taken", "body.email")


@pytest.mark.parametrize(("change", "code", "field"), [
    ({"workspace": ""}, "account.no_workspace_name", "body.workspace"),
    ({"email": "ann.shop.example"}, "account.bad_email", "body.email"),
    ({"password": "short"}, "account.weak_password", "body.password"),
])
def test_a_refused_sign_up_names_the_field(client, change, code, field):
    answer = client.post("/api/v1/auth/sign-up", json={**SIGN_UP, **change})
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == (code, field)
    assert client.get("/api/v1/auth/me").status_code == 401  # nobody was signed in


@pytest.mark.parametrize("settings", ["sqlite", "postgres"], indirect=True)
def test_password_reset_through_the_mailed_link_signs_in_and_ends_old_sessions(
    client, settings
):
    from fastapi.testclient import TestClient

    client.post("/api/v1/auth/sign-up", json=SIGN_UP)
    asked = client.post("/api/v1/auth/forgot-password", json={"email": "ANN@shop.example"},
                        headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"})
    unknown = client.post("/api/v1/auth/forgot-password", json={"email": "who@shop.example"})
    assert asked.status_code == unknown.status_code == 202
    assert asked.json() == {"email": "ann@shop.example", "minutes": 60}
    assert unknown.json() == {"email": "who@shop.example", "minutes": 60}
    link, token = _mailed_link(settings, "ann@shop.example")
    assert link.startswith("http://testserver/#/reset/")
    with TestClient(client.app) as browser:
        reset = browser.post("/api/v1/auth/reset-password",
                             json={"token": token, "password": "a new password"})
        assert reset.status_code == 200 and reset.json()["email"] == "ann@shop.example"
        assert browser.get("/api/v1/auth/me").status_code == 200
        used = browser.post("/api/v1/auth/reset-password",
                            json={"token": token, "password": "another one"})
        assert (used.status_code, used.json()["code"], used.json()["field"]) == (
            422, "auth.reset_invalid", "body.token")
    # the session signed in with the old password has ended
    assert client.get("/api/v1/auth/me").status_code == 401
    assert client.post("/api/v1/auth/sign-in", json={
        "email": "ann@shop.example", "password": "a new password"}).status_code == 200


def test_the_account_routes_need_no_credentials_in_the_api_document(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("sign-up", "forgot-password", "reset-password", "invite", "accept-invite"):
        assert "security" not in paths[f"/api/v1/auth/{path}"]["post"], path
    assert paths["/api/v1/team/invites"]["post"]["security"]
