from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roi_group_public_production_cost_other import RoiGroupPublicProductionCostOther


T = TypeVar("T", bound="RoiGroupPublic")


@_attrs_define
class RoiGroupPublic:
    """
    Attributes:
        cpa (None | str):
        cpm (None | str):
        ctr (None | str):
        currency (str):
        cvr (None | str):
        enough_data (bool):
        gross_profit (None | str):
        hold_rate (None | str):
        hook_plays (int):
        hook_rate (None | str):
        impressions (int):
        key (str):
        link_clicks (int):
        notes (list[str]):
        plays_3s (int):
        production_cost (str):
        profit (None | str):
        purchases (int):
        revenue (str):
        roas (None | str):
        roi (None | str):
        spend (str):
        thruplays (int):
        videos (int):
        p_best (float | None | Unset): Probability this group has the best ROI.
        production_cost_other (RoiGroupPublicProductionCostOther | Unset): Production cost in other currencies than the
            group's, when no exchange rate was given: not in `profit` or `roi` (those are then empty); give `currency` and
            `rate` to convert it.
        roi_interval (list[float] | None | Unset): 90% interval of ROI (Bayesian bootstrap over videos).
    """

    cpa: None | str
    cpm: None | str
    ctr: None | str
    currency: str
    cvr: None | str
    enough_data: bool
    gross_profit: None | str
    hold_rate: None | str
    hook_plays: int
    hook_rate: None | str
    impressions: int
    key: str
    link_clicks: int
    notes: list[str]
    plays_3s: int
    production_cost: str
    profit: None | str
    purchases: int
    revenue: str
    roas: None | str
    roi: None | str
    spend: str
    thruplays: int
    videos: int
    p_best: float | None | Unset = UNSET
    production_cost_other: RoiGroupPublicProductionCostOther | Unset = UNSET
    roi_interval: list[float] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cpa: None | str
        cpa = self.cpa

        cpm: None | str
        cpm = self.cpm

        ctr: None | str
        ctr = self.ctr

        currency = self.currency

        cvr: None | str
        cvr = self.cvr

        enough_data = self.enough_data

        gross_profit: None | str
        gross_profit = self.gross_profit

        hold_rate: None | str
        hold_rate = self.hold_rate

        hook_plays = self.hook_plays

        hook_rate: None | str
        hook_rate = self.hook_rate

        impressions = self.impressions

        key = self.key

        link_clicks = self.link_clicks

        notes = self.notes

        plays_3s = self.plays_3s

        production_cost = self.production_cost

        profit: None | str
        profit = self.profit

        purchases = self.purchases

        revenue = self.revenue

        roas: None | str
        roas = self.roas

        roi: None | str
        roi = self.roi

        spend = self.spend

        thruplays = self.thruplays

        videos = self.videos

        p_best: float | None | Unset
        if isinstance(self.p_best, Unset):
            p_best = UNSET
        else:
            p_best = self.p_best

        production_cost_other: dict[str, Any] | Unset = UNSET
        if not isinstance(self.production_cost_other, Unset):
            production_cost_other = self.production_cost_other.to_dict()

        roi_interval: list[float] | None | Unset
        if isinstance(self.roi_interval, Unset):
            roi_interval = UNSET
        elif isinstance(self.roi_interval, list):
            roi_interval = []
            for roi_interval_type_0_item_data in self.roi_interval:
                roi_interval_type_0_item: float
                roi_interval_type_0_item = roi_interval_type_0_item_data
                roi_interval.append(roi_interval_type_0_item)

        else:
            roi_interval = self.roi_interval

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cpa": cpa,
                "cpm": cpm,
                "ctr": ctr,
                "currency": currency,
                "cvr": cvr,
                "enough_data": enough_data,
                "gross_profit": gross_profit,
                "hold_rate": hold_rate,
                "hook_plays": hook_plays,
                "hook_rate": hook_rate,
                "impressions": impressions,
                "key": key,
                "link_clicks": link_clicks,
                "notes": notes,
                "plays_3s": plays_3s,
                "production_cost": production_cost,
                "profit": profit,
                "purchases": purchases,
                "revenue": revenue,
                "roas": roas,
                "roi": roi,
                "spend": spend,
                "thruplays": thruplays,
                "videos": videos,
            }
        )
        if p_best is not UNSET:
            field_dict["p_best"] = p_best
        if production_cost_other is not UNSET:
            field_dict["production_cost_other"] = production_cost_other
        if roi_interval is not UNSET:
            field_dict["roi_interval"] = roi_interval

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roi_group_public_production_cost_other import RoiGroupPublicProductionCostOther  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_cpa(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cpa = _parse_cpa(d.pop("cpa"))

        def _parse_cpm(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cpm = _parse_cpm(d.pop("cpm"))

        def _parse_ctr(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ctr = _parse_ctr(d.pop("ctr"))

        currency = d.pop("currency")

        def _parse_cvr(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cvr = _parse_cvr(d.pop("cvr"))

        enough_data = d.pop("enough_data")

        def _parse_gross_profit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        gross_profit = _parse_gross_profit(d.pop("gross_profit"))

        def _parse_hold_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hold_rate = _parse_hold_rate(d.pop("hold_rate"))

        hook_plays = d.pop("hook_plays")

        def _parse_hook_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        hook_rate = _parse_hook_rate(d.pop("hook_rate"))

        impressions = d.pop("impressions")

        key = d.pop("key")

        link_clicks = d.pop("link_clicks")

        notes = cast(list[str], d.pop("notes"))

        plays_3s = d.pop("plays_3s")

        production_cost = d.pop("production_cost")

        def _parse_profit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        profit = _parse_profit(d.pop("profit"))

        purchases = d.pop("purchases")

        revenue = d.pop("revenue")

        def _parse_roas(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        roas = _parse_roas(d.pop("roas"))

        def _parse_roi(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        roi = _parse_roi(d.pop("roi"))

        spend = d.pop("spend")

        thruplays = d.pop("thruplays")

        videos = d.pop("videos")

        def _parse_p_best(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        p_best = _parse_p_best(d.pop("p_best", UNSET))

        _production_cost_other = d.pop("production_cost_other", UNSET)
        production_cost_other: RoiGroupPublicProductionCostOther | Unset
        if isinstance(_production_cost_other, Unset):
            production_cost_other = UNSET
        else:
            production_cost_other = RoiGroupPublicProductionCostOther.from_dict(_production_cost_other)

        def _parse_roi_interval(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                roi_interval_type_0 = []
                _roi_interval_type_0 = data
                for roi_interval_type_0_item_data in _roi_interval_type_0:

                    def _parse_roi_interval_type_0_item(data: object) -> float:
                        return cast(float, data)

                    roi_interval_type_0_item = _parse_roi_interval_type_0_item(roi_interval_type_0_item_data)

                    roi_interval_type_0.append(roi_interval_type_0_item)

                return roi_interval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        roi_interval = _parse_roi_interval(d.pop("roi_interval", UNSET))

        roi_group_public = cls(
            cpa=cpa,
            cpm=cpm,
            ctr=ctr,
            currency=currency,
            cvr=cvr,
            enough_data=enough_data,
            gross_profit=gross_profit,
            hold_rate=hold_rate,
            hook_plays=hook_plays,
            hook_rate=hook_rate,
            impressions=impressions,
            key=key,
            link_clicks=link_clicks,
            notes=notes,
            plays_3s=plays_3s,
            production_cost=production_cost,
            profit=profit,
            purchases=purchases,
            revenue=revenue,
            roas=roas,
            roi=roi,
            spend=spend,
            thruplays=thruplays,
            videos=videos,
            p_best=p_best,
            production_cost_other=production_cost_other,
            roi_interval=roi_interval,
        )

        roi_group_public.additional_properties = d
        return roi_group_public

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
