"""Money is a Decimal amount with a currency; amounts in different currencies never mix silently."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were combined without a conversion rate."""


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Parse a money-ish value (``"1,299.00"``, ``12``, ``Decimal``) into a Decimal.

    Floats go through ``str`` so that ``19.99`` stays ``19.99`` and not its binary neighbour.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{field}: expected a number, got {value!r}")
    text = str(value).strip().replace(",", "")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{field}: {value!r} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{field}: {value!r} is not a finite number")
    return result


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_decimal(self.amount))
        code = self.currency.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise ValueError(f"currency: {self.currency!r} is not an ISO 4217 code such as USD")
        object.__setattr__(self, "currency", code)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"cannot combine {self.currency} and {other.currency}; "
                "configure an exchange rate or report them apart"
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def cents(self) -> Money:
        return Money(self.amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), self.currency)

    def __str__(self) -> str:
        return f"{self.cents().amount} {self.currency}"


# ISO 4217 minor units where they are not 2 (the currencies sellers use; others keep 2)
MINOR_UNITS = {"JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "HUF": 2, "TWD": 2,
               "IDR": 2, "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3}


def in_minor_units(amount: Decimal | None, currency: str) -> Decimal | None:
    """``amount`` rounded to the currency's decimals (JSON shows ``12.30``, not 27 places)."""
    if amount is None:
        return None
    return amount.quantize(Decimal(1).scaleb(-minor_units(currency)), rounding=ROUND_HALF_UP)


def minor_units(currency: str) -> int:
    """How many decimals ``currency`` is written with (ISO 4217; 2 when not listed)."""
    return MINOR_UNITS.get(currency.upper(), 2)
