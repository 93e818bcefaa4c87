"""Demo ad results for `studio demo`: an Ads Manager export for the videos just rendered.

The numbers are made up but shaped like a real account (templates differ in hook rate and
conversion), and they go through the real path: a CSV written like an export, the Meta
export reader, linking by creative code, the import run.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from studio.ingest.spreadsheet_safety import safe_row

HEADERS = [
    "Reporting starts", "Reporting ends", "Day", "Campaign name", "Ad name", "Ad ID",
    "Amount spent (USD)", "Impressions", "Link clicks", "Purchases",
    "Purchases conversion value", "3-second video plays", "ThruPlays", "Quality ranking",
]  # fmt: skip


def write_demo_export(path: Path, videos: list[tuple[int, str, str, str]], days: int = 14) -> Path:
    """videos: (id, creative code, template id, product title) → a Meta export CSV."""
    rng = random.Random(6)
    start = dt.date.today() - dt.timedelta(days=days)
    strength = {t: 0.6 + 0.8 * rng.random() for t in sorted({v[2] for v in videos})}
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(safe_row(HEADERS))
        for video_id, code, template, title in videos:
            k = strength[template]
            for d in range(days):
                day = start + dt.timedelta(days=d)
                spend = Decimal(rng.randint(800, 4000)) / 100
                impressions = rng.randint(1500, 6000)
                clicks = int(impressions * 0.012 * k)
                buys = int(clicks * 0.04 * k + rng.random())
                value = Decimal(buys * rng.randint(1900, 4900)) / 100
                # the ad name starts with the product title: seller text, maybe "=cmd|…"
                out.writerow(safe_row([
                    day, day, day, "Studio demo", f"{title[:40]} | {template} | {code}",
                    f"120{video_id:09d}", f"{spend:,.2f}", f"{impressions:,}", clicks, buys,
                    f"{value:,.2f}", int(impressions * 0.3 * k), int(impressions * 0.08 * k), "-",
                ]))  # fmt: skip
    return path


def import_demo_ads(workspace_id: int) -> int:
    """Write and import demo ad results for the workspace's finished videos; rows imported."""
    from plugins.meta_ads import MetaAds
    from studio.config import get_settings
    from studio.contracts import FetchQuery
    from studio.db import Product, Video, session_scope
    from studio.roi.store import import_ad_stats

    with session_scope() as session:
        videos = session.execute(
            select(Video.id, Video.creative_code, Video.template_id, Product.title)
            .outerjoin(Product, Product.id == Video.product_id)
            .where(Video.workspace_id == workspace_id, Video.status == "succeeded")
        ).all()
        if not videos:
            return 0
        rows = [(v, c, t or "template", p or "Product") for v, c, t, p in videos]
        path = write_demo_export(Path(get_settings().home) / "demo-meta-export.csv", rows)
        summary = import_ad_stats(
            session,
            workspace_id,
            MetaAds().fetch(FetchQuery(kind="ad_stats", path=path)),
            source="meta",
            platform="meta",
            file=path,
        )
        return summary.rows_total
