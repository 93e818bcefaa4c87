"""The store an autopilot pulls on a schedule (beat, every 15 minutes): its catalog is imported
as any import is (``services.catalog.import_catalog``), so new products reach the autopilot
through the same hook — arriving by themselves, with nobody uploading a file."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select

from studio.db import AutopilotSettings, session_scope
from studio.db.types import utcnow
from studio.errors import StudioError
from studio.services.autopilot import status_of
from studio.token_vault import TokenUnreadable, decrypt, redact

log = logging.getLogger(__name__)


def pull_stores() -> dict[str, Any]:
    """Import the catalog of every autopilot's store (autopilot on, not paused)."""
    with session_scope() as session:
        due = [(s.workspace_id, dict(s.store or {}), s.store_token_ciphertext)
               for s in session.scalars(select(AutopilotSettings))
               if status_of(s) == "on" and (s.store or {}).get("shop_url")]
    return {"stores": [pull_store(ws, store, ciphertext) for ws, store, ciphertext in due]}


def pull_store(workspace_id: int, store: dict[str, Any], ciphertext: str | None
               ) -> dict[str, Any]:
    from studio.services.catalog import import_catalog
    from studio.services.uow import unit_of_work

    token = None
    result: dict[str, Any] = {"workspace": workspace_id, "shop_url": store.get("shop_url")}
    try:
        token = decrypt(ciphertext or "")
        config = {"shop_url": store["shop_url"], "access_token": token,
                  "currency": store.get("currency") or "USD"}
        with unit_of_work(workspace_id) as scope:
            imported = import_catalog(scope, source=str(store.get("source") or "shopify"),
                                      config=config)
            _note(scope.session, workspace_id, None)
        result.update(stored=imported.stored, rejected=len(imported.rejected))
    except TokenUnreadable:
        result["error"] = "the store's token cannot be read with this studio's key; enter it again"
    except StudioError as exc:
        result["error"] = redact(exc.message, token)
    except Exception as exc:  # a store that is down must not stop the others
        result["error"] = redact(f"{type(exc).__name__}: {exc}", token)
        log.warning("store of workspace %s: %s", workspace_id, result["error"])
    if "error" in result:
        with session_scope() as session:
            _note(session, workspace_id, result["error"])
    return result


def _note(session: Any, workspace_id: int, error: str | None) -> None:
    settings = session.scalars(select(AutopilotSettings).where(
        AutopilotSettings.workspace_id == workspace_id)).first()
    if settings is not None:
        settings.store_synced_at, settings.store_error = utcnow(), error
