from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notice_public_params import NoticePublicParams


T = TypeVar("T", bound="NoticePublic")


@_attrs_define
class NoticePublic:
    """Something the report says beside its figures, as data: a client words ``code`` with
    ``params`` in its user's language; ``text`` is the same in English.

        Attributes:
            code (str): What it is about, stable: `several_currencies`: results are in several currencies, reported apart;
                params: currencies (list of codes); `unlinked_rows`: ad rows not linked to a video, left out; params: rows
                (count), amounts (their spend: currency -> amount); `production_cost_currency`: videos whose production cost is
                in another currency than their ads, with no exchange rate: their profit and ROI are left out; params: videos
                (count), cost_currency, ads_currency; `production_cost_apart`: a group's production cost in another currency
                than its ads, not counted in it; params: amounts (currency -> amount), currency (the group's);
                `product_cost_missing`: a video's product has no cost, so the group has no profit or ROI; no params;
                `not_enough_data`: a group's figures are early signals; params: videos, impressions, purchases, spend, currency,
                and the thresholds min_videos, min_impressions, min_purchases, min_spend (null for a currency without a known
                minimum); `revenue_from_orders`: revenue and purchases are the shop's orders attributed by utm_content; no
                params; `production_cost_left_out`: trend: production cost in another currency than the ads, with no exchange
                rate, is left out of the figures; params: videos (count), cost_currency, ads_currency.
            text (str): The sentence in English, as `messages` or `notes` has it.
            params (NoticePublicParams | Unset): What the sentence is made of: counts as numbers, amounts as text in their
                currency's decimals ("12.30"), currency codes.
    """

    code: str
    text: str
    params: NoticePublicParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        text = self.text

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "text": text,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notice_public_params import NoticePublicParams  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        text = d.pop("text")

        _params = d.pop("params", UNSET)
        params: NoticePublicParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = NoticePublicParams.from_dict(_params)

        notice_public = cls(
            code=code,
            text=text,
            params=params,
        )

        notice_public.additional_properties = d
        return notice_public

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
