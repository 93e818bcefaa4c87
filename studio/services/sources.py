"""Running a data-source plugin for a service: connect, fetch, errors as data.

A plugin's message about a file names the file the seller chose (``shop.csv row 3``), never
the temporary copy the studio read; an empty file, or one with a header and no rows, says so.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

from studio.contracts import FetchQuery, PluginError
from studio.errors import InvalidInput
from studio.ingest.table import UnclosedQuote


def connected_source(name: str, kind: str, config: Mapping[str, Any]) -> Any:
    """The data-source plugin ``name``, connected with ``config``; it must provide ``kind``."""
    from studio.plugins import get_data_source, get_host

    try:
        # a copy: connect() keeps the settings on the object, and two imports at once (two
        # sellers, two currencies) must not read with each other's
        source = copy.copy(get_data_source(name))
    except LookupError:
        host = get_host()
        fitting = sorted(n for n, s in host.objects["data-source"].items()
                         if kind in getattr(s, "kinds", ()))
        raise InvalidInput("import.unknown_source", field="source", source=name, kind=kind,
                           available=", ".join(fitting) or "none") from None
    if kind not in getattr(source, "kinds", (kind,)):
        raise InvalidInput("import.wrong_kind", field="source", source=name, kind=kind)
    try:
        source.connect(dict(config))
    except PluginError as exc:
        raise InvalidInput("import.source_config", field="config", source=name,
                           detail=str(exc)) from None
    return source


def as_named(message: str, path: Path | None, file_name: str | None) -> str:
    """``message`` with the studio's own copy of a file replaced by the seller's name for it."""
    if path is None:
        return message
    name = file_name or path.name
    for form in (str(path), str(path.resolve())):
        message = message.replace(form, name)
    for folder in (str(path.parent), str(path.resolve().parent)):
        message = message.replace(folder + "/", "")
    return message


def fetch_rows(source: Any, query: FetchQuery, *, file_name: str | None = None) -> list[Any]:
    """Every row the source gives (rejected rows included); refuses an empty file."""
    return _listed(_fetched(source, query, file_name), source, query, file_name)


def _listed(rows: Any, source: Any, query: FetchQuery, file_name: str | None) -> list[Any]:
    try:
        listed = list(rows)
    except (PluginError, ValueError) as exc:  # the message names the file, row or column
        raise unreadable(exc, source, query, file_name) from None
    if query.path is not None and not listed:
        raise InvalidInput("import.no_rows", field="file", file=file_name or query.path.name)
    for row in listed:
        reason = getattr(row, "reason", None)
        if isinstance(reason, str):
            row.reason = as_named(reason, query.path, file_name)
    return listed


def fetch_export(source: Any, query: FetchQuery, *, file_name: str | None = None,
                 read_by_import: Callable[[Any], bool]) -> Iterable[Any]:
    """An ad source's rows for the import; those ``read_by_import`` chooses (a big export file)
    are handed over unread, for the import to parse in columns (``studio.roi.store``) — its
    caller then maps their errors with :func:`unreadable`, names the file in their reasons
    with :func:`as_named` and says "no rows" itself. Listing them first made every door read
    a million rows cell by cell."""
    rows = _fetched(source, query, file_name)
    if read_by_import(rows):
        return cast(Iterable[Any], rows)
    return _listed(rows, source, query, file_name)


def unreadable(exc: Exception, source: Any, query: FetchQuery,
               file_name: str | None) -> InvalidInput:
    """A source's error reading a file (or its API), in the seller's words."""
    field = "file" if query.path is not None else "config"
    name = file_name or (query.path.name if query.path else source.name)
    quote = _unclosed_quote(exc)
    if quote is not None:
        return InvalidInput("import.unclosed_quote", field="file", file=name, row=quote.row)
    return InvalidInput("import.unreadable", field=field, file=name,
                        detail=as_named(str(exc), query.path, file_name))


def _unclosed_quote(exc: BaseException) -> UnclosedQuote | None:
    """The :class:`UnclosedQuote` behind ``exc``: a source re-raises the file's error as its
    own (``raise PluginError(...) from None`` keeps it as the context)."""
    seen: set[int] = set()
    found: BaseException | None = exc
    while found is not None and id(found) not in seen:
        if isinstance(found, UnclosedQuote):
            return found
        seen.add(id(found))
        found = found.__cause__ or found.__context__
    return None


def _fetched(source: Any, query: FetchQuery, file_name: str | None) -> Any:
    if query.path is not None and query.path.stat().st_size == 0:
        raise InvalidInput("import.empty_file", field="file",
                           file=file_name or query.path.name)
    try:
        return source.fetch(query)
    except (PluginError, ValueError) as exc:
        raise unreadable(exc, source, query, file_name) from None

