"""`studio roi`: which template earns money — a Rich table, or JSON for scripts."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from studio.roi.engine import MIN_IMPRESSIONS, MIN_VIDEOS, GroupResult, Rates, RoiReport

CENT = Decimal("0.01")


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.quantize(CENT):,}"


def _times(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _rates(pairs: list[str] | None, currency: str | None) -> Rates | None:
    if not pairs:
        return None
    if not currency:
        raise typer.BadParameter("--rate needs --currency, the currency to convert into")
    rates = {}
    for pair in pairs:
        code, sep, value = pair.partition("=")
        if not sep:
            raise typer.BadParameter(
                f"{pair!r}: use CODE=RATE, e.g. EUR=1.08 (1 EUR in {currency})"
            )
        rates[code.strip().upper()] = Decimal(value)
    return Rates(currency, rates)


def group_dict(g: GroupResult) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in vars(g).items():
        out[name] = str(value) if isinstance(value, Decimal) else value
    return out


def report_dict(report: RoiReport, recommendations: list[Any]) -> dict[str, Any]:
    return {
        "by": report.by,
        "since": report.since.isoformat() if report.since else None,
        "until": report.until.isoformat() if report.until else None,
        "groups": [group_dict(g) for g in report.groups],
        "messages": report.messages,
        "unlinked_rows": report.unlinked_rows,
        "formulas": report.formulas,
        "interval": "90% Bayesian bootstrap over videos (fixed seed)",
        "recommendations": [vars(r) for r in recommendations],
    }


def roi(
    by: Annotated[
        str, typer.Option("--by", help="template, version, product, category, platform.")
    ] = "template",
    since: Annotated[dt.datetime | None, typer.Option("--since", formats=["%Y-%m-%d"])] = None,
    until: Annotated[dt.datetime | None, typer.Option("--until", formats=["%Y-%m-%d"])] = None,
    category: Annotated[str | None, typer.Option("--category", help="Only this category.")] = None,
    revenue: Annotated[
        str, typer.Option("--revenue", help="ads (platform-reported) or orders.")
    ] = "ads",
    rate: Annotated[
        list[str] | None, typer.Option("--rate", help="CODE=RATE into --currency.")
    ] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="Report currency.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    workspace: Annotated[str, typer.Option("--workspace", "-w")] = "default",
) -> None:
    """ROI per template (or version, product, category, platform) with 90% intervals."""
    from studio.db import session_scope
    from studio.jobs import runtime
    from studio.roi.query import roi_from_db
    from studio.roi.recommend import recommend

    if by not in ("template", "version", "product", "category", "platform"):
        raise typer.BadParameter("--by must be template, version, product, category or platform")
    runtime.prepare()
    workspace_id = runtime.default_workspace_id(workspace)
    with session_scope() as session:
        report = roi_from_db(
            session, workspace_id, by=by,  # type: ignore[arg-type]
            since=since.date() if since else None, until=until.date() if until else None,
            category=category, rates=_rates(rate, currency), revenue_source=revenue,
        )  # fmt: skip
    recs = recommend(report, category=category) if by == "template" else []
    if as_json:
        typer.echo(json.dumps(report_dict(report, recs), indent=2, default=str))
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
            f"[yellow]† not enough data yet (fewer than {MIN_VIDEOS} videos or "
            f"{MIN_IMPRESSIONS:,} impressions): "
            "treat these figures as early signals[/]"
        )
    for message in report.messages:
        console.print(f"[yellow]{message}[/]")
    for rec in recs:
        console.print(f"[bold]{rec.summary}[/]")
        console.print(f"[dim]{rec.explanation}[/]")
    console.print(
        "[dim]" + " · ".join(report.formulas[k] for k in ("roas", "roi", "profit")) + "[/]"
    )


def register(app: typer.Typer) -> None:
    app.command(name="roi")(roi)
