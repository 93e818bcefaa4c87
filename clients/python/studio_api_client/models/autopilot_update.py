from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.autopilot_update_formats_type_0_item import AutopilotUpdateFormatsType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.autopilot_update_options_type_0 import AutopilotUpdateOptionsType0
    from ..models.publish_target import PublishTarget
    from ..models.store_settings import StoreSettings


T = TypeVar("T", bound="AutopilotUpdate")


@_attrs_define
class AutopilotUpdate:
    """The autopilot's rules; a field left out keeps its value.

    Attributes:
        digest_to (None | str | Unset): Where the daily digest is mailed; empty: the workspace owner.
        enabled (bool | None | Unset):
        formats (list[AutopilotUpdateFormatsType0Item] | None | Unset):
        max_ai_spend_per_day (float | None | str | Unset):
        max_videos_per_day (int | None | Unset):
        options (AutopilotUpdateOptionsType0 | None | Unset): Each video's options, e.g. {"preview": true} or
            {"ai_copy": true}.
        publish_to (list[PublishTarget] | None | Unset): Ad sets new videos are published to, paused.
        spend_currency (None | str | Unset):
        store (None | StoreSettings | Unset): A store to pull every 15 minutes (null: none); its new products go the
            same way as an import's.
        templates (list[str] | None | Unset): Tried in turn while no template has results yet.
    """

    digest_to: None | str | Unset = UNSET
    enabled: bool | None | Unset = UNSET
    formats: list[AutopilotUpdateFormatsType0Item] | None | Unset = UNSET
    max_ai_spend_per_day: float | None | str | Unset = UNSET
    max_videos_per_day: int | None | Unset = UNSET
    options: AutopilotUpdateOptionsType0 | None | Unset = UNSET
    publish_to: list[PublishTarget] | None | Unset = UNSET
    spend_currency: None | str | Unset = UNSET
    store: None | StoreSettings | Unset = UNSET
    templates: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.autopilot_update_options_type_0 import AutopilotUpdateOptionsType0  # noqa: PLC0415
        from ..models.store_settings import StoreSettings  # noqa: PLC0415

        digest_to: None | str | Unset
        if isinstance(self.digest_to, Unset):
            digest_to = UNSET
        else:
            digest_to = self.digest_to

        enabled: bool | None | Unset
        if isinstance(self.enabled, Unset):
            enabled = UNSET
        else:
            enabled = self.enabled

        formats: list[str] | None | Unset
        if isinstance(self.formats, Unset):
            formats = UNSET
        elif isinstance(self.formats, list):
            formats = []
            for formats_type_0_item_data in self.formats:
                formats_type_0_item = formats_type_0_item_data.value
                formats.append(formats_type_0_item)

        else:
            formats = self.formats

        max_ai_spend_per_day: float | None | str | Unset
        if isinstance(self.max_ai_spend_per_day, Unset):
            max_ai_spend_per_day = UNSET
        else:
            max_ai_spend_per_day = self.max_ai_spend_per_day

        max_videos_per_day: int | None | Unset
        if isinstance(self.max_videos_per_day, Unset):
            max_videos_per_day = UNSET
        else:
            max_videos_per_day = self.max_videos_per_day

        options: dict[str, Any] | None | Unset
        if isinstance(self.options, Unset):
            options = UNSET
        elif isinstance(self.options, AutopilotUpdateOptionsType0):
            options = self.options.to_dict()
        else:
            options = self.options

        publish_to: list[dict[str, Any]] | None | Unset
        if isinstance(self.publish_to, Unset):
            publish_to = UNSET
        elif isinstance(self.publish_to, list):
            publish_to = []
            for publish_to_type_0_item_data in self.publish_to:
                publish_to_type_0_item = publish_to_type_0_item_data.to_dict()
                publish_to.append(publish_to_type_0_item)

        else:
            publish_to = self.publish_to

        spend_currency: None | str | Unset
        if isinstance(self.spend_currency, Unset):
            spend_currency = UNSET
        else:
            spend_currency = self.spend_currency

        store: dict[str, Any] | None | Unset
        if isinstance(self.store, Unset):
            store = UNSET
        elif isinstance(self.store, StoreSettings):
            store = self.store.to_dict()
        else:
            store = self.store

        templates: list[str] | None | Unset
        if isinstance(self.templates, Unset):
            templates = UNSET
        elif isinstance(self.templates, list):
            templates = self.templates

        else:
            templates = self.templates

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if digest_to is not UNSET:
            field_dict["digest_to"] = digest_to
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if formats is not UNSET:
            field_dict["formats"] = formats
        if max_ai_spend_per_day is not UNSET:
            field_dict["max_ai_spend_per_day"] = max_ai_spend_per_day
        if max_videos_per_day is not UNSET:
            field_dict["max_videos_per_day"] = max_videos_per_day
        if options is not UNSET:
            field_dict["options"] = options
        if publish_to is not UNSET:
            field_dict["publish_to"] = publish_to
        if spend_currency is not UNSET:
            field_dict["spend_currency"] = spend_currency
        if store is not UNSET:
            field_dict["store"] = store
        if templates is not UNSET:
            field_dict["templates"] = templates

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.autopilot_update_options_type_0 import AutopilotUpdateOptionsType0  # noqa: PLC0415
        from ..models.publish_target import PublishTarget  # noqa: PLC0415
        from ..models.store_settings import StoreSettings  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_digest_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        digest_to = _parse_digest_to(d.pop("digest_to", UNSET))

        def _parse_enabled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        enabled = _parse_enabled(d.pop("enabled", UNSET))

        def _parse_formats(data: object) -> list[AutopilotUpdateFormatsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                formats_type_0 = []
                _formats_type_0 = data
                for formats_type_0_item_data in _formats_type_0:
                    formats_type_0_item = AutopilotUpdateFormatsType0Item(formats_type_0_item_data)

                    formats_type_0.append(formats_type_0_item)

                return formats_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AutopilotUpdateFormatsType0Item] | None | Unset, data)

        formats = _parse_formats(d.pop("formats", UNSET))

        def _parse_max_ai_spend_per_day(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        max_ai_spend_per_day = _parse_max_ai_spend_per_day(d.pop("max_ai_spend_per_day", UNSET))

        def _parse_max_videos_per_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_videos_per_day = _parse_max_videos_per_day(d.pop("max_videos_per_day", UNSET))

        def _parse_options(data: object) -> AutopilotUpdateOptionsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                options_type_0 = AutopilotUpdateOptionsType0.from_dict(data)

                return options_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AutopilotUpdateOptionsType0 | None | Unset, data)

        options = _parse_options(d.pop("options", UNSET))

        def _parse_publish_to(data: object) -> list[PublishTarget] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                publish_to_type_0 = []
                _publish_to_type_0 = data
                for publish_to_type_0_item_data in _publish_to_type_0:
                    publish_to_type_0_item = PublishTarget.from_dict(publish_to_type_0_item_data)

                    publish_to_type_0.append(publish_to_type_0_item)

                return publish_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PublishTarget] | None | Unset, data)

        publish_to = _parse_publish_to(d.pop("publish_to", UNSET))

        def _parse_spend_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        spend_currency = _parse_spend_currency(d.pop("spend_currency", UNSET))

        def _parse_store(data: object) -> None | StoreSettings | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                store_type_0 = StoreSettings.from_dict(data)

                return store_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StoreSettings | Unset, data)

        store = _parse_store(d.pop("store", UNSET))

        def _parse_templates(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                templates_type_0 = cast(list[str], data)

                return templates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        templates = _parse_templates(d.pop("templates", UNSET))

        autopilot_update = cls(
            digest_to=digest_to,
            enabled=enabled,
            formats=formats,
            max_ai_spend_per_day=max_ai_spend_per_day,
            max_videos_per_day=max_videos_per_day,
            options=options,
            publish_to=publish_to,
            spend_currency=spend_currency,
            store=store,
            templates=templates,
        )

        return autopilot_update
