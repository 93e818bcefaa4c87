"""`studio roi creatives`: the videos themselves ranked by ROI, ROAS, spend, revenue or hook
rate — a Rich table, or with ``--json`` exactly what ``GET /analytics/roi/creatives`` answers."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace
from studio.cli.roi_options import Currency, Rates, Revenue, Since, Until, day

CENT = Decimal("0.01")


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def creatives(
    sort: Annotated[str, typer.Option("--sort", help="roi, roas, spend, revenue or "
                                                     "hook_rate.")] = "roi",
    order: Annotated[str, typer.Option("--order", help="desc (best first) or asc.")] = "desc",
    template: Annotated[str | None, typer.Option("--template", help="Only this template's "
                                                                    "videos.")] = None,
    product: Annotated[int | None, typer.Option("--product", help="Only this product's "
                                                                  "videos (its id).")] = None,
    platform: Annotated[str | None, typer.Option("--platform", help="Only results on meta, "
                                                                    "tiktok…")] = None,
    since: Since = None,
    until: Until = None,
    revenue: Revenue = "ads",
    rate: Rates = None,
    currency: Currency = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option("--offset", help="Rows to skip.")] = 0,
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """Each video's spend, revenue, ROAS, ROI and hook rate, best first."""
    from studio.services.analytics import RoiQuery
    from studio.services.creatives import CreativesQuery
    from studio.services.creatives import creatives as leaderboard

    roi = RoiQuery(since=day(since), until=day(until),
                   revenue=revenue, currency=currency, rates=tuple(rate or ()))
    query = CreativesQuery(roi=roi, sort=sort, order=order,
                           template=template, product=product, platform=platform, limit=limit,
                           offset=offset)
    with workspace(workspace_slug) as scope:
        board = leaderboard(scope, query)
    if as_json:
        print_json(board)
        return
    probe = Console()
    console = probe if probe.is_terminal else Console(width=180)
    table = Table(title=f"Videos by {sort} ({board.count} with results)")
    for column in ("code", "product", "template", "cur", "spend", "revenue", "ROAS", "ROI",
                   "hook rate"):
        table.add_column(column, justify="left" if column in ("code", "product", "template",
                                                               "cur") else "right")
    for row in board.data:
        table.add_row(
            row.creative_code, row.product_title or "", row.template_id or row.generator,
            row.currency, f"{row.spend.quantize(CENT):,}", f"{row.revenue.quantize(CENT):,}",
            "—" if row.roas is None else f"{row.roas:.2f}×", _pct(row.roi), _pct(row.hook_rate))
    console.print(table)
    for code, amount in board.unlinked_spend.items():
        console.print(f"[yellow]{amount.quantize(CENT)} {code} of ad spend is not linked to a "
                      "video yet (`studio link --unmatched`)[/]")
    console.print("[dim]" + " · ".join(board.formulas[k] for k in ("roas", "roi", "hook_rate"))
                  + "[/]")
