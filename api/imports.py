"""Running a data-source plugin for the API: connect, fetch, and hand the rows to the stores
the data engineers wrote (:func:`store_products`, :func:`import_ad_stats`).

The same steps as ``studio import``; kept here only as the glue between an upload or a request
body and those services, with errors turned into problems that name the field.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import UploadFile
from sqlalchemy import text

from api.errors import Problem
from studio.contracts import FetchQuery, PluginError

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def connected_source(name: str, config: dict[str, Any], kind: str) -> Any:
    from studio.plugins import get_data_source, get_host

    try:
        source = get_data_source(name)
    except LookupError:
        host = get_host()
        fitting = sorted(
            n for n, s in host.objects["data-source"].items() if kind in getattr(s, "kinds", ())
        )
        raise Problem(
            422, f"no data source named {name!r} for {kind}; use one of {', '.join(fitting)}",
            field="source",
        ) from None
    if kind not in getattr(source, "kinds", (kind,)):
        raise Problem(422, f"data source {name!r} does not provide {kind}", field="source")
    try:
        source.connect(config)
    except PluginError as exc:
        raise Problem(422, str(exc), field="config") from None
    return source


@contextmanager
def saved_upload(file: UploadFile) -> Iterator[Path]:
    """The upload on disk under its own (sanitised) name, removed afterwards."""
    name = _SAFE_NAME.sub("_", Path(file.filename or "upload.csv").name)[-120:] or "upload.csv"
    folder = Path(tempfile.mkdtemp(prefix="studio-upload-"))
    path = folder / name
    try:
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, 1024 * 1024)
        if path.stat().st_size == 0:
            raise Problem(422, f"the uploaded file {name} is empty; choose the export again",
                          field="file")
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fetch_rows(source: Any, query: FetchQuery, field: str) -> list[Any]:
    try:
        return list(source.fetch(query))
    except (PluginError, ValueError) as exc:  # the message names the file, row or column
        message = str(exc)
        if query.path is not None:  # the seller knows their file's name, not our temp folder
            message = message.replace(f"{query.path.parent}/", "")
        raise Problem(422, message, field=field, slug="unreadable-file") from None


def import_products(
    *, workspace_id: int, database_url: str, source: str, config: dict[str, Any],
    path: Path | None,
) -> Any:
    from studio.ingest.catalog_store import store_products

    plugin = connected_source(source, config, "products")
    rows = fetch_rows(plugin, FetchQuery(kind="products", path=path),
                      "file" if path else "config")
    return store_products(workspace_id, rows, source=source, database_url=database_url)


def import_ads(
    *, workspace_id: int, database_url: str, source: str, config: dict[str, Any],
    path: Path | None, since: dt.date | None = None, until: dt.date | None = None,
) -> Any:
    """One import run in its own transaction (the store sets SQLite pragmas that must run
    outside one); call it with no write pending in the request's session."""
    from studio.db import session_scope
    from studio.roi.store import import_ad_stats

    plugin = connected_source(source, config, "ad_stats")
    query = FetchQuery(kind="ad_stats", path=path, since=since, until=until)
    rows = fetch_rows(plugin, query, "file" if path else "config")
    platform = source if source in ("meta", "tiktok", "google") else "other"
    with session_scope(database_url) as session:
        if session.get_bind().dialect.name == "sqlite":
            # the store sets this pragma after its first INSERT, which SQLite refuses once the
            # connection has used temp storage; set before any transaction, it is a no-op there
            session.execute(text("PRAGMA temp_store = MEMORY"))
        return import_ad_stats(session, workspace_id, rows, source=source, platform=platform,
                               file=path)
