"""A video's production cost in its ROI: once per video, split over its platforms and currencies.

Part of :mod:`studio.roi.engine`'s report (it calls this for every one), kept apart to keep
that module under the size limit.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING

from studio.roi import notices as say
from studio.roi.notices import Notice

if TYPE_CHECKING:
    from studio.roi.engine import AdResult, Rates, VideoInfo

ZERO = Decimal("0")
# a production cost under half a cent (a local render's estimate: a few hundredths of a cent)
# is nothing in any currency: it never holds up the ROI of ads paid in another one
NEGLIGIBLE = Decimal("0.005")


def allocate_production(
    units: Mapping[tuple[int, str, str], AdResult],
    videos: Mapping[int, VideoInfo],
    rates: Rates,
    notices: list[Notice],
) -> tuple[dict[tuple[int, str, str], Decimal], dict[tuple[int, str, str], tuple[str, Decimal]]]:
    """A video's production cost, once, split over its platforms/currencies by spend share.

    Returns the amounts in each unit's currency, and the units whose video's cost is in a
    currency no rate converts into theirs (that currency and the unit's share of the cost):
    their groups report it apart instead of counting it as zero.
    """
    out: dict[tuple[int, str, str], Decimal] = {}
    apart: dict[tuple[int, str, str], tuple[str, Decimal]] = {}
    skipped: dict[tuple[str, str], int] = defaultdict(int)
    # the common case settled in one pass (one platform, the cost in its currency); the
    # others by video below. Nothing here depends on the order videos are settled in.
    platforms = Counter(map(itemgetter(0), units))
    by_video: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for key in units:
        cost = (info := videos[key[0]]).production_cost
        if platforms[key[0]] > 1:
            by_video[key[0]].append(key)
        elif cost and (info.production_currency or key[2]) == key[2]:
            out[key] = cost
        elif cost:
            by_video[key[0]].append(key)
    for video_id, keys in by_video.items():
        info = videos[video_id]
        if not info.production_cost:
            continue
        source_currency = info.production_currency or keys[0][2]
        takers = [
            (k, amount)
            for k in keys
            if (amount := rates.convert_to(info.production_cost, source_currency, k[2])) is not None
        ]
        if not takers:
            if info.production_cost < NEGLIGIBLE:
                continue
            for k, share in _shares(units, keys):
                apart[k] = (source_currency, info.production_cost * share)
                skipped[(source_currency, k[2])] += 1
            continue
        for (k, amount), (_, share) in zip(takers, _shares(units, [k for k, _ in takers]),
                                           strict=True):
            out[k] = amount * share
    for (source, target), count in sorted(skipped.items()):
        notices.append(say.production_cost_currency(count, source, target))
    return out, apart


def _shares(
    units: Mapping[tuple[int, str, str], AdResult], keys: list[tuple[int, str, str]]
) -> list[tuple[tuple[int, str, str], Decimal]]:
    """Each unit's share of a video's cost: its share of the spend (equal shares without)."""
    total = sum((units[k].spend for k in keys), ZERO)
    return [(k, units[k].spend / total if total else Decimal(1) / len(keys)) for k in keys]
