from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ad_set import AdSet
    from ..models.campaign import Campaign


T = TypeVar("T", bound="AccountInfo")


@_attrs_define
class AccountInfo:
    """What "test connection" shows: the account, its campaigns and ad sets / ad groups.

    Attributes:
        account_id (str): the platform's id of the account
        ad_sets (list[AdSet] | Unset): its ad sets / ad groups
        campaigns (list[Campaign] | Unset): its campaigns
        currency (None | str | Unset): ISO 4217 code of its spend
        name (str | Unset): its name Default: ''.
    """

    account_id: str
    ad_sets: list[AdSet] | Unset = UNSET
    campaigns: list[Campaign] | Unset = UNSET
    currency: None | str | Unset = UNSET
    name: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = self.account_id

        ad_sets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ad_sets, Unset):
            ad_sets = []
            for ad_sets_item_data in self.ad_sets:
                ad_sets_item = ad_sets_item_data.to_dict()
                ad_sets.append(ad_sets_item)

        campaigns: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.campaigns, Unset):
            campaigns = []
            for campaigns_item_data in self.campaigns:
                campaigns_item = campaigns_item_data.to_dict()
                campaigns.append(campaigns_item)

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
            }
        )
        if ad_sets is not UNSET:
            field_dict["ad_sets"] = ad_sets
        if campaigns is not UNSET:
            field_dict["campaigns"] = campaigns
        if currency is not UNSET:
            field_dict["currency"] = currency
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ad_set import AdSet  # noqa: PLC0415
        from ..models.campaign import Campaign  # noqa: PLC0415

        d = dict(src_dict)
        account_id = d.pop("account_id")

        _ad_sets = d.pop("ad_sets", UNSET)
        ad_sets: list[AdSet] | Unset = UNSET
        if _ad_sets is not UNSET:
            ad_sets = []
            for ad_sets_item_data in _ad_sets:
                ad_sets_item = AdSet.from_dict(ad_sets_item_data)

                ad_sets.append(ad_sets_item)

        _campaigns = d.pop("campaigns", UNSET)
        campaigns: list[Campaign] | Unset = UNSET
        if _campaigns is not UNSET:
            campaigns = []
            for campaigns_item_data in _campaigns:
                campaigns_item = Campaign.from_dict(campaigns_item_data)

                campaigns.append(campaigns_item)

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        name = d.pop("name", UNSET)

        account_info = cls(
            account_id=account_id,
            ad_sets=ad_sets,
            campaigns=campaigns,
            currency=currency,
            name=name,
        )

        account_info.additional_properties = d
        return account_info

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
