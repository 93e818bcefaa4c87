"""Merge fields: product bindings and the sandboxed Jinja2 environment.

Template text is Jinja *syntax* written by the template author; product text only ever
arrives as *values* in the context, so a title like ``{{ 7*7 }}`` prints as itself. The
environment is ImmutableSandboxedEnvironment: no attribute tricks (``__class__``), no
mutating lists or dicts handed in by the studio.
"""

from __future__ import annotations

import difflib
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from studio.money import Money, to_decimal
from studio.product import ProductData
from studio.templating.fonts import is_cjk


class MergeError(ValueError):
    """A merge text or binding could not be filled; the message names where."""


SYMBOLS = {
    "USD": "$", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "HKD": "HK$", "SGD": "S$",
    "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "KRW": "₩", "INR": "₹", "BRL": "R$",
    "MXN": "MX$", "TWD": "NT$", "THB": "฿", "VND": "₫", "PHP": "₱", "ILS": "₪", "TRY": "₺",
    "RUB": "₽", "PLN": "zł", "CHF": "CHF ", "SEK": "kr ", "NOK": "kr ", "DKK": "kr ",
}  # fmt: skip
ZERO_DECIMAL = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "TWD"}
# How a language writes an amount (CLDR): decimal mark, thousands separator, where the symbol
# goes. English and Chinese write ¥499 and $19.99; German writes 49,99 €.
MONEY_LOCALES = {
    "de": (",", ".", "{number} {symbol}"),
    "fr": (",", "\u00a0", "{number} {symbol}"),
    "es": (",", ".", "{number} {symbol}"),
    "it": (",", ".", "{number} {symbol}"),
    "pt": (",", ".", "{number} {symbol}"),
    "nl": (",", ".", "{symbol} {number}"),
}
# symbols a language writes its own way (Chinese tells US dollars and yen from 元 this way)
LOCAL_SYMBOLS = {"zh": {"USD": "US$", "JPY": "JP¥"}}


def format_money(value: Any, currency: str | None = None, *, style: str = "symbol",
                 trim: bool = True, locale: str | None = None) -> str:
    """``$19.99``, ``¥199``, ``19.99 USD``; whole amounts drop ``.00`` when ``trim``.

    Always in the amount's own currency; ``locale`` (a language: ``zh``, ``de``…) writes it
    that language's way (``49,99 €`` in German); none or ``en``: ``€49.99``."""
    if value is None or value == "":
        return ""
    if isinstance(value, Money):
        amount, code = value.amount, value.currency
    else:
        amount, code = to_decimal(value), (currency or "USD")
    code = (currency or code).upper()
    places = Decimal("1") if code in ZERO_DECIMAL else Decimal("0.01")
    amount = amount.quantize(places, rounding=ROUND_HALF_UP)
    if trim and amount == amount.to_integral_value():
        number = f"{int(amount):,}"
    else:
        number = f"{amount:,}"
    if style == "code":
        return f"{number} {code}"
    symbol = LOCAL_SYMBOLS.get(locale or "", {}).get(code) or SYMBOLS.get(code)
    if locale in MONEY_LOCALES:
        mark, group, pattern = MONEY_LOCALES[locale]
        number = number.replace(",", "\0").replace(".", mark).replace("\0", group)
        return pattern.format(symbol=(symbol or code).strip(), number=number)
    return f"{symbol}{number}" if symbol else f"{number} {code}"


@pass_context
def _money_in_context(context: Any, value: Any, currency: str | None = None, *,
                      style: str = "symbol", trim: bool = True) -> str:
    """The ``money`` filter and function: the video's language writes it, and a bare number
    is in the product's currency (``{{ money(50) }}``), never an assumed dollar."""
    if currency is None and not isinstance(value, Money):
        product = context.get("product")
        currency = product.get("currency") if isinstance(product, dict) else None
    language = context.get("language")
    return format_money(value, currency, style=style, trim=trim,
                        locale=language if isinstance(language, str) else None)


def discount_percent(price: Any, compare_at: Any) -> int:
    """Whole percent saved from ``compare_at`` to ``price``; 0 when there is no saving."""
    if price in (None, "") or compare_at in (None, ""):
        return 0
    p = price.amount if isinstance(price, Money) else to_decimal(price)
    c = compare_at.amount if isinstance(compare_at, Money) else to_decimal(compare_at)
    if c <= 0 or p >= c:
        return 0
    return int(((c - p) / c * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _truncate(value: Any, length: int = 60, end: str = "…") -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= length else text[: max(0, length - len(end))].rstrip() + end


def _first_sentence(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    match = re.match(r"(.+?(?:[.!?](?=\s|$)|[。！？]))", text)
    return match.group(1) if match else text


@lru_cache(maxsize=1)
def environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters.update(
        money=_money_in_context,
        discount_percent=discount_percent,
        truncate=_truncate,
        upper=lambda v: "" if v is None else str(v).upper(),
        lower=lambda v: "" if v is None else str(v).lower(),
        title=lambda v: "" if v is None else str(v).title(),
        first_sentence=_first_sentence,
        has_cjk=lambda v: any(is_cjk(ch) for ch in str(v or "")),
    )
    env.globals.update(discount_percent=discount_percent, money=_money_in_context)
    return env


def render_text(source: str, context: dict[str, Any], *, where: str) -> str:
    """Fill one merge text; errors name ``where`` (e.g. ``scenes[0].layers[1].text``)."""
    env = environment()
    try:
        return env.from_string(source).render(context)
    except TemplateSyntaxError as exc:
        raise MergeError(f"{where}: template syntax error: {exc.message}") from None
    except UndefinedError as exc:
        raise MergeError(f"{where}: {undefined_hint(str(exc), context)}") from None
    except TemplateError as exc:  # includes SecurityError
        raise MergeError(f"{where}: {exc}") from None


def undefined_hint(message: str, context: dict[str, Any]) -> str:
    """Jinja's "'x' is undefined", with what this text can use instead."""
    missing = re.match(r"'([^']+)' is undefined", message)
    if missing is None:
        attribute = re.match(r"'dict object' has no attribute '([^']+)'", message)
        product = context.get("product")
        if attribute is None or not isinstance(product, dict):
            return message
        return message + _guess(attribute.group(1), [f"product.{k}" for k in product],
                                prefix="product.")
    name = missing.group(1)
    if f"{name}_count" in context:  # an image list: its photos are drawn, not printed
        return (f"{name!r} is a list of photos, which a text cannot show: write "
                f"{{{{ {name}_count }}}} for how many, or show a photo with an image layer "
                f"(image: {name}[0])")
    return message + _guess(name, sorted(context))


def _guess(name: str, known: list[str], prefix: str = "") -> str:
    close = difflib.get_close_matches(prefix + name, known, n=1)
    return (f"; this text can use {', '.join(known)}"
            + (f" (did you mean {{{{ {close[0]} }}}}?)" if close else ""))


_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def resolve_binding(product: ProductData, path: str) -> Any:
    """Follow ``product.images[0]`` / ``product.attributes.material``; missing → None.

    This is a tiny path walker, not an evaluator: only names and integer indexes.
    """
    value: Any = product
    for name, index in _STEP.findall(path[len("product"):]):
        if value is None:
            return None
        if name:
            if isinstance(value, dict):
                value = value.get(name)
            elif isinstance(value, ProductData) and name in ProductData.model_fields:
                value = getattr(value, name)
            else:
                return None
        else:
            i = int(index)
            value = value[i] if isinstance(value, list | tuple) and i < len(value) else None
    return value


def product_context(product: ProductData) -> dict[str, Any]:
    """The ``product`` variable merge texts see: plain data, money as Money."""
    data = product.model_dump(mode="python", exclude={"variants"})
    for key in ("price", "compare_at_price", "cost"):
        if data.get(key) is not None:
            data[key] = Money(data[key], product.currency)
    return data
