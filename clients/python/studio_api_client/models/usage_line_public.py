from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UsageLinePublic")


@_attrs_define
class UsageLinePublic:
    """
    Attributes:
        cost (str):
        currency (str):
        kind (str):
        quantity (str):
        records (int):
        unit (str):
    """

    cost: str
    currency: str
    kind: str
    quantity: str
    records: int
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        currency = self.currency

        kind = self.kind

        quantity = self.quantity

        records = self.records

        unit = self.unit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "currency": currency,
                "kind": kind,
                "quantity": quantity,
                "records": records,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cost = d.pop("cost")

        currency = d.pop("currency")

        kind = d.pop("kind")

        quantity = d.pop("quantity")

        records = d.pop("records")

        unit = d.pop("unit")

        usage_line_public = cls(
            cost=cost,
            currency=currency,
            kind=kind,
            quantity=quantity,
            records=records,
            unit=unit,
        )

        usage_line_public.additional_properties = d
        return usage_line_public

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
