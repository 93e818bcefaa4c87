"""ROI from the database: SQL sums per video, then the pure engine over a few thousand totals.

Queries run on the Core connection (no ORM row loading: ten thousand rows in milliseconds);
each one filters on the workspace itself.

The heavy part — a million daily rows — is one ``GROUP BY video, platform, currency`` in the
database; Python only sees one line per video and platform. On SQLite, money is summed in
integer micro-units so a million REAL additions cannot drift by a cent.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import String, case, cast, func, literal_column, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from studio.db import AdStat, Order, Product, Video
from studio.db.bulk import in_chunks
from studio.roi import notices, rollup
from studio.roi.engine import ZERO, AdResult, GroupBy, Rates, RoiReport, VideoInfo, roi_report
from studio.roi.formulas import gross_margin

MICRO = Decimal("0.000001")


def _money(value: object, dialect: str) -> Decimal:
    if value is None:
        return Decimal(0)
    if dialect == "sqlite":
        return Decimal(int(value)) * MICRO  # type: ignore[call-overload]
    return Decimal(value)  # type: ignore[arg-type]


def ad_results(
    session: Session,
    workspace_id: int,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_ad_revenue: bool = True,
) -> list[AdResult]:
    dialect = session.get_bind().dialect.name
    hook = case((AdStat.platform == "tiktok", AdStat.plays_2s), else_=AdStat.plays_3s)
    query = select(
        AdStat.video_id,
        AdStat.platform,
        AdStat.currency,
        rollup.money_sum(AdStat.spend, dialect),
        rollup.money_sum(AdStat.revenue, dialect),
        func.sum(AdStat.impressions),
        func.sum(AdStat.link_clicks),
        func.sum(AdStat.purchases),
        func.coalesce(func.sum(hook), 0),
        func.coalesce(func.sum(AdStat.plays_3s), 0),
        func.coalesce(func.sum(AdStat.thruplays), 0),
        func.count(literal_column("*")),
    ).where(AdStat.workspace_id == workspace_id)
    if since:
        query = query.where(AdStat.date >= since)
    if until:
        query = query.where(AdStat.date <= until)
    query = query.group_by(AdStat.video_id, AdStat.platform, AdStat.currency)
    out = []
    for (
        vid,
        platform,
        currency,
        spend,
        revenue,
        imp,
        clicks,
        buys,
        hook_,
        p3,
        thru,
        n,
    ) in session.connection().execute(query):
        out.append(
            AdResult(
                video_id=vid,
                platform=platform,
                currency=currency,
                spend=_money(spend, dialect),
                revenue=_money(revenue, dialect) if include_ad_revenue else Decimal(0),
                impressions=int(imp or 0),
                link_clicks=int(clicks or 0),
                purchases=int(buys or 0) if include_ad_revenue else 0,
                hook_plays=int(hook_),
                plays_3s=int(p3),
                thruplays=int(thru),
                rows=int(n),
            )  # fmt: skip
        )
    return out


def _from_rollup(
    session: Session, workspace_id: int, dialect: str, include_ad_revenue: bool
) -> tuple[list[AdResult], dict[int, VideoInfo]]:
    """Totals per video, then the workspace's videos and products: no million-row scan.

    Two plain queries rather than one join: right after an import the planner has no
    statistics on the fresh totals and guessed a nested loop of 10,000 × 10,000 rows (a second
    on PostgreSQL); each of these is a single index or table scan whatever it guesses.
    """
    t = rollup.ad_stat_totals.c
    # the amounts as the driver gives them (SQLite: integer micro-units; PostgreSQL: Decimal):
    # on SQLite the Numeric type's own conversion made each a Decimal through a formatted
    # float, which _money then undid (fetching 10,000 totals: 69 ms with it, 22 ms without)
    rows = session.connection().execute(
        select(
            t.video_id, t.platform, t.currency, type_coerce(t.spend, NullType()),
            type_coerce(t.revenue, NullType()), t.impressions, t.link_clicks, t.purchases,
            t.hook_plays, t.plays_3s, t.thruplays, t.rows,
        ).where(t.workspace_id == workspace_id)
    ).all()  # fmt: skip
    sqlite = dialect == "sqlite"
    # positional: AdResult's fields in their order (video, platform, currency, date, spend,
    # revenue, impressions, link clicks, purchases, hook plays, 3-s plays, ThruPlays, rows);
    # a keyword call costs twice as much. The amounts are those _money makes, inlined.
    results = [
        AdResult(
            vid, platform, currency, None,
            ZERO if spend is None else Decimal(int(spend)) * MICRO if sqlite else spend,
            ZERO if revenue is None or not include_ad_revenue
            else Decimal(int(revenue)) * MICRO if sqlite else revenue,
            int(imp), int(clicks), int(buys) if include_ad_revenue else 0, int(hook), int(p3),
            int(thru), int(n),
        )
        for vid, platform, currency, spend, revenue, imp, clicks, buys, hook, p3, thru, n in rows
    ]  # fmt: skip
    linked = any(r.video_id is not None for r in results)
    return results, video_infos(session, workspace_id) if linked else {}


_PLATFORM_OF_SOURCE = {"facebook": "meta", "fb": "meta", "instagram": "meta", "ig": "meta",
                       "meta": "meta", "tiktok": "tiktok"}  # fmt: skip


def order_results(
    session: Session, workspace_id: int, *, since: dt.date | None, until: dt.date | None
) -> list[AdResult]:
    """Shop orders attributed by UTM, as revenue-only results (no spend, no impressions)."""
    dialect = session.get_bind().dialect.name
    sku = Order.raw["sku"].as_string()  # the variant sold, when the order file named it
    query = select(
        Order.video_id, Order.utm_source, Order.currency,
        rollup.money_sum(Order.revenue, dialect), func.count(literal_column("*")), sku,
    ).where(Order.workspace_id == workspace_id, Order.video_id.is_not(None))  # fmt: skip
    if since:
        query = query.where(Order.ordered_at >= dt.datetime.combine(since, dt.time(), dt.UTC))
    if until:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), dt.UTC)
        query = query.where(Order.ordered_at < end)
    query = query.group_by(Order.video_id, Order.utm_source, Order.currency, sku)
    return [
        AdResult(
            video_id=vid,
            platform=_PLATFORM_OF_SOURCE.get((source or "").lower(), "shop"),
            currency=currency,
            revenue=_money(revenue, dialect),
            purchases=int(n),
            rows=0,
            sku=variant or None,
        )  # fmt: skip
        for vid, source, currency, revenue, n, variant in session.connection().execute(query)
    ]


def add_variant_margins(
    session: Session, workspace_id: int, infos: dict[int, VideoInfo], video_ids: set[int]
) -> None:
    """Each listed video's product variants' margins by SKU (only videos with a sale naming
    a variant: most reports have none and skip this query)."""
    for chunk in in_chunks(sorted(video_ids)):
        rows = session.connection().execute(
            select(Video.id, Product.price, Product.cost, Product.variants)
            .join(Product, Product.id == Video.product_id)
            .where(Video.workspace_id == workspace_id, Video.id.in_(chunk))
        )
        for vid, price, cost, variants in rows:
            margins = {
                str(v["sku"]): gross_margin(
                    _amount(_text(v.get("price"))) or _amount(_text(price)),
                    # a variant without its own cost is costed like the product
                    _amount(_text(v.get("cost"))) or _amount(_text(cost)),
                )
                for v in variants or () if isinstance(v, dict) and v.get("sku")
            }  # fmt: skip
            if vid in infos and margins:
                infos[vid].variant_margins = margins


def _text(value: object) -> str | None:
    return None if value is None else str(value)


# amounts as text: skips a per-row type conversion that costs more than the query
_VIDEO_COLUMNS = (
    Video.id, Video.template_id, Video.template_version, Video.product_id,
    cast(Video.production_cost, String), Video.production_currency, Video.generator,
)  # fmt: skip
_PRODUCT_COLUMNS = (
    Product.id, Product.title, Product.category, cast(Product.price, String),
    cast(Product.cost, String),
)  # fmt: skip


@lru_cache(maxsize=4096)
def _margin(price: str | None, cost: str | None) -> Decimal | None:
    # thousands of videos share a few products
    return gross_margin(_amount(price), _amount(cost))


@lru_cache(maxsize=4096)
def _amount(text_: str | None) -> Decimal | None:
    return None if text_ is None else Decimal(text_)


def video_infos(session: Session, workspace_id: int) -> dict[int, VideoInfo]:
    """Every video of the workspace with what ROI needs from it and its product.

    Videos and their products are read apart and matched here: thousands of videos share a
    few products, and SQLite's join (a product lookup per video, its amounts cast to text
    each time) took 22 ms where the videos alone take 10.
    """
    conn = session.connection()
    # fetched at once: row by row, each fetch went through the driver's and SQLAlchemy's
    # Python layers (on PostgreSQL, 35 ms of the 85 this took under cProfile)
    rows = conn.execute(select(*_VIDEO_COLUMNS).where(Video.workspace_id == workspace_id)).all()
    of: dict[int, tuple[str | None, ...]] = {row[0]: row[1:] for row in conn.execute(
        select(*_PRODUCT_COLUMNS).where(Product.workspace_id == workspace_id))}  # fmt: skip
    wanted = sorted({row[3] for row in rows if row[3] is not None} - of.keys())
    for chunk in in_chunks(wanted):  # none, unless a video names another's product
        of.update((row[0], row[1:]) for row in conn.execute(
            select(*_PRODUCT_COLUMNS).where(Product.id.in_(chunk))))  # fmt: skip
    for pid in wanted:  # a product gone: named by its id, as the outer join did
        of.setdefault(pid, (None, None, None, None))
    # per product: how a video names it, its category and its margin, as the join gave them
    # (without a product: no title, no category, no margin)
    product_of = {
        pid: (title or (str(pid) if pid else None), category or "", _margin(price, cost))
        for pid, (title, category, price, cost) in of.items()
    }
    nothing = (None, "", _margin(None, None))
    infos = {}
    for vid, template, version, product, prod, pcur, generator in rows:
        generator = generator or "template"
        name, category, margin = product_of.get(product, nothing)  # type: ignore[arg-type]
        # a video another generator made used no template: it counts for none, whatever the
        # request named (ROI per template must not credit a template that was never used).
        # Positional, in VideoInfo's field order: a keyword call costs 4× as much.
        infos[vid] = VideoInfo(
            vid, (template if generator == "template" else None) or "(no template)",
            version or "", name, category, margin, _amount(prod) or ZERO, pcur, generator,
        )  # fmt: skip
    return infos


def roi_from_db(
    session: Session,
    workspace_id: int,
    *,
    by: GroupBy = "template",
    since: dt.date | None = None,
    until: dt.date | None = None,
    category: str | None = None,
    rates: Rates | None = None,
    revenue_source: str = "ads",
    platform: str | None = None,
) -> RoiReport:
    """ROI per group. ``revenue_source``: ``ads`` (what the platforms report) or ``orders``
    (shop orders attributed by utm_content, for when ad platforms under-report).
    ``platform``: only that platform's results (meta, tiktok…)."""
    if revenue_source not in ("ads", "orders"):
        raise ValueError("revenue source must be 'ads' or 'orders'")
    with _collector_paused():
        return _roi(session, workspace_id, by, since, until, category, rates, revenue_source,
                    platform)  # fmt: skip


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the report is built.

    The report makes ~80,000 short-lived container objects for 10,000 videos (rows, results,
    video infos, keys); none is in a cycle and reference counting frees them all, but their
    allocation set off ~80 young-generation passes and, in three reports of five, a full one
    over the whole heap: 20-100 ms a report (gc.callbacks, the bench's 10,000 videos).
    Collection resumes at the end, when they are gone. Re-enabled only if it was on: a
    caller's choice stands.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _roi(
    session: Session, workspace_id: int, by: GroupBy, since: dt.date | None,
    until: dt.date | None, category: str | None, rates: Rates | None, revenue_source: str,
    platform: str | None,
) -> RoiReport:
    with_ad_revenue = revenue_source == "ads"
    if since is None and until is None:
        results, infos = _from_rollup(
            session, workspace_id, session.get_bind().dialect.name, with_ad_revenue
        )
    else:
        results = ad_results(
            session, workspace_id, since=since, until=until, include_ad_revenue=with_ad_revenue
        )
        infos = {}
    if revenue_source == "orders":
        results += order_results(session, workspace_id, since=since, until=until)
    missing = {r.video_id for r in results if r.video_id and r.video_id not in infos}
    if missing:
        infos.update(video_infos(session, workspace_id))
    with_variant = {r.video_id for r in results if r.sku and r.video_id in infos}
    if with_variant:
        add_variant_margins(session, workspace_id, infos, with_variant)  # type: ignore[arg-type]
    report = roi_report(results, infos, by=by, category=category, rates=rates,
                        only_platform=platform)
    report.since, report.until = since, until
    if revenue_source == "orders":
        report.notices.append(notices.revenue_from_orders())
    return report
