from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProductMerge")


@_attrs_define
class ProductMerge:
    """Duplicates to fold into this product.

    Attributes:
        duplicates (list[int]): Ids of the products to merge into this one; they are removed.
    """

    duplicates: list[int]

    def to_dict(self) -> dict[str, Any]:
        duplicates = self.duplicates

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duplicates": duplicates,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        duplicates = cast(list[int], d.pop("duplicates"))

        product_merge = cls(
            duplicates=duplicates,
        )

        return product_merge
