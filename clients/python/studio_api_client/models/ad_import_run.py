from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ad_import_run_config import AdImportRunConfig


T = TypeVar("T", bound="AdImportRun")


@_attrs_define
class AdImportRun:
    """Pull ad results from a configured source (Meta Insights API, TikTok Business API).

    Attributes:
        source (str):
        config (AdImportRunConfig | Unset):
        since (datetime.date | None | Unset):
        until (datetime.date | None | Unset):
    """

    source: str
    config: AdImportRunConfig | Unset = UNSET
    since: datetime.date | None | Unset = UNSET
    until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        since: None | str | Unset
        if isinstance(self.since, Unset):
            since = UNSET
        elif isinstance(self.since, datetime.date):
            since = self.since.isoformat()
        else:
            since = self.since

        until: None | str | Unset
        if isinstance(self.until, Unset):
            until = UNSET
        elif isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source": source,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config
        if since is not UNSET:
            field_dict["since"] = since
        if until is not UNSET:
            field_dict["until"] = until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ad_import_run_config import AdImportRunConfig  # noqa: PLC0415

        d = dict(src_dict)
        source = d.pop("source")

        _config = d.pop("config", UNSET)
        config: AdImportRunConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = AdImportRunConfig.from_dict(_config)

        def _parse_since(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.date.fromisoformat(data)

                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        since = _parse_since(d.pop("since", UNSET))

        def _parse_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.date.fromisoformat(data)

                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        until = _parse_until(d.pop("until", UNSET))

        ad_import_run = cls(
            source=source,
            config=config,
            since=since,
            until=until,
        )

        return ad_import_run
