"""One block of an export (pyarrow string columns) → stage rows, vectorised (``columnar.py``).

Numbers in their common shapes are cast in bulk; text, days, currencies and links are worked
out once per distinct value with the row path's own functions. ``Fields.slow`` marks the rows
with a cell in any other shape: the caller hands those to ``ExportReader.row``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from typing import Any

import numpy as np

from studio.ingest.adstats import ExportReader, day_cell, text_cell, utm_content_from

# the shapes cast in bulk: digits, or digits with thousands separators (and a fraction for
# money); the row path reads these with int()/Decimal() and gets the same values
INT = r"^(?:[0-9]{1,18}|[0-9]{1,3}(?:,[0-9]{3}){1,5})$"
MONEY = r"^(?:[0-9]{1,15}|[0-9]{1,3}(?:,[0-9]{3}){1,4})(?:\.[0-9]{1,12})?$"
ERROR = object()  # a distinct value the row path would refuse (or must work out itself)
KEEP = object()  # an empty utm cell: the value from before it stands
ZERO_WHEN_BLANK = {"impressions", "clicks", "link_clicks", "purchases"}
Indexed = tuple[np.ndarray, list[Any]]  # each row's distinct value, and fn of each value


def per_value(column: Any, fn: Callable[[str], Any]) -> Indexed:
    encoded = column.dictionary_encode()
    values = []
    for value in encoded.dictionary.to_pylist():
        try:
            values.append(fn(value))
        except ValueError:
            values.append(ERROR)
    return encoded.indices.to_numpy(zero_copy_only=False), values


def _flag(indexed: Indexed, test: Callable[[Any], bool]) -> np.ndarray:
    idx, values = indexed
    return np.array([test(v) for v in values], bool)[idx] if values else np.zeros(0, bool)


@dataclass
class Fields:
    slow: np.ndarray
    text: dict[str, Indexed] = field(default_factory=dict)
    ints: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    money: dict[str, tuple[Any, np.ndarray]] = field(default_factory=dict)  # text, blank
    utm: list[Indexed] = field(default_factory=list)
    currency: Indexed | None = None
    dates: Indexed | None = None


def fields(reader: ExportReader, batch: Any, file_currency: Any) -> Fields:
    import pyarrow as pa
    import pyarrow.compute as pc

    cols, plan = batch.columns, reader.plan
    out = Fields(np.zeros(batch.num_rows, bool))
    for name, i in plan.text:
        out.text[name] = per_value(cols[i], partial(text_cell, name))
        out.slow |= _flag(out.text[name], lambda v: v is ERROR)
    for numbers, shape in ((plan.ints, INT), (plan.money, MONEY)):
        for name, i, _ in numbers:
            col = cols[i]
            ok = pc.match_substring_regex(col, shape).to_numpy(zero_copy_only=False)
            blank = pc.equal(pc.utf8_length(col), 0).to_numpy(zero_copy_only=False)
            out.slow |= ~(ok | blank)
            cleaned = pc.if_else(pa.array(ok), pc.replace_substring(col, ",", ""), "0")
            if shape is INT:
                out.ints[name] = (pc.cast(cleaned, pa.int64()).to_numpy(), blank)
            else:
                out.money[name] = (cleaned, blank)
    if plan.roas is not None:
        # a blank revenue is estimated from ROAS when there was spend: the row path does it
        spend, spend_blank = out.money["spend"]
        spent = ~spend_blank & (pc.cast(spend, pa.float64()).to_numpy() != 0)
        revenue_blank = out.money["revenue"][1] if "revenue" in out.money else True
        out.slow |= revenue_blank & spent
    if plan.url_params is not None:
        out.utm.append(per_value(cols[plan.url_params],
                                 lambda v: utm_content_from(v) if v else KEEP))
    if plan.utm_content is not None:
        out.utm.append(per_value(cols[plan.utm_content], lambda v: v.strip() if v else KEEP))
    if plan.currency is not None:
        fallback = "" if file_currency is ERROR else file_currency

        def currency(value: str) -> Any:
            code = (value.strip() or fallback).upper()
            return code if len(code) == 3 and code.isalpha() else ERROR

        out.currency = per_value(cols[plan.currency], currency)
        out.slow |= _flag(out.currency, lambda v: v is ERROR)
    elif file_currency is ERROR:
        out.slow[:] = True
    assert plan.date is not None  # columnar.usable() checked
    header = reader.headers[plan.date]
    out.dates = per_value(cols[plan.date], lambda v: day_cell(v, header))
    out.slow |= _flag(out.dates, lambda v: v is ERROR or v is None)
    return out


def _take(indexed: Indexed | None, rows: np.ndarray) -> list[Any]:
    if indexed is None:
        return [None] * len(rows)
    values = indexed[1]
    return [values[i] for i in indexed[0][rows].tolist()]


@dataclass
class Block:
    """A block's fast rows as stage columns (Python lists), in STAGE_COLUMNS order but for
    the constants, and the (ad key, day) of each row."""

    columns: dict[str, Any]
    keys: list[str]
    days: list[int]


def columns(
    out: Fields, rows: np.ndarray, platform: str, file_currency: Any,
    link: Callable[[tuple[Any, ...]], tuple[int | None, str | None, str]], sqlite: bool,
) -> Block:  # fmt: skip
    """The stage columns of ``rows`` (indices of fast rows in the block)."""
    import pyarrow.compute as pc

    text = {name: _take(out.text.get(name), rows)
            for name in ("account_id", "ad_id", "ad_name", "campaign_name")}
    utm: list[Any] = [None] * len(rows)
    for indexed in out.utm:
        utm = [u if v is KEEP else v for u, v in zip(utm, _take(indexed, rows), strict=True)]
    # one link per distinct ad (id, name, utm_content), as stage_tuples caches them
    idents: dict[tuple[Any, ...], tuple[int | None, str | None, str]] = {}
    video, method, keys = [], [], []
    for ident in zip(repeat(platform), text["ad_id"], text["ad_name"], utm):
        found = idents.get(ident)
        if found is None:
            found = idents[ident] = link(ident)
        video.append(found[0])
        method.append(found[1])
        keys.append(found[2])
    days = _take(out.dates, rows)
    result: dict[str, Any] = {
        "ad_key": keys, "date": [d.isoformat() for d in days] if sqlite else days,
        **text, "currency": _take(out.currency, rows) if out.currency is not None
        else repeat(file_currency),
    }  # fmt: skip
    for name in ("impressions", "clicks", "link_clicks", "purchases", "plays_2s", "plays_3s",
                 "thruplays"):
        if name not in out.ints:
            result[name] = repeat(0 if name in ZERO_WHEN_BLANK else None)
            continue
        values, blank = out.ints[name]
        picked, empty = values[rows], blank[rows]
        if name in ZERO_WHEN_BLANK:
            result[name] = np.where(empty, 0, picked).tolist()
        else:
            result[name] = [None if e else v for v, e in zip(picked.tolist(), empty.tolist(),
                                                             strict=True)]
    for name in ("spend", "revenue"):
        if name not in out.money:
            result[name] = repeat(0.0 if sqlite else "0")
            continue
        cleaned, blank = out.money[name]
        picked = cleaned.take(rows)
        if sqlite:  # SQLite's stage has REAL money: float() of the Decimal is float() of it
            result[name] = np.where(blank[rows], 0.0,
                                    pc.cast(picked, "float64").to_numpy()).tolist()
        else:
            result[name] = [("0" if e else v) for v, e in zip(picked.to_pylist(),
                                                               blank[rows].tolist(), strict=True)]
    result.update(utm_content=utm, raw=repeat("{}"), video_id=video, match_method=method)
    return Block(result, keys, [d.toordinal() for d in days])
