from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate_public_options import CandidatePublicOptions
    from ..models.candidate_variant import CandidateVariant
    from ..models.plugin_failure import PluginFailure


T = TypeVar("T", bound="CandidatePublic")


@_attrs_define
class CandidatePublic:
    """
    Attributes:
        batch_id (int | None):
        candidate_group (None | str):
        created_at (datetime.datetime):
        creative_code (str): Put it in the ad name or utm_content to link ROI.
        duration (float | None):
        error (None | str):
        finished_at (datetime.datetime | None):
        format_ (str):
        generator (str):
        height (int | None):
        id (int):
        options (CandidatePublicOptions):
        product_id (int | None):
        production_cost (None | str):
        production_currency (None | str):
        progress (float):
        render_version (int):
        selected (bool):
        started_at (datetime.datetime | None):
        status (str):
        template_id (None | str):
        template_version (None | str):
        variant (CandidateVariant): What makes this candidate different from the others of its group.
        width (int | None):
        download_url (None | str | Unset):
        failure (None | PluginFailure | Unset): Only in one video's detail, when a plugin's code failed making it (the
            last attempt's): plugin, exception type, message and traceback.
        poster_url (None | str | Unset):
        status_note (None | str | Unset): What the status alone does not say, e.g. `worker lost, re-sent` for a video
            whose worker was lost and that waits to be made again.
        suggested_ad_name (str | Unset): Name the ad this: it ends with the creative code the ad-results import looks
            for (product title | template | code). Default: ''.
        suggested_utm_content (str | Unset): Set the ad link's utm_content to this (the creative code): orders and ad
            rows that carry it are linked to this video. Default: ''.
    """

    batch_id: int | None
    candidate_group: None | str
    created_at: datetime.datetime
    creative_code: str
    duration: float | None
    error: None | str
    finished_at: datetime.datetime | None
    format_: str
    generator: str
    height: int | None
    id: int
    options: CandidatePublicOptions
    product_id: int | None
    production_cost: None | str
    production_currency: None | str
    progress: float
    render_version: int
    selected: bool
    started_at: datetime.datetime | None
    status: str
    template_id: None | str
    template_version: None | str
    variant: CandidateVariant
    width: int | None
    download_url: None | str | Unset = UNSET
    failure: None | PluginFailure | Unset = UNSET
    poster_url: None | str | Unset = UNSET
    status_note: None | str | Unset = UNSET
    suggested_ad_name: str | Unset = ""
    suggested_utm_content: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.plugin_failure import PluginFailure  # noqa: PLC0415

        batch_id: int | None
        batch_id = self.batch_id

        candidate_group: None | str
        candidate_group = self.candidate_group

        created_at = self.created_at.isoformat()

        creative_code = self.creative_code

        duration: float | None
        duration = self.duration

        error: None | str
        error = self.error

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        format_ = self.format_

        generator = self.generator

        height: int | None
        height = self.height

        id = self.id

        options = self.options.to_dict()

        product_id: int | None
        product_id = self.product_id

        production_cost: None | str
        production_cost = self.production_cost

        production_currency: None | str
        production_currency = self.production_currency

        progress = self.progress

        render_version = self.render_version

        selected = self.selected

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status

        template_id: None | str
        template_id = self.template_id

        template_version: None | str
        template_version = self.template_version

        variant = self.variant.to_dict()

        width: int | None
        width = self.width

        download_url: None | str | Unset
        if isinstance(self.download_url, Unset):
            download_url = UNSET
        else:
            download_url = self.download_url

        failure: dict[str, Any] | None | Unset
        if isinstance(self.failure, Unset):
            failure = UNSET
        elif isinstance(self.failure, PluginFailure):
            failure = self.failure.to_dict()
        else:
            failure = self.failure

        poster_url: None | str | Unset
        if isinstance(self.poster_url, Unset):
            poster_url = UNSET
        else:
            poster_url = self.poster_url

        status_note: None | str | Unset
        if isinstance(self.status_note, Unset):
            status_note = UNSET
        else:
            status_note = self.status_note

        suggested_ad_name = self.suggested_ad_name

        suggested_utm_content = self.suggested_utm_content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batch_id": batch_id,
                "candidate_group": candidate_group,
                "created_at": created_at,
                "creative_code": creative_code,
                "duration": duration,
                "error": error,
                "finished_at": finished_at,
                "format": format_,
                "generator": generator,
                "height": height,
                "id": id,
                "options": options,
                "product_id": product_id,
                "production_cost": production_cost,
                "production_currency": production_currency,
                "progress": progress,
                "render_version": render_version,
                "selected": selected,
                "started_at": started_at,
                "status": status,
                "template_id": template_id,
                "template_version": template_version,
                "variant": variant,
                "width": width,
            }
        )
        if download_url is not UNSET:
            field_dict["download_url"] = download_url
        if failure is not UNSET:
            field_dict["failure"] = failure
        if poster_url is not UNSET:
            field_dict["poster_url"] = poster_url
        if status_note is not UNSET:
            field_dict["status_note"] = status_note
        if suggested_ad_name is not UNSET:
            field_dict["suggested_ad_name"] = suggested_ad_name
        if suggested_utm_content is not UNSET:
            field_dict["suggested_utm_content"] = suggested_utm_content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.candidate_public_options import CandidatePublicOptions  # noqa: PLC0415
        from ..models.candidate_variant import CandidateVariant  # noqa: PLC0415
        from ..models.plugin_failure import PluginFailure  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_batch_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        batch_id = _parse_batch_id(d.pop("batch_id"))

        def _parse_candidate_group(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        candidate_group = _parse_candidate_group(d.pop("candidate_group"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        creative_code = d.pop("creative_code")

        def _parse_duration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration = _parse_duration(d.pop("duration"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        format_ = d.pop("format")

        generator = d.pop("generator")

        def _parse_height(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        height = _parse_height(d.pop("height"))

        id = d.pop("id")

        options = CandidatePublicOptions.from_dict(d.pop("options"))

        def _parse_product_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        product_id = _parse_product_id(d.pop("product_id"))

        def _parse_production_cost(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        production_cost = _parse_production_cost(d.pop("production_cost"))

        def _parse_production_currency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        production_currency = _parse_production_currency(d.pop("production_currency"))

        progress = d.pop("progress")

        render_version = d.pop("render_version")

        selected = d.pop("selected")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        status = d.pop("status")

        def _parse_template_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        template_id = _parse_template_id(d.pop("template_id"))

        def _parse_template_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        template_version = _parse_template_version(d.pop("template_version"))

        variant = CandidateVariant.from_dict(d.pop("variant"))

        def _parse_width(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        width = _parse_width(d.pop("width"))

        def _parse_download_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        download_url = _parse_download_url(d.pop("download_url", UNSET))

        def _parse_failure(data: object) -> None | PluginFailure | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                failure_type_0 = PluginFailure.from_dict(data)

                return failure_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PluginFailure | Unset, data)

        failure = _parse_failure(d.pop("failure", UNSET))

        def _parse_poster_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        poster_url = _parse_poster_url(d.pop("poster_url", UNSET))

        def _parse_status_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_note = _parse_status_note(d.pop("status_note", UNSET))

        suggested_ad_name = d.pop("suggested_ad_name", UNSET)

        suggested_utm_content = d.pop("suggested_utm_content", UNSET)

        candidate_public = cls(
            batch_id=batch_id,
            candidate_group=candidate_group,
            created_at=created_at,
            creative_code=creative_code,
            duration=duration,
            error=error,
            finished_at=finished_at,
            format_=format_,
            generator=generator,
            height=height,
            id=id,
            options=options,
            product_id=product_id,
            production_cost=production_cost,
            production_currency=production_currency,
            progress=progress,
            render_version=render_version,
            selected=selected,
            started_at=started_at,
            status=status,
            template_id=template_id,
            template_version=template_version,
            variant=variant,
            width=width,
            download_url=download_url,
            failure=failure,
            poster_url=poster_url,
            status_note=status_note,
            suggested_ad_name=suggested_ad_name,
            suggested_utm_content=suggested_utm_content,
        )

        candidate_public.additional_properties = d
        return candidate_public

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
