from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_failure import BatchFailure
    from ..models.batch_public_counts import BatchPublicCounts


T = TypeVar("T", bound="BatchPublic")


@_attrs_define
class BatchPublic:
    """
    Attributes:
        counts (BatchPublicCounts): Videos per status, plus `total`.
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        id (int):
        name (str):
        started_at (datetime.datetime | None):
        status (str):
        created (bool | Unset): False when the same batch was submitted before. Default: True.
        eta_seconds (float | None | Unset): Estimated seconds until done.
        failures (list[BatchFailure] | Unset):
        progress (float | Unset): Percent done (running videos count partly). Default: 0.0.
        reused_video_ids (list[int] | Unset): Videos an identical earlier request had already made: listed and counted
            here, not made again.
        video_ids (list[int] | Unset):
    """

    counts: BatchPublicCounts
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    id: int
    name: str
    started_at: datetime.datetime | None
    status: str
    created: bool | Unset = True
    eta_seconds: float | None | Unset = UNSET
    failures: list[BatchFailure] | Unset = UNSET
    progress: float | Unset = 0.0
    reused_video_ids: list[int] | Unset = UNSET
    video_ids: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts.to_dict()

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = self.id

        name = self.name

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status

        created = self.created

        eta_seconds: float | None | Unset
        if isinstance(self.eta_seconds, Unset):
            eta_seconds = UNSET
        else:
            eta_seconds = self.eta_seconds

        failures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.failures, Unset):
            failures = []
            for failures_item_data in self.failures:
                failures_item = failures_item_data.to_dict()
                failures.append(failures_item)

        progress = self.progress

        reused_video_ids: list[int] | Unset = UNSET
        if not isinstance(self.reused_video_ids, Unset):
            reused_video_ids = self.reused_video_ids

        video_ids: list[int] | Unset = UNSET
        if not isinstance(self.video_ids, Unset):
            video_ids = self.video_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "counts": counts,
                "created_at": created_at,
                "finished_at": finished_at,
                "id": id,
                "name": name,
                "started_at": started_at,
                "status": status,
            }
        )
        if created is not UNSET:
            field_dict["created"] = created
        if eta_seconds is not UNSET:
            field_dict["eta_seconds"] = eta_seconds
        if failures is not UNSET:
            field_dict["failures"] = failures
        if progress is not UNSET:
            field_dict["progress"] = progress
        if reused_video_ids is not UNSET:
            field_dict["reused_video_ids"] = reused_video_ids
        if video_ids is not UNSET:
            field_dict["video_ids"] = video_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_failure import BatchFailure  # noqa: PLC0415
        from ..models.batch_public_counts import BatchPublicCounts  # noqa: PLC0415

        d = dict(src_dict)
        counts = BatchPublicCounts.from_dict(d.pop("counts"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

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

        id = d.pop("id")

        name = d.pop("name")

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

        created = d.pop("created", UNSET)

        def _parse_eta_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        eta_seconds = _parse_eta_seconds(d.pop("eta_seconds", UNSET))

        _failures = d.pop("failures", UNSET)
        failures: list[BatchFailure] | Unset = UNSET
        if _failures is not UNSET:
            failures = []
            for failures_item_data in _failures:
                failures_item = BatchFailure.from_dict(failures_item_data)

                failures.append(failures_item)

        progress = d.pop("progress", UNSET)

        reused_video_ids = cast(list[int], d.pop("reused_video_ids", UNSET))

        video_ids = cast(list[int], d.pop("video_ids", UNSET))

        batch_public = cls(
            counts=counts,
            created_at=created_at,
            finished_at=finished_at,
            id=id,
            name=name,
            started_at=started_at,
            status=status,
            created=created,
            eta_seconds=eta_seconds,
            failures=failures,
            progress=progress,
            reused_video_ids=reused_video_ids,
            video_ids=video_ids,
        )

        batch_public.additional_properties = d
        return batch_public

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
