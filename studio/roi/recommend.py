"""Which templates to render next for a category, and why, in plain words."""

from __future__ import annotations

from dataclasses import dataclass

from studio.roi.engine import RoiReport
from studio.roi.posterior import allocate

NO_TEMPLATE = "(no template)"

EXPLANATION = (
    "How this is decided (Thompson sampling): for every one of the next videos we imagine a "
    "plausible ROI for each template, drawn from what its videos have earned so far, and "
    "render the template that comes out on top. Templates that are clearly better win most "
    "draws and get most of the videos; templates we are still unsure about win some draws, so "
    "they keep getting a few videos until the numbers settle. A template's share of the next "
    "videos is its probability of being the best."
)


@dataclass
class Recommendation:
    category: str | None
    currency: str
    slots: dict[str, int]
    p_best: dict[str, float]
    summary: str
    explanation: str = EXPLANATION


def recommend(
    report: RoiReport, *, slots: int = 10, category: str | None = None
) -> list[Recommendation]:
    """One recommendation per currency in ``report`` (a report grouped by template)."""
    if report.by != "template":
        raise ValueError("recommendations compare templates: build the report with by='template'")
    out: list[Recommendation] = []
    currencies = sorted({g.currency for g in report.groups})
    for currency in currencies:
        # videos no template made (another generator's) are no template to recommend
        groups = [g for g in report.groups if g.currency == currency and g.roi is not None
                  and g.key != NO_TEMPLATE]
        if not groups:
            continue
        if len(groups) == 1:
            p_best = {groups[0].key: 1.0}
        else:
            p_best = {g.key: g.p_best or 0.0 for g in groups}
        counts = allocate(p_best, slots)
        order = sorted(counts, key=lambda k: (-counts[k], k))
        parts = []
        for name in order:
            if not counts[name]:
                continue
            g = next(x for x in groups if x.key == name)
            why = (
                f"{p_best[name]:.0%} chance it has the best ROI"
                if g.enough_data
                else "not enough data yet; a few more videos will tell"
            )
            parts.append(f"{counts[name]} with '{name}' ({why})")
        where = f" for {category}" if category else ""
        summary = f"Render the next {slots} videos{where} as: " + ", ".join(parts) + "."
        if len(groups) == 1:
            summary += " Only one template has results yet: try others to compare."
        out.append(Recommendation(category, currency, counts, p_best, summary))
    return out
