"""Ad accounts a workspace connects (Meta, TikTok, or an ad-platform plugin): connect with a
token (checked at once and stored encrypted), test, list ad sets, reconnect, disconnect.

A token never leaves this module in clear except to call its platform: answers show its last
four characters, and every message a platform sends back is redacted first. When a platform
refuses the token the account is marked ``needs_reconnecting`` with what to do, and nothing
is published through it until the seller reconnects.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy.orm import Session

from studio.contracts import PluginError
from studio.db import AdAccount, Scope
from studio.db.types import utcnow
from studio.errors import Conflict, InvalidInput, NotFound, Unavailable
from studio.events import record_event
from studio.publishing import AccountInfo, AccountNeedsReconnecting, is_publisher
from studio.schemas.publishing import (
    AdSetsPublic,
    ConnectionCheck,
    ConnectionCreate,
    ConnectionPublic,
    ConnectionsPublic,
    ConnectionUpdate,
)
from studio.token_vault import TokenUnreadable, decrypt, encrypt, hint, redact

# the identity fields each built-in platform posts ads as (a plugin's: any of them)
IDENTITY = {"meta": ("page_id", "instagram_user_id"), "tiktok": ("identity_id", "identity_type")}
IDENTITY_FIELDS = ("page_id", "instagram_user_id", "identity_id", "identity_type")
REQUIRED_IDENTITY = {"meta": ("page_id", "a Facebook page"),
                     "tiktok": ("identity_id", "a TikTok identity")}


def connection_public(account: AdAccount) -> ConnectionPublic:
    return ConnectionPublic(
        id=account.id, platform=account.platform, account_id=account.account_id,
        name=account.name, currency=account.currency,
        identity={k: str(v) for k, v in (account.identity or {}).items() if v},
        landing_url=account.landing_url,
        token_hint=f"…{account.token_hint}" if account.token_hint else "",
        status=account.status, status_reason=account.status_reason,
        checked_at=account.checked_at, synced_through=account.synced_through,
        synced_at=account.synced_at, sync_error=account.sync_error,
        created_at=account.created_at)


def list_connections(scope: Scope) -> ConnectionsPublic:
    rows = scope.list(AdAccount, order_by=AdAccount.id)
    return ConnectionsPublic(data=[connection_public(a) for a in rows], count=len(rows))


def get_connection(scope: Scope, account_id: int) -> AdAccount:
    found = scope.get(AdAccount, account_id)
    if found is None:
        raise NotFound("ad_account", account_id)
    return found


def platform_plugin(name: str) -> Any:
    """A fresh copy of the ad-platform plugin ``name`` (a source that can publish)."""
    from studio.plugins import get_data_source, get_host

    try:
        plugin = get_data_source(name)
    except LookupError:
        plugin = None
    if plugin is None or not is_publisher(plugin):
        available = sorted(n for n, s in get_host().objects["data-source"].items()
                           if is_publisher(s))
        raise InvalidInput("connection.unknown_platform", field="platform", platform=name,
                           available=", ".join(available) or "none")
    return copy.copy(plugin)


def _config(platform: str, account_id: str, token: str, identity: dict[str, Any],
            currency: str | None) -> dict[str, Any]:
    config: dict[str, Any] = {"access_token": token, "account_id": account_id,
                              "identity": dict(identity)}
    if platform == "tiktok":
        config["advertiser_id"] = account_id
    if currency:
        config["currency"] = currency
    return config


def connected(account: AdAccount) -> Any:
    """The account's plugin, connected with its (decrypted) token; an unreadable token (the
    studio's key changed) is a Conflict that says to reconnect."""
    try:
        token = decrypt(account.token_ciphertext)
    except TokenUnreadable:
        raise Conflict("connection.needs_reconnecting", platform=account.platform,
                       account=account.account_id,
                       reason="the studio's key changed, so the stored token cannot be read; "
                              "paste the token again") from None
    plugin = platform_plugin(account.platform)
    plugin.connect(_config(account.platform, account.account_id, token,
                           account.identity or {}, account.currency))
    return plugin


def token_of(account: AdAccount) -> str | None:
    try:
        return decrypt(account.token_ciphertext)
    except TokenUnreadable:
        return None


def _check(platform: str, plugin: Any, token: str) -> AccountInfo:
    """The platform's view of the account; its refusals in the seller's words."""
    try:
        return plugin.account()  # type: ignore[no-any-return]
    except AccountNeedsReconnecting as exc:
        raise InvalidInput("connection.refused", field="access_token", platform=platform,
                           detail=redact(str(exc), token)) from None
    except PluginError as exc:
        if exc.transient:
            raise Unavailable("connection.unreachable", platform=platform,
                              detail=redact(str(exc), token)) from None
        raise InvalidInput("connection.refused", field="account_id", platform=platform,
                           detail=redact(str(exc), token)) from None


def _normal_id(platform: str, account_id: str) -> str:
    value = account_id.strip()
    if platform == "meta" and not value.startswith("act_"):
        value = f"act_{value}"
    return value


def connect(scope: Scope, body: ConnectionCreate) -> tuple[ConnectionCheck, bool]:
    """Check the account with its platform, then store it (token encrypted). Connecting an
    account already connected replaces its token and identity. Returns (the account with
    what the platform showed, created)."""
    platform = body.platform.strip().lower()
    account_id = _normal_id(platform, body.account_id)
    token = body.access_token.get_secret_value().strip()
    identity = {k: v.strip() for k in IDENTITY_FIELDS
                if (v := getattr(body, k)) and v.strip()}
    if platform in REQUIRED_IDENTITY and REQUIRED_IDENTITY[platform][0] not in identity:
        field, what = REQUIRED_IDENTITY[platform]
        raise InvalidInput("connection.missing_identity", field=field, platform=platform,
                           what=what, name=field)
    plugin = platform_plugin(platform)
    try:
        plugin.connect(_config(platform, account_id, token, identity, None))
    except PluginError as exc:
        raise InvalidInput("connection.refused", field="account_id", platform=platform,
                           detail=redact(str(exc), token)) from None
    info = _check(platform, plugin, token)
    account = scope.first(AdAccount, AdAccount.platform == platform,
                          AdAccount.account_id == account_id)
    created = account is None
    if account is None:
        account = scope.add(AdAccount(platform=platform, account_id=account_id))
    account.name = info.name or account.name or account_id
    account.currency = (info.currency or account.currency or "").upper() or None
    account.identity = identity
    if body.landing_url is not None:
        account.landing_url = body.landing_url
    was = account.status
    _store_token(account, token)
    scope.session.flush()
    record_event(scope.session, workspace_id=scope.workspace_id,
                 type="ad_account.connected" if created or was == "connected"
                 else "ad_account.reconnected", subject_type="ad_account",
                 subject_id=account.id, payload={"platform": platform,
                                                 "account_id": account_id,
                                                 "name": account.name})
    return ConnectionCheck(connection=connection_public(account), account=info), created


def _store_token(account: AdAccount, token: str) -> None:
    account.token_ciphertext = encrypt(token)
    account.token_hint = hint(token)
    account.status, account.status_reason = "connected", None
    account.checked_at = utcnow()


def update_connection(scope: Scope, account_id: int,
                      body: ConnectionUpdate) -> ConnectionPublic:
    """A new token is checked with the platform before it replaces the old one."""
    account = get_connection(scope, account_id)
    identity = dict(account.identity or {})
    for name in IDENTITY_FIELDS:
        if name in body.model_fields_set:
            value = (getattr(body, name) or "").strip()
            if value:
                identity[name] = value
            else:
                identity.pop(name, None)
    account.identity = identity
    if "landing_url" in body.model_fields_set:
        account.landing_url = body.landing_url
    if body.access_token is not None:
        token = body.access_token.get_secret_value().strip()
        plugin = platform_plugin(account.platform)
        plugin.connect(_config(account.platform, account.account_id, token, identity,
                               account.currency))
        info = _check(account.platform, plugin, token)
        account.name = info.name or account.name
        was = account.status
        _store_token(account, token)
        if was != "connected":
            record_event(scope.session, workspace_id=scope.workspace_id,
                         type="ad_account.reconnected", subject_type="ad_account",
                         subject_id=account.id, payload={"platform": account.platform,
                                                         "account_id": account.account_id})
    scope.session.flush()
    return connection_public(account)


def disconnect(scope: Scope, account_id: int) -> None:
    """Forget the account and its token; its ads' results still count (their ad links stay)."""
    account = get_connection(scope, account_id)
    record_event(scope.session, workspace_id=scope.workspace_id, type="ad_account.disconnected",
                 subject_type="ad_account", subject_id=account.id,
                 payload={"platform": account.platform, "account_id": account.account_id})
    scope.delete(account)


def check_connection(scope: Scope, account_id: int) -> ConnectionCheck:
    """Test the connection now: the account's campaigns and ad sets / ad groups. A refused
    token marks the account "needs reconnecting" (and says so) instead of failing."""
    account = get_connection(scope, account_id)
    plugin = connected(account)
    try:
        info = plugin.account()
    except AccountNeedsReconnecting as exc:
        needs_reconnecting(scope.session, account, redact(str(exc), token_of(account)))
        return ConnectionCheck(connection=connection_public(account), account=None)
    except PluginError as exc:
        detail = redact(str(exc), token_of(account))
        if exc.transient:
            raise Unavailable("connection.unreachable", platform=account.platform,
                              detail=detail) from None
        raise InvalidInput("connection.refused", platform=account.platform,
                           detail=detail) from None
    account.checked_at = utcnow()
    account.name = info.name or account.name
    account.currency = (info.currency or account.currency or "").upper() or None
    scope.session.flush()
    return ConnectionCheck(connection=connection_public(account), account=info)


def ad_sets(scope: Scope, account_id: int) -> AdSetsPublic:
    check = check_connection(scope, account_id)
    if check.account is None:
        account = get_connection(scope, account_id)
        raise Conflict("connection.needs_reconnecting", platform=account.platform,
                       account=account.account_id, reason=account.status_reason or "")
    return AdSetsPublic(data=check.account.ad_sets, count=len(check.account.ad_sets))


def needs_reconnecting(session: Session, account: AdAccount, reason: str) -> None:
    """The platform refused the token: say so on the account (once, as an event)."""
    if account.status != "needs_reconnecting":
        record_event(session, workspace_id=account.workspace_id,
                     type="ad_account.needs_reconnecting", subject_type="ad_account",
                     subject_id=account.id, payload={"platform": account.platform,
                                                     "account_id": account.account_id,
                                                     "reason": reason})
    account.status, account.status_reason = "needs_reconnecting", reason
    account.checked_at = utcnow()
    session.flush()


def require_connected(account: AdAccount) -> None:
    if account.status != "connected":
        raise Conflict("connection.needs_reconnecting", platform=account.platform,
                       account=account.account_id, reason=account.status_reason or "")
