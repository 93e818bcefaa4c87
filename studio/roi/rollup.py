"""All-time totals per video, platform and currency: what makes `studio roi` instant.

ROI per template over a million daily rows would scan them all on every request; instead each
import or re-link rebuilds this small table (one line per video × platform × currency) from
``ad_stats`` with one ``INSERT … SELECT … GROUP BY``. Date-range reports still read
``ad_stats`` directly. It is a cache: emptying it loses nothing, the next import rebuilds it.

The table is :class:`studio.db.AdStatTotal`, created by the migrations like every other.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any, cast

import numpy as np
from sqlalchemy import Integer, Table, case, delete, func, insert, select, text
from sqlalchemy.orm import Session

from studio.db import AdStat, AdStatTotal

# a declarative class with __tablename__ always has a Table (typed as FromClause)
ad_stat_totals = cast(Table, AdStatTotal.__table__)
# every column but the id, in the order of the SELECT in rebuild()
_FILLED = [c.name for c in ad_stat_totals.columns if c.name != "id"]


def money_sum(column, dialect: str):  # type: ignore[no-untyped-def]
    """SUM of an amount column, exact on both databases.

    SQLite keeps amounts as REAL; a million float additions could drift by a cent, so they are
    summed as integer micro-units.
    """
    if dialect == "sqlite":
        return func.sum(func.cast(func.round(column * 1_000_000), Integer))
    return func.sum(column)


def rebuild(session: Session, workspace_id: int) -> None:
    """Recompute the workspace's totals from ad_stats (after an import or a re-link)."""
    dialect = session.get_bind().dialect.name
    # the hook is the 3-s play on Meta and the 2-s play on TikTok
    hook = func.coalesce(
        func.sum(case((AdStat.platform == "tiktok", AdStat.plays_2s), else_=AdStat.plays_3s)), 0
    )
    session.execute(delete(ad_stat_totals).where(ad_stat_totals.c.workspace_id == workspace_id))
    # SQLite read the workspace's rows through the (workspace, date) index, one table lookup
    # per row: 2.4 s for 1M rows. "+ 0" keeps it off that index and grouping by video first
    # lets it walk the video index instead (1.0 s); the groups are the same.
    owner = AdStat.workspace_id + 0 if dialect == "sqlite" else AdStat.workspace_id
    query = (
        select(
            AdStat.workspace_id,
            AdStat.video_id,
            AdStat.platform,
            AdStat.currency,
            money_sum(AdStat.spend, dialect),
            money_sum(AdStat.revenue, dialect),
            func.sum(AdStat.impressions),
            func.sum(AdStat.link_clicks),
            func.sum(AdStat.purchases),
            hook,
            func.coalesce(func.sum(AdStat.plays_3s), 0),
            func.coalesce(func.sum(AdStat.thruplays), 0),
            func.count(),
        )
        .where(owner == workspace_id)
        .group_by(AdStat.video_id, AdStat.platform, AdStat.currency, AdStat.workspace_id)
    )
    session.execute(insert(ad_stat_totals).from_select(_FILLED, query))


# the stage columns a total is made of, and the bound inside which a block's sums are exact
_PARTS = ("video_id", "platform", "currency", "spend", "revenue", "impressions", "link_clicks",
          "purchases", "plays_2s", "plays_3s", "thruplays")  # fmt: skip
_LIMIT = 1 << 49  # per value (micro-units for amounts): 8,000 of them add up inside int64
_INT64 = 1 << 63


class Summed:
    """SQLite: the totals :func:`rebuild` would read back, summed from the rows as they are
    written (a workspace's first import: its rows are all the workspace has), so a million
    rows are not read again (1 s). Each amount becomes micro-units as SQL's
    ``CAST(round(x * 1000000) AS INTEGER)`` makes them (round: the double ``x * 1e6`` plus or
    minus 0.5, truncated); sums are integers, NULL where ``SUM`` gives NULL. Any value outside
    that exact range (a NULL amount, a huge one) leaves ``exact`` False: the caller rebuilds."""

    def __init__(self, columns: Sequence[str]) -> None:
        """``columns``: the rows' (``staging.STAGE_COLUMNS``, then any others)."""
        self._pick = itemgetter(*(list(columns).index(c) for c in _PARTS))
        # (video, platform, currency) -> spend, revenue, impressions, link clicks, purchases,
        # hook, 3-s plays, thruplays, rows, and how many impressions / link clicks / purchases
        # were not NULL
        self.groups: dict[tuple[Any, Any, Any], list[int]] = {}
        self.exact = True

    def add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        if self.exact and rows:
            try:
                self._add(rows)
            except (TypeError, ValueError, OverflowError):
                self.exact = False

    def _add(self, rows: Sequence[tuple[Any, ...]]) -> None:
        video, platform, currency, *amounts, impressions, clicks, purchases, plays_2s, plays_3s, \
            thruplays = zip(*map(self._pick, rows), strict=True)
        keys: dict[tuple[Any, Any, Any], int] = {}
        group = np.fromiter((keys.setdefault(k, len(keys)) for k in zip(video, platform, currency,
                                                                         strict=True)),
                            np.intp, len(rows))  # fmt: skip
        # the hook is the 3-s play on Meta and the 2-s play on TikTok (as in rebuild)
        hook = [two if p == "tiktok" else three
                for p, two, three in zip(platform, plays_2s, plays_3s, strict=True)]
        columns = [_micro(a) for a in amounts]
        for values in (impressions, clicks, purchases, hook, plays_3s, thruplays):
            columns.append(_bounded(np.array([0 if v is None else v for v in values], np.int64)))
        for values in (impressions, clicks, purchases):
            columns.append(np.array([v is not None for v in values], np.int64))
        sums = np.zeros((len(columns), len(keys)), np.int64)
        for i, column in enumerate(columns):
            np.add.at(sums[i], group, column)
        count = np.bincount(group, minlength=len(keys)).tolist()
        per_group = sums.T.tolist()
        for key, i in keys.items():
            total = self.groups.get(key)
            if total is None:
                total = self.groups[key] = [0] * (len(columns) + 1)
            for j, value in enumerate(per_group[i]):
                total[j] += value
            total[-1] += count[i]

    def rows(self, workspace_id: int) -> list[dict[str, Any]] | None:
        """The totals as ``ad_stat_totals`` rows, in SQLite's GROUP BY order; None when not
        exact (a sum beyond SQLite's integers: its SUM would fail, so rebuild() says it)."""
        if not self.exact:
            return None
        out = []
        for (video, platform, currency), total in sorted(self.groups.items(), key=_order):
            spend, revenue, impressions, clicks, purchases, hook, plays_3s, thruplays, \
                *present, rows = total
            if any(abs(v) >= _INT64 for v in total):
                return None
            nullable = [v if n else None for v, n in
                        zip((impressions, clicks, purchases), present, strict=True)]
            values = [workspace_id, video, platform, currency, spend, revenue, *nullable, hook,
                      plays_3s, thruplays, rows]
            out.append(dict(zip(_FILLED, values, strict=True)))
        return out


def _order(item: tuple[tuple[Any, Any, Any], list[int]]) -> tuple[Any, ...]:
    video, platform, currency = item[0]
    return (video is not None, video or 0, platform, currency)


def _micro(amounts: Sequence[Any]) -> np.ndarray:
    scaled = np.array(amounts, np.float64) * 1_000_000  # TypeError for a NULL: not exact
    if not (np.abs(scaled) < _LIMIT).all():  # NaN too
        raise ValueError("an amount beyond the exact range")
    return np.trunc(scaled + np.where(scaled < 0, -0.5, 0.5)).astype(np.int64)


def _bounded(values: np.ndarray) -> np.ndarray:
    if len(values) and np.abs(values).max() >= _LIMIT:
        raise ValueError("a count beyond the exact range")
    return values


def write(session: Session, workspace_id: int, rows: list[dict[str, Any]]) -> None:
    """The workspace's totals replaced by ``rows`` (from :class:`Summed`)."""
    session.execute(delete(ad_stat_totals).where(ad_stat_totals.c.workspace_id == workspace_id))
    if rows:
        # plain parameters: the Numeric columns hold SQLite integers, as rebuild() leaves them
        names = ", ".join(_FILLED)
        marks = ", ".join(f":{c}" for c in _FILLED)
        session.execute(text(f"INSERT INTO ad_stat_totals ({names}) VALUES ({marks})"), rows)


def refresh() -> dict[str, int]:
    """Rebuild the totals of every workspace (the periodic ``studio.roi.refresh`` task)."""
    from studio.db import session_scope

    rebuilt = 0
    with session_scope() as session:
        workspaces = session.scalars(select(AdStat.workspace_id).distinct()).all()
        for workspace_id in workspaces:
            rebuild(session, workspace_id)
            rebuilt += 1
    return {"workspaces": rebuilt}
