"""The part Meta's and TikTok's ad sources share: an Ads Manager export file, or the
platform's reporting API when no file is given."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from studio.contracts import FetchedRow, FetchQuery, PluginError, SyncResult
from studio.ingest import IngestError
from studio.ingest.adstats import ExportSpec, read_ad_export
from studio.ingest.table import stream_table


class ExportRows(Iterator[FetchedRow]):
    """The rows of one export file, read lazily when iterated (nothing happens before).

    An import that has not started iterating may instead have a big CSV parsed in worker
    processes (studio.roi.import_workers); ``path``, ``spec``, ``currency`` are for that.
    """

    def __init__(self, path: Path, spec: ExportSpec, currency: str | None, sheet: str | None):
        self.path, self.spec, self.currency, self.sheet = path, spec, currency, sheet
        self._rows: Iterator[FetchedRow] | None = None

    @property
    def started(self) -> bool:
        return self._rows is not None

    def __next__(self) -> FetchedRow:
        if self._rows is None:
            self._rows = self._read()
        return next(self._rows)

    def _read(self) -> Iterator[FetchedRow]:
        try:
            table = stream_table(self.path, sheet=self.sheet)
            yield from read_ad_export(table, self.spec, default_currency=self.currency)
        except IngestError as exc:
            raise PluginError(str(exc)) from None


class AdStatsSource:
    """Subclasses set ``name``, ``version`` and ``spec`` and implement ``_fetch_api``."""

    name: str
    version: str
    spec: ExportSpec
    kinds = ("ad_stats",)

    def __init__(self) -> None:
        self.config: dict[str, Any] = {}

    def connect(self, config: Mapping[str, Any]) -> None:
        self.config = dict(config)

    def fetch(self, query: FetchQuery) -> Iterator[FetchedRow]:
        if query.kind != "ad_stats":
            raise PluginError(f"the {self.name} source reads ad_stats, not {query.kind}")
        currency = query.options.get("currency") or self.config.get("currency")
        if query.path is not None:
            return ExportRows(Path(query.path), self.spec, currency, query.options.get("sheet"))
        return self._fetch_api(query, currency)

    def _fetch_api(self, query: FetchQuery, currency: str | None) -> Iterator[FetchedRow]:
        raise NotImplementedError

    def sync(self, data: Iterable[Any]) -> SyncResult:
        raise PluginError(f"the {self.name} source only reads ad statistics")
