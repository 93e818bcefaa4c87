"""The usage ledger on the studio database (``usage_records``), for the budget check.

Entries are stored with their own kind (one vocabulary, :mod:`studio.usage_kinds`), and only
cloud-AI spending counts against the budget (renders on the seller's own machines are not
"cloud work"). ``record=False`` makes a read-only ledger for callers that
record usage themselves and only want the budget check. With ``session`` the ledger reads and
writes in that session's transaction (a submission calling an AI service inside its own
transaction: a second connection would wait on SQLite's write lock).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studio.ai.budget import UsageEntry
from studio.usage_kinds import CLOUD_KINDS


class DbUsageLedger:
    def __init__(self, url: str | None = None, *, record: bool = True,
                 session: Session | None = None) -> None:
        self.url = url
        self.record = record
        self.session = session

    def _session(self) -> Any:
        from studio.db import session_scope

        if self.session is not None:
            return contextlib.nullcontext(self.session)
        return session_scope(self.url)

    def add(self, entry: UsageEntry) -> None:
        if not self.record:
            return
        from studio.usage import record_usage

        with self._session() as session:
            record_usage(
                session, workspace_id=int(entry.workspace_id),
                kind=entry.kind, quantity=entry.quantity,
                video_id=int(entry.video_id) if entry.video_id else None,
                cost=entry.cost, currency=entry.currency, provider=entry.provider,
            )

    def spent(self, workspace_id: str, currency: str, since: dt.datetime | None = None) -> Decimal:
        from studio.db import UsageRecord

        query = select(func.coalesce(func.sum(UsageRecord.cost), 0)).where(
            UsageRecord.workspace_id == int(workspace_id),
            UsageRecord.currency == currency,
            UsageRecord.kind.in_(CLOUD_KINDS),
        )
        if since is not None:
            query = query.where(UsageRecord.created_at >= since)
        with self._session() as session:
            return Decimal(str(session.execute(query).scalar_one()))
