"""Find columns by name, whatever the export's column set, order, language or case."""

from __future__ import annotations

import re
from collections.abc import Iterable

_CURRENCY_SUFFIX = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[A-Z]{3})\)\s*$")


def split_currency(header: str) -> tuple[str, str | None]:
    """``"Amount spent (USD)"`` → ``("Amount spent", "USD")``; no suffix → ``(header, None)``."""
    match = _CURRENCY_SUFFIX.match(header.strip())
    if not match:
        return header.strip(), None
    return match.group("name"), match.group("code")


def _key(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").lower().split())


class HeaderMap:
    """Headers of one file, looked up by any of several names, ignoring case and currency suffix."""

    def __init__(self, headers: Iterable[str]) -> None:
        self.headers = [h for h in headers if h]
        self._by_key: dict[str, str] = {}
        self.currencies: dict[str, str] = {}
        for header in self.headers:
            bare, code = split_currency(header)
            self._by_key.setdefault(_key(header), header)
            self._by_key.setdefault(_key(bare), header)
            if code:
                self.currencies[header] = code

    def find(self, *names: str) -> str | None:
        """The actual header for the first of ``names`` present, else None."""
        for name in names:
            header = self._by_key.get(_key(name))
            if header is not None:
                return header
        return None

    def currency_of(self, header: str | None) -> str | None:
        return self.currencies.get(header) if header else None

    def money_currencies(self) -> set[str]:
        return set(self.currencies.values())
