from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_error import FieldError
    from ..models.problem_details_params import ProblemDetailsParams


T = TypeVar("T", bound="ProblemDetails")


@_attrs_define
class ProblemDetails:
    """An error response (RFC 9457). ``field``/``errors`` point at the input to fix.

    Attributes:
        detail (str):
        status (int):
        title (str):
        code (str | Unset): Stable, machine-readable error code (e.g. `not_found`, `validation`, `batch.no_products`);
            translate from it. Default: 'error'.
        errors (list[FieldError] | Unset):
        field (None | str | Unset):
        instance (None | str | Unset):
        params (ProblemDetailsParams | Unset): The values `detail` names, keyed for the code.
        request_id (None | str | Unset):
        type_ (str | Unset):  Default: 'about:blank'.
    """

    detail: str
    status: int
    title: str
    code: str | Unset = "error"
    errors: list[FieldError] | Unset = UNSET
    field: None | str | Unset = UNSET
    instance: None | str | Unset = UNSET
    params: ProblemDetailsParams | Unset = UNSET
    request_id: None | str | Unset = UNSET
    type_: str | Unset = "about:blank"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail

        status = self.status

        title = self.title

        code = self.code

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field: None | str | Unset
        if isinstance(self.field, Unset):
            field = UNSET
        else:
            field = self.field

        instance: None | str | Unset
        if isinstance(self.instance, Unset):
            instance = UNSET
        else:
            instance = self.instance

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "status": status,
                "title": title,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if errors is not UNSET:
            field_dict["errors"] = errors
        if field is not UNSET:
            field_dict["field"] = field
        if instance is not UNSET:
            field_dict["instance"] = instance
        if params is not UNSET:
            field_dict["params"] = params
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_error import FieldError  # noqa: PLC0415
        from ..models.problem_details_params import ProblemDetailsParams  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail")

        status = d.pop("status")

        title = d.pop("title")

        code = d.pop("code", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[FieldError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = FieldError.from_dict(errors_item_data)

                errors.append(errors_item)

        def _parse_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        field = _parse_field(d.pop("field", UNSET))

        def _parse_instance(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance = _parse_instance(d.pop("instance", UNSET))

        _params = d.pop("params", UNSET)
        params: ProblemDetailsParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = ProblemDetailsParams.from_dict(_params)

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        type_ = d.pop("type", UNSET)

        problem_details = cls(
            detail=detail,
            status=status,
            title=title,
            code=code,
            errors=errors,
            field=field,
            instance=instance,
            params=params,
            request_id=request_id,
            type_=type_,
        )

        problem_details.additional_properties = d
        return problem_details

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
