"""Prices as sellers write them: ``¥99``, ``99 RMB``, ``EUR 49,99``, ``49,99 €``, ``US$ 12``.

A price cell may name its currency with a symbol, a word or an ISO code. That currency is
read, never dropped: ``¥99`` in a file imported as USD was once stored as 99 USD.

- The currency the file states — a header suffix such as ``Price (USD)``, a Currency column,
  or a Shopify store's currency — is *firm*: a price naming another currency rejects the row.
- The import's default (``--currency``, "the currency when the file has none") is not: a price
  that names its currency is read in it.
- A symbol that several currencies share (``¥`` is yuan and yen, ``$`` a dozen dollars) takes
  the stated currency when that is one of them; a bare ``$`` otherwise means US dollars (as
  the studio's default does), a bare ``¥`` is refused: guessing CNY or JPY is off 20×.

A decimal comma is read only where it cannot be a thousands separator (``49,99``,
``1.234,56``): ``1,234`` stays one thousand two hundred thirty-four, as exports write it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from studio.ingest.shapes import BLANKS, THOUSANDS

DOLLARS = ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "MXN")
YUAN_OR_YEN = ("CNY", "JPY")

# a symbol or word (lower case) -> the ISO 4217 codes it can mean
MARKERS: dict[str, tuple[str, ...]] = {
    "$": DOLLARS, "us$": ("USD",), "u$s": ("USD",), "c$": ("CAD",), "ca$": ("CAD",),
    "a$": ("AUD",), "au$": ("AUD",), "nz$": ("NZD",), "hk$": ("HKD",), "s$": ("SGD",),
    "nt$": ("TWD",), "mx$": ("MXN",), "r$": ("BRL",),
    "€": ("EUR",), "eur": ("EUR",), "euro": ("EUR",), "euros": ("EUR",),
    "£": ("GBP",), "¥": YUAN_OR_YEN, "￥": YUAN_OR_YEN, "cn¥": ("CNY",), "jp¥": ("JPY",),
    "元": ("CNY",), "人民币": ("CNY",), "rmb": ("CNY",), "yuan": ("CNY",), "円": ("JPY",),
    "₹": ("INR",), "₩": ("KRW",), "₽": ("RUB",), "₺": ("TRY",), "₫": ("VND",), "฿": ("THB",),
    "₱": ("PHP",), "₪": ("ILS",), "zł": ("PLN",), "kč": ("CZK",), "chf": ("CHF",),
}  # fmt: skip

# ISO 4217 codes in use; a three-letter word not listed ("pcs") is not a currency
ISO_CODES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH
UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG
""".split())

# words sellers write for a code in a Currency column
CODE_ALIASES = {"RMB": "CNY", "YUAN": "CNY", "人民币": "CNY", "元": "CNY", "EURO": "EUR"}

# marker, amount, marker: "US$ 1,299.00", "49,99 €", "99元", "EUR 49,99", "(12.00)"
_SHAPE = re.compile(
    r"^(?P<pre>[^\d(+\-.,]*?)\s*(?P<num>[(+\-]?\s*\d[\d.,'\s\u00a0\u202f]*\)?)\s*(?P<post>\D*)$"
)
_COMMA_DECIMAL = re.compile(r"\d+,\d{1,2}|\d{1,3}(\.\d{3})+,\d{1,2}")
_POINT_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3}){2,}")


def currency_code(text: str) -> str | None:
    """``"rmb"`` → ``CNY``, ``"usd"`` → ``USD``; None when ``text`` is not a currency code."""
    code = text.strip().upper()
    code = CODE_ALIASES.get(code, code)
    return code if code in ISO_CODES else None


def _candidates(marker: str) -> tuple[str, ...] | None:
    key = marker.strip().lower()
    if key in MARKERS:
        return MARKERS[key]
    code = currency_code(key)
    return (code,) if code else None


def _amount(number: str, text: str, column: str) -> Decimal:
    digits = re.sub(r"[\s\u00a0\u202f']", "", number)
    negative = digits.startswith("(") and digits.endswith(")")
    digits = digits.strip("()+")
    if _COMMA_DECIMAL.fullmatch(digits.lstrip("-")):  # 49,99 · 1.234,56
        digits = digits.replace(".", "").replace(",", ".")
    elif _POINT_THOUSANDS.fullmatch(digits.lstrip("-")):  # 1.234.567
        digits = digits.replace(".", "")
    elif "," in digits:
        if not THOUSANDS.fullmatch(digits.lstrip("-")):
            raise ValueError(
                f"column {column!r}: {text!r} is not a price this studio can read without "
                "guessing; write it like 1234.56 (or 1.234,56 for a decimal comma)"
            )
        digits = digits.replace(",", "")
    try:
        amount = Decimal(digits)
    except InvalidOperation:
        raise ValueError(f"column {column!r}: {text!r} is not a price") from None
    if not amount.is_finite():
        raise ValueError(f"column {column!r}: {text!r} is not a price")
    return -amount if negative else amount


def _describe(codes: set[str]) -> str:
    if codes == set(DOLLARS):
        return "dollars"
    if codes == set(YUAN_OR_YEN):
        return "yuan or yen (CNY or JPY)"
    return " or ".join(sorted(codes))


def read_price(
    value: Any, *, column: str, currency: str, firm: bool = False, said_by: str = ""
) -> tuple[Decimal | None, str]:
    """``(amount, currency)`` of one price cell; ``(None, currency)`` for a blank cell.

    ``currency`` is the file's (``firm=True``: a price naming another currency is an error,
    ``said_by`` says who stated it, e.g. "the header 'Price (USD)'") or the import's default
    (``firm=False``: a currency named in the cell wins). Raises ValueError naming ``column``,
    what was written and what to write instead.
    """
    currency = currency.upper()
    if value is None or isinstance(value, bool):
        return None, currency
    if isinstance(value, (int, float, Decimal)):  # an XLSX number cell carries no symbol
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value), currency
    text = str(value).strip()
    if text.lower() in BLANKS:
        return None, currency
    match = _SHAPE.match(text)
    if match is None:
        raise ValueError(
            f"column {column!r}: {text!r} is not a price; write a number such as 99.00, "
            f"optionally with its currency (99.00 {currency})"
        )
    amount = _amount(match["num"], text, column)
    named: set[str] | None = None
    for marker in (match["pre"], match["post"]):
        if not marker.strip():
            continue
        found = _candidates(marker)
        if found is None:
            raise ValueError(
                f"column {column!r}: {text!r} is not a price ({marker.strip()!r} is not a "
                f"currency); write a number such as 99.00, optionally with an ISO currency "
                f"code (99.00 {currency})"
            )
        named = set(found) if named is None else named & set(found)
        if not named:
            raise ValueError(
                f"column {column!r}: {text!r} names two different currencies; "
                "write one, e.g. 99.00 USD"
            )
    if named is None or currency in named:
        return amount, currency
    plain = f"{amount} {currency}"
    if firm:
        raise ValueError(
            f"column {column!r}: {text!r} is in {_describe(named)} but "
            f"{said_by or 'the file'} says {currency}; write the price in {currency} "
            f"(e.g. {plain}) or correct the currency"
        )
    if len(named) == 1:
        return amount, next(iter(named))
    if named == set(DOLLARS):
        return amount, "USD"  # a bare $ is US dollars, as everywhere in the studio
    options = " or ".join(f"{amount} {code}" for code in sorted(named))
    raise ValueError(
        f"column {column!r}: {text!r} could be {_describe(named)}; write the code "
        f"({options}) or set the import's currency (--currency {sorted(named)[0]})"
    )
