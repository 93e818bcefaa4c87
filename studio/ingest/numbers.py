"""Numbers and dates as exports write them: ``"1,234.50"``, ``"-"`` for blank, ``"2.5%"``."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.ingest.shapes import BLANKS, THOUSANDS

__all__ = ["BLANKS", "THOUSANDS", "parse_decimal"]
_SYMBOLS = "$€£¥￥₹%\u00a0 "
_PLAIN = re.compile(r"[-+(]?[\d.,]+\)?%?")


def parse_decimal(value: Any, *, field: str, currency: str | None = None) -> Decimal | None:
    """A decimal, or None for a blank cell; raises ValueError naming ``field`` otherwise.

    With ``currency`` (the column's, e.g. from "Amount spent (USD)"), a cell that names a
    currency must name that one: ``€12`` in a USD column is refused, not read as 12 USD.
    Without it a ``$``/``€``/``¥`` is stripped as before; prices go through
    :func:`studio.ingest.prices.read_price`, which keeps the currency a cell names.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{field}: expected a number, got {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr is the shortest round-tripping text: 19.99 stays 19.99
        return Decimal(repr(value))
    text = str(value).strip()
    if text.lower() in BLANKS:
        return None
    if currency is not None and not _PLAIN.fullmatch(text):
        from studio.ingest.prices import read_price

        amount, _ = read_price(text, column=field, currency=currency, firm=True,
                               said_by=f"the column {field!r}")
        return amount
    cleaned = text.strip(_SYMBOLS).replace("\u00a0", "").replace(" ", "")
    if "," in cleaned:
        if not THOUSANDS.fullmatch(cleaned.lstrip("(-")):
            # "12,5" or "1.234,56": a decimal comma; guessing would be off by 10× or 1000×
            raise ValueError(
                f"{field}: {text!r} uses a comma as the decimal mark; export with a point "
                "(Ads Manager: English (US) number format) and import again"
            )
        cleaned = cleaned.replace(",", "")
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accounting negative
        cleaned = "-" + cleaned[1:-1]
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{field}: {text!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{field}: {text!r} is not a finite number")
    return number


def parse_int(value: Any, *, field: str) -> int | None:
    number = parse_decimal(value, field=field)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(f"{field}: {value!r} should be a whole number")
    return int(number)


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y%m%d")


def parse_date(value: Any, *, field: str) -> dt.date | None:
    """ISO-like dates only: ``01/02/2026`` is ambiguous (January or February) and is refused."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if text.lower() in BLANKS:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if len(text) > 10 and text[10] in " T":  # "2026-10-01 10:22:11 -0400" (shop exports)
        try:
            return dt.datetime.strptime(text[:10], "%Y-%m-%d").date()
        except ValueError:
            pass
    raise ValueError(
        f"{field}: {text!r} is not a date like 2026-10-31; export with ISO dates (YYYY-MM-DD)"
    )
