from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublishTarget")


@_attrs_define
class PublishTarget:
    """
    Attributes:
        account (int):
        ad_set_id (str):
        ad_set_name (str | Unset):  Default: ''.
    """

    account: int
    ad_set_id: str
    ad_set_name: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        account = self.account

        ad_set_id = self.ad_set_id

        ad_set_name = self.ad_set_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "account": account,
                "ad_set_id": ad_set_id,
            }
        )
        if ad_set_name is not UNSET:
            field_dict["ad_set_name"] = ad_set_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account = d.pop("account")

        ad_set_id = d.pop("ad_set_id")

        ad_set_name = d.pop("ad_set_name", UNSET)

        publish_target = cls(
            account=account,
            ad_set_id=ad_set_id,
            ad_set_name=ad_set_name,
        )

        return publish_target
