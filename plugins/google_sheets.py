"""Catalog from a Google Sheet: the public CSV export link, or gspread with a service account.

* ``{"url": "https://docs.google.com/spreadsheets/d/ID/edit#gid=0"}`` — the sheet must be
  shared "Anyone with the link"; it is read through ``/export?format=csv&gid=GID``.
* ``{"spreadsheet": ID or URL, "service_account_file": "sa.json", "worksheet": "Products"}`` —
  a private sheet shared with the service account's e-mail, read with gspread.

Columns map to product fields exactly as in the CSV source (``mapping``, ``currency``).
``api_endpoint`` sends gspread's Sheets API calls to another host (a private gateway, or the
tests' local fake) by mounting a requests transport adapter on its session.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from plugins.csv_catalog import DEFAULT_COLUMNS, products_from_table
from studio import hookimpl
from studio.contracts import FetchedRow, FetchQuery, PluginError, SyncResult
from studio.ingest import IngestError, Table, read_table_bytes

SHEETS_API = "https://sheets.googleapis.com"
_SHEET_ID = re.compile(r"/spreadsheets/d/([a-zA-Z0-9_-]+)")


def csv_export_url(url: str) -> str:
    """A Google Sheets link (edit, view or export) → its CSV export link; other URLs unchanged."""
    parts = urlsplit(url)
    match = _SHEET_ID.search(parts.path)
    if parts.hostname != "docs.google.com" or not match:
        return url
    gid = parse_qs(parts.fragment).get("gid") or parse_qs(parts.query).get("gid") or ["0"]
    return f"https://docs.google.com/spreadsheets/d/{match.group(1)}/export?format=csv&gid={gid[0]}"


def spreadsheet_key(value: str) -> str:
    match = _SHEET_ID.search(value)
    return match.group(1) if match else value


class GoogleSheetsCatalog:
    name = "google_sheets"
    version = "1.0"
    kinds = ("products",)

    def __init__(self) -> None:
        self.config: dict[str, Any] = {}

    def connect(self, config: Mapping[str, Any]) -> None:
        unknown = set(config.get("mapping") or {}) - set(DEFAULT_COLUMNS)
        if unknown:
            raise PluginError(f"google_sheets mapping: unknown product field(s) {sorted(unknown)}")
        if not config.get("url") and not config.get("spreadsheet"):
            raise PluginError(
                "google_sheets: set url (a sheet shared 'Anyone with the link') or spreadsheet "
                "+ service_account_file (a private sheet shared with the service account)"
            )
        self.config = dict(config)

    def fetch(self, query: FetchQuery) -> Iterator[FetchedRow]:
        if query.kind != "products":
            raise PluginError(f"the google_sheets source reads products, not {query.kind}")
        table = self._gspread_table() if self.config.get("spreadsheet") else self._csv_table()
        yield from products_from_table(
            table,
            self.config.get("mapping") or {},
            str(self.config.get("currency") or "USD"),
            source=self.name,
        )

    def sync(self, data: Iterable[Any]) -> SyncResult:
        raise PluginError("the google_sheets source is read-only")

    def _csv_table(self) -> Table:
        import httpx

        url = csv_export_url(str(self.config["url"]))
        try:
            response = httpx.get(url, follow_redirects=True, timeout=httpx.Timeout(30, connect=10))
        except httpx.HTTPError as exc:
            raise PluginError(f"google_sheets: cannot reach {url}: {exc}", transient=True) from None
        ctype = response.headers.get("content-type", "")
        if response.status_code in (401, 403, 404) or "text/html" in ctype:
            # a private sheet answers with a sign-in page, not CSV
            raise PluginError(
                f"google_sheets: {url} did not return CSV (HTTP {response.status_code}); share "
                "the sheet as 'Anyone with the link: Viewer' or use a service account"
            )
        if response.status_code != 200:
            raise PluginError(f"google_sheets: HTTP {response.status_code} from {url}")
        try:
            return read_table_bytes(response.content, source=url)
        except IngestError as exc:
            raise PluginError(str(exc)) from None

    def _gspread_table(self) -> Table:
        import gspread

        sa_file = self.config.get("service_account_file")
        if not sa_file:
            raise PluginError("google_sheets: service_account_file is required with spreadsheet")
        try:
            client = gspread.service_account(filename=sa_file, scopes=gspread.auth.READONLY_SCOPES)
        except (OSError, ValueError) as exc:
            raise PluginError(f"google_sheets: cannot read {sa_file}: {exc}") from None
        if self.config.get("api_endpoint"):
            client.http_client.session.mount(
                SHEETS_API, _rehost(str(self.config["api_endpoint"]).rstrip("/"))
            )
        key = spreadsheet_key(str(self.config["spreadsheet"]))
        title = self.config.get("worksheet")
        try:
            book = client.open_by_key(key)
            sheet = book.worksheet(title) if title else book.sheet1
            values = sheet.get_all_values()
        except gspread.exceptions.WorksheetNotFound:
            raise PluginError(f"google_sheets: no worksheet named {title!r} in {key}") from None
        except (gspread.exceptions.SpreadsheetNotFound, PermissionError):
            raise PluginError(
                f"google_sheets: spreadsheet {key} not found or not shared with the service "
                "account; share it with the client_email from the JSON key file"
            ) from None
        except gspread.exceptions.APIError as exc:
            raise PluginError(
                f"google_sheets: {exc}", transient=exc.code in (429, 500, 503)
            ) from None
        if not values:
            raise PluginError(f"google_sheets: worksheet {sheet.title!r} is empty")
        headers = [" ".join(str(h).split()) for h in values[0]]
        source = f"{key}/{sheet.title}"
        table = Table(source=source, headers=headers)
        for number, cells in enumerate(values[1:], start=2):
            if any(str(c).strip() for c in cells):
                table.rows.append((number, dict(zip(headers, cells, strict=False))))
        return table


def _rehost(endpoint: str) -> Any:
    """A requests transport adapter that sends Sheets API requests to another base URL.

    Built lazily: requests comes with gspread, an optional dependency.
    """
    from requests.adapters import HTTPAdapter

    class Rehost(HTTPAdapter):
        def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
            request.url = endpoint + request.url[len(SHEETS_API) :]
            return super().send(request, *args, **kwargs)

    return Rehost()


@hookimpl
def register_data_sources(register: Any) -> None:
    register(GoogleSheetsCatalog())
