"""A workspace's past: videos of some templates with their ad results, so ROI per template
(and the recommendation) has something to say."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from studio.contracts import AdStatRow
from studio.db import Product, Video, session_scope
from studio.roi.store import import_ad_stats

DAY = dt.date(2026, 11, 20)


def seed_history(workspace_id: int, results: dict[str, tuple[int, str]],
                 url: str | None = None) -> list[int]:
    """``{template: (videos, revenue per video)}``: each video spent 50 USD on 5,000
    impressions with 15 purchases of a 40 USD product costing 10 (a 75 % margin)."""
    rows, ids = [], []
    with session_scope(url) as session:
        for template, (count, revenue) in results.items():
            for n in range(count):
                product = Product(workspace_id=workspace_id, title=f"Old {template} {n}",
                                  price=Decimal(40), cost=Decimal(10), currency="USD",
                                  category="", source="history", external_id=f"{template}-{n}")
                session.add(product)
                session.flush()
                code = f"H{template[:3].upper()}{n:03d}X"
                video = Video(workspace_id=workspace_id, creative_code=code,
                              product_id=product.id, template_id=template, format="9:16",
                              status="succeeded", progress=1.0, options={})
                session.add(video)
                session.flush()
                ids.append(video.id)
                rows.append(AdStatRow(platform="meta", ad_id=f"99{video.id:06d}",
                                      ad_name=f"{product.title} | {template} | {code}",
                                      date=DAY, currency="USD", spend=Decimal(50),
                                      impressions=5000, link_clicks=100, purchases=15,
                                      revenue=Decimal(revenue)))
        import_ad_stats(session, workspace_id, rows, source="history", platform="meta")
    return ids
