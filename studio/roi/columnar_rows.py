"""One block of an export (pyarrow string columns) → stage rows, vectorised (``columnar.py``).

Numbers in their common shapes are cast in bulk; text, days, currencies and links are worked
out once per distinct value with the row path's own functions. ``Fields.slow`` marks the rows
with a cell in any other shape: the caller hands those to ``ExportReader.row``.
"""

from __future__ import annotations

import datetime as dt
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
TEXT = ("account_id", "ad_id", "ad_name", "campaign_name")
INTS = ("impressions", "clicks", "link_clicks", "purchases", "plays_2s", "plays_3s", "thruplays")
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


def _clean(values: list[Any]) -> list[Any]:
    return [None if v is ERROR or v is KEEP else v for v in values]


def _listed(values: list[Any], picked: np.ndarray) -> list[Any]:
    return [values[i] for i in picked.tolist()]


def _nullable(picked: np.ndarray, empty: np.ndarray) -> list[Any]:
    return [None if e else v for v, e in zip(picked.tolist(), empty.tolist(), strict=True)]


class _Picker:
    """Columns of the block's fast rows: Arrow arrays for COPY; for sqlite3, Python lists
    made later (``partial``), by the thread that writes them: building millions of Python
    objects holds the GIL, and the writer needs it between rows."""

    def __init__(self, rows: np.ndarray, sqlite: bool) -> None:
        self.rows, self.sqlite = rows, sqlite

    def distinct(self, idx: np.ndarray, values: list[Any]) -> Any:
        """Each row's value out of per-distinct-value ``values`` (``idx``: the block's)."""
        return self.aligned(idx[self.rows], values)

    def aligned(self, picked: np.ndarray, values: list[Any]) -> Any:
        """The same with ``picked`` already one index per fast row."""
        if self.sqlite:
            return partial(_listed, values, picked)
        import pyarrow as pa

        return pa.array(_clean(values)).take(pa.array(picked))

    def numbers(self, values: np.ndarray, blank: np.ndarray, zero: bool) -> Any:
        picked, empty = values[self.rows], blank[self.rows]
        if zero:
            picked = np.where(empty, 0, picked)
        if self.sqlite:
            if zero or not empty.any():
                return partial(np.ndarray.tolist, picked)
            return partial(_nullable, picked, empty)
        import pyarrow as pa

        return pa.array(picked, mask=None if zero else empty)

    def money(self, cleaned: Any, blank: np.ndarray) -> Any:
        import pyarrow as pa
        import pyarrow.compute as pc

        picked, empty = cleaned.take(pa.array(self.rows)), blank[self.rows]
        if self.sqlite:  # SQLite's stage has REAL money: float() of the Decimal is float() of it
            floats = np.where(empty, 0.0, pc.cast(picked, "float64").to_numpy())
            return partial(np.ndarray.tolist, floats)
        return pc.if_else(pa.array(empty), "0", picked)  # the server reads the text


@dataclass
class Block:
    """A block's fast rows as stage columns (but the constants), and each row's mark
    (ad key id × 1,000,000 + day ordinal) for counting repeated ad-days."""

    columns: dict[str, Any]
    marks: np.ndarray
    unmatched: int


def columns(
    out: Fields, rows: np.ndarray, platform: str, file_currency: Any,
    link: Callable[[tuple[Any, ...]], tuple[int | None, str | None, str]],
    key_id: Callable[[str], int], sqlite: bool,
) -> Block:  # fmt: skip
    """The stage columns of ``rows`` (indices of fast rows in the block)."""
    pick = _Picker(rows, sqlite)
    empty = (np.zeros(len(out.slow), np.int64), [None])
    text = {name: out.text.get(name, empty) for name in TEXT}
    # one link per distinct ad (id, name, utm_content): the codes of the three, combined
    utm_codes, utm_values = _utm(out, len(out.slow))
    ids, names = text["ad_id"], text["ad_name"]
    combined = (ids[0].astype(np.int64) * (len(names[1]) + 1) + names[0]) \
        * (len(utm_values) + 1) + utm_codes
    distinct, first, inverse = np.unique(combined[rows], return_index=True, return_inverse=True)
    links = []
    for at in rows[first].tolist():
        ident = (platform, ids[1][ids[0][at]], names[1][names[0][at]],
                 utm_values[utm_codes[at]])
        links.append(link(ident))
    video = [v for v, _, _ in links]
    unlinked = np.array([v is None for v in video], bool)
    keyed = np.array([key_id(k) for _, _, k in links], np.int64)
    assert out.dates is not None
    day_idx, days = out.dates
    real = [d if isinstance(d, dt.date) else None for d in days]
    ordinals = np.array([d.toordinal() if d else 0 for d in real], np.int64)
    result: dict[str, Any] = {
        "ad_key": pick.aligned(inverse, [k for _, _, k in links]),
        "date": pick.distinct(day_idx, [d.isoformat() if d else None for d in real]
                              if sqlite else real),
        **{name: pick.distinct(*text[name]) for name in TEXT},
        "currency": pick.distinct(*out.currency) if out.currency is not None
        else repeat(file_currency),
        "utm_content": pick.distinct(utm_codes, utm_values),
        "video_id": pick.aligned(inverse, video),
        "match_method": pick.aligned(inverse, [m for _, m, _ in links]),
        "raw": repeat("{}"),
    }  # fmt: skip
    for name in INTS:
        if name in out.ints:
            result[name] = pick.numbers(*out.ints[name], zero=name in ZERO_WHEN_BLANK)
        else:
            result[name] = repeat(0 if name in ZERO_WHEN_BLANK else None)
    for name in ("spend", "revenue"):
        if name in out.money:
            result[name] = pick.money(*out.money[name])
        else:
            result[name] = repeat(0.0 if sqlite else "0")
    marks = keyed[inverse] * 1_000_000 + ordinals[day_idx[rows]]
    return Block(result, marks, int(unlinked[inverse].sum()))


def _utm(out: Fields, n: int) -> tuple[np.ndarray, list[Any]]:
    """Each row's utm_content (the URL parameters', then an explicit cell's) as codes."""
    if not out.utm:
        return np.zeros(n, np.int64), [None]
    values: list[Any] = [None]
    codes: dict[Any, int] = {None: 0}
    per_row = np.zeros(n, np.int64)
    combined: list[Any] = [None] * n
    for idx, vals in out.utm:
        combined = [c if (v := vals[i]) is KEEP else v
                    for c, i in zip(combined, idx.tolist(), strict=True)]
    for i, value in enumerate(combined):
        code = codes.get(value)
        if code is None:
            code = codes[value] = len(values)
            values.append(value)
        per_row[i] = code
    return per_row, values
