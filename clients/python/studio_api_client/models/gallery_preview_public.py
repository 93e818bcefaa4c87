from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gallery_preview_public_status import GalleryPreviewPublicStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="GalleryPreviewPublic")


@_attrs_define
class GalleryPreviewPublic:
    """A template's moving preview for the gallery (a short low-resolution clip and its
    poster, on the studio's sample product), made once per template version and kept.

        Attributes:
            format_ (str):
            status (GalleryPreviewPublicStatus):
            template (str):
            version (str): The template version the clip shows.
            clip_url (None | str | Unset): The MP4, once ready.
            error (None | str | Unset):
            poster_url (None | str | Unset): Its still (JPEG), once ready.
            status_url (None | str | Unset): The preview job while it is made.
    """

    format_: str
    status: GalleryPreviewPublicStatus
    template: str
    version: str
    clip_url: None | str | Unset = UNSET
    error: None | str | Unset = UNSET
    poster_url: None | str | Unset = UNSET
    status_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        format_ = self.format_

        status = self.status.value

        template = self.template

        version = self.version

        clip_url: None | str | Unset
        if isinstance(self.clip_url, Unset):
            clip_url = UNSET
        else:
            clip_url = self.clip_url

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        poster_url: None | str | Unset
        if isinstance(self.poster_url, Unset):
            poster_url = UNSET
        else:
            poster_url = self.poster_url

        status_url: None | str | Unset
        if isinstance(self.status_url, Unset):
            status_url = UNSET
        else:
            status_url = self.status_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "format": format_,
                "status": status,
                "template": template,
                "version": version,
            }
        )
        if clip_url is not UNSET:
            field_dict["clip_url"] = clip_url
        if error is not UNSET:
            field_dict["error"] = error
        if poster_url is not UNSET:
            field_dict["poster_url"] = poster_url
        if status_url is not UNSET:
            field_dict["status_url"] = status_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        format_ = d.pop("format")

        status = GalleryPreviewPublicStatus(d.pop("status"))

        template = d.pop("template")

        version = d.pop("version")

        def _parse_clip_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        clip_url = _parse_clip_url(d.pop("clip_url", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_poster_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        poster_url = _parse_poster_url(d.pop("poster_url", UNSET))

        def _parse_status_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_url = _parse_status_url(d.pop("status_url", UNSET))

        gallery_preview_public = cls(
            format_=format_,
            status=status,
            template=template,
            version=version,
            clip_url=clip_url,
            error=error,
            poster_url=poster_url,
            status_url=status_url,
        )

        gallery_preview_public.additional_properties = d
        return gallery_preview_public

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
