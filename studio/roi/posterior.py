"""How sure are we? Posterior ROI draws per group, P(best) and render recommendations.

Method: the **Bayesian bootstrap over videos** (Rubin 1981). A group's ROI is
Σ profit ÷ Σ (spend + production cost) over its videos; we draw Dirichlet(1, …, 1) weights
over the videos and recompute that ratio, 1,000 times with a fixed seed. Why videos and not
rows: days of one video are not independent (same creative, same audience), the video is what
a seller chooses to make more of, so it is the unit that varies. Why Bayesian and not the
classic bootstrap: it gives a posterior, so "probability this template is best" and Thompson
sampling follow directly; the 90 % interval is its 5th–95th percentile.

For P(best) and the recommendation, a group with few videos borrows strength from the
others: every group gets ``PRIOR_VIDEOS`` pseudo-videos drawn from all comparable videos (same
currency), so a new template starts out looking like the average one and is neither ignored
nor crowned after one lucky video. The 90 % interval shown next to a group's ROI uses its own
videos only (and needs at least two).

Above ``EXACT_LIMIT`` videos the posterior is indistinguishable from a normal one (central
limit); we draw from the delta-method normal approximation instead — same answer, far less work.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DRAWS = 1000
SEED = 20261123
PRIOR_VIDEOS = 2.0
PRIOR_SAMPLE = 60
EXACT_LIMIT = 150


def roi_draws(
    profit: Sequence[float],
    cost: Sequence[float],
    pool_profit: Sequence[float],
    pool_cost: Sequence[float],
    rng: np.random.Generator,
    draws: int = DRAWS,
) -> np.ndarray:
    """Posterior draws of Σ profit ÷ Σ cost for one group's videos."""
    p = np.asarray(profit, dtype=float)
    c = np.asarray(cost, dtype=float)
    if len(p) > EXACT_LIMIT:
        total_cost = c.sum()
        estimate = p.sum() / total_cost
        residual = p - estimate * c
        sd = float(np.sqrt((residual**2).sum() / (len(p) * (len(p) + 1))) / (total_cost / len(p)))
        return rng.normal(estimate, sd, size=draws)
    pool_p = np.asarray(pool_profit, dtype=float)
    pool_c = np.asarray(pool_cost, dtype=float)
    if len(pool_p) > PRIOR_SAMPLE:
        pick = rng.choice(len(pool_p), size=PRIOR_SAMPLE, replace=False)
        pool_p, pool_c = pool_p[pick], pool_c[pick]
    alpha = np.concatenate(
        [np.ones(len(p)), np.full(len(pool_p), PRIOR_VIDEOS / max(len(pool_p), 1))]
    )
    values_p = np.concatenate([p, pool_p])
    values_c = np.concatenate([c, pool_c])
    if len(alpha) == 0:
        return np.full(draws, np.nan)
    weights = rng.gamma(alpha, size=(draws, len(alpha)))  # Dirichlet up to a scale that cancels
    num = weights @ values_p
    den = weights @ values_c
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, np.nan)


def interval(draws: np.ndarray, level: float = 0.90) -> tuple[float, float] | None:
    finite = draws[np.isfinite(draws)]
    if len(finite) < len(draws) * 0.5:
        return None
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(finite, [tail, 100 - tail])
    return float(low), float(high)


def probability_best(draws: dict[str, np.ndarray]) -> dict[str, float]:
    """Share of joint posterior draws in which each group has the highest ROI."""
    names = list(draws)
    if not names:
        return {}
    matrix = np.vstack([np.nan_to_num(draws[n], nan=-np.inf) for n in names])
    winners = np.argmax(matrix, axis=0)
    counts = np.bincount(winners, minlength=len(names))
    return {n: float(counts[i] / matrix.shape[1]) for i, n in enumerate(names)}


def allocate(p_best: dict[str, float], slots: int) -> dict[str, int]:
    """Thompson sampling's share for each template over ``slots`` renders (largest remainder).

    Thompson sampling picks, for every render, the template whose randomly drawn plausible ROI
    is highest; over many renders each template's share is exactly its P(best).
    """
    raw = {n: p * slots for n, p in p_best.items()}
    counts = {n: int(v) for n, v in raw.items()}
    left = slots - sum(counts.values())
    for name in sorted(raw, key=lambda n: raw[n] - counts[n], reverse=True)[:left]:
        counts[name] += 1
    return counts
