"""`studio roi`: which template earns money — a Rich table, or JSON for scripts."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from studio.cli.common import JSON, WORKSPACE, print_json, workspace
from studio.cli.roi_options import Currency, Rates, Revenue, Since, Until, day, said

CENT = Decimal("0.01")


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.quantize(CENT):,}"


def _times(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def roi(
    ctx: typer.Context,
    by: Annotated[
        str, typer.Option("--by", help="template, version, product, category, platform, "
                                       "generator.")
    ] = "template",
    since: Since = None,
    until: Until = None,
    category: Annotated[str | None, typer.Option("--category", help="Only this category.")] = None,
    revenue: Revenue = "ads",
    rate: Rates = None,
    currency: Currency = None,
    as_json: bool = JSON,
    workspace_slug: str = WORKSPACE,
) -> None:
    """ROI per template (or version, product, category, platform, generator) with 90%
    intervals, and — by template — which templates to render next; `studio roi creatives`
    ranks the videos themselves."""
    if ctx.invoked_subcommand is not None:
        return
    from studio.roi.engine import MIN_IMPRESSIONS, MIN_PURCHASES, MIN_VIDEOS
    from studio.services.analytics import RoiQuery, roi_report

    query = RoiQuery(by=by, since=day(since), until=day(until), category=category,
                     revenue=revenue, currency=currency, rates=tuple(rate or ()))
    with workspace(workspace_slug) as scope:
        report = roi_report(scope, query)
    if as_json:
        print_json(report)
        return
    probe = Console()
    # piped output gets room for every column instead of 80 squeezed ones
    console = probe if probe.is_terminal else Console(width=180)
    span = f"{report.since or 'start'} → {report.until or 'today'}"
    table = Table(title=f"ROI by {by} ({span})")
    for column in ("", "cur", "videos", "spend", "revenue", "prod. cost", "profit", "ROAS",
                   "ROI (90% interval)", "CTR", "CVR", "CPA", "hook", "P(best)"):  # fmt: skip
        table.add_column(column, justify="left" if column in ("", "cur") else "right")
    for g in report.groups:
        interval = (
            f" [{g.roi_interval[0] * 100:.0f}%…{g.roi_interval[1] * 100:.0f}%]"
            if g.roi_interval
            else ""
        )
        name = g.key if g.enough_data else f"{g.key} [yellow]†[/]"
        table.add_row(
            name, g.currency, str(g.videos), _money(g.spend), _money(g.revenue),
            _money(g.production_cost), _money(g.profit), _times(g.roas),
            _pct(g.roi) + interval, _pct(g.ctr), _pct(g.cvr), _money(g.cpa), _pct(g.hook_rate),
            "—" if g.p_best is None else f"{g.p_best:.0%}",
        )  # fmt: skip
    console.print(table)
    if any(not g.enough_data for g in report.groups):
        console.print(
            f"[yellow]† not enough data yet (it takes {MIN_VIDEOS} videos, "
            f"{MIN_IMPRESSIONS:,} impressions, {MIN_PURCHASES} purchases and a minimum "
            "spend, e.g. 100 USD): treat these figures as early signals[/]"
        )
    # the report's sentences say what to do in words; the terminal adds the flags that do it
    # (the unlinked rows' notice names their spend and `studio link --unmatched`)
    for g in report.groups:
        for notice in g.notices:
            console.print(f"[dim]{escape(g.key)} ({g.currency}): {escape(said(notice))}[/]")
    for notice in report.notices:
        console.print(f"[yellow]{escape(said(notice))}[/]")
    for rec in report.recommendations:
        console.print(f"[bold]{rec.summary}[/]")
        console.print(f"[dim]{rec.explanation}[/]")
    console.print(
        "[dim]" + " · ".join(report.formulas[k] for k in ("roas", "roi", "profit")) + "[/]"
    )


def register(app: typer.Typer) -> None:
    from studio.cli.creatives_cmd import creatives

    group = typer.Typer(invoke_without_command=True)
    group.callback()(roi)
    group.command(name="creatives")(creatives)
    app.add_typer(group, name="roi")
