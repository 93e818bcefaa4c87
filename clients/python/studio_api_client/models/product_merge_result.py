from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_public import ProductPublic


T = TypeVar("T", bound="ProductMergeResult")


@_attrs_define
class ProductMergeResult:
    """
    Attributes:
        product (ProductPublic):
        removed (list[int]): The duplicates, now removed.
        videos_moved (int): Videos of the duplicates that now belong to the product kept.
        filled (list[str] | Unset): Fields the kept product lacked, taken from a duplicate (images, description…).
    """

    product: ProductPublic
    removed: list[int]
    videos_moved: int
    filled: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        product = self.product.to_dict()

        removed = self.removed

        videos_moved = self.videos_moved

        filled: list[str] | Unset = UNSET
        if not isinstance(self.filled, Unset):
            filled = self.filled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "product": product,
                "removed": removed,
                "videos_moved": videos_moved,
            }
        )
        if filled is not UNSET:
            field_dict["filled"] = filled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_public import ProductPublic  # noqa: PLC0415

        d = dict(src_dict)
        product = ProductPublic.from_dict(d.pop("product"))

        removed = cast(list[int], d.pop("removed"))

        videos_moved = d.pop("videos_moved")

        filled = cast(list[str], d.pop("filled", UNSET))

        product_merge_result = cls(
            product=product,
            removed=removed,
            videos_moved=videos_moved,
            filled=filled,
        )

        product_merge_result.additional_properties = d
        return product_merge_result

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
