from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.creatives_public_order import CreativesPublicOrder
from ..models.creatives_public_sort import CreativesPublicSort

if TYPE_CHECKING:
    from ..models.creative_facets import CreativeFacets
    from ..models.creatives_public_formulas import CreativesPublicFormulas
    from ..models.creatives_public_unlinked_spend import CreativesPublicUnlinkedSpend


T = TypeVar("T", bound="CreativesPublic")


@_attrs_define
class CreativesPublic:
    """
    Attributes:
        count (int): Rows matching the filters, over all pages.
        data (list[Any]):
        facets (CreativeFacets): What the filters can choose from: the leaderboard's templates and products (before the
            template and product filters), and the platforms with linked results.
        formulas (CreativesPublicFormulas): Each figure's formula, exactly as computed.
        order (CreativesPublicOrder):
        since (datetime.date | None):
        sort (CreativesPublicSort):
        unlinked_rows (int): Ad rows (days) not linked to any video.
        unlinked_spend (CreativesPublicUnlinkedSpend): Their spend, per currency.
        until (datetime.date | None):
    """

    count: int
    data: list[Any]
    facets: CreativeFacets
    formulas: CreativesPublicFormulas
    order: CreativesPublicOrder
    since: datetime.date | None
    sort: CreativesPublicSort
    unlinked_rows: int
    unlinked_spend: CreativesPublicUnlinkedSpend
    until: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        data = self.data

        facets = self.facets.to_dict()

        formulas = self.formulas.to_dict()

        order = self.order.value

        since: None | str
        if isinstance(self.since, datetime.date):
            since = self.since.isoformat()
        else:
            since = self.since

        sort = self.sort.value

        unlinked_rows = self.unlinked_rows

        unlinked_spend = self.unlinked_spend.to_dict()

        until: None | str
        if isinstance(self.until, datetime.date):
            until = self.until.isoformat()
        else:
            until = self.until

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "data": data,
                "facets": facets,
                "formulas": formulas,
                "order": order,
                "since": since,
                "sort": sort,
                "unlinked_rows": unlinked_rows,
                "unlinked_spend": unlinked_spend,
                "until": until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.creative_facets import CreativeFacets  # noqa: PLC0415
        from ..models.creatives_public_formulas import CreativesPublicFormulas  # noqa: PLC0415
        from ..models.creatives_public_unlinked_spend import CreativesPublicUnlinkedSpend  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        data = cast(list[Any], d.pop("data"))

        facets = CreativeFacets.from_dict(d.pop("facets"))

        formulas = CreativesPublicFormulas.from_dict(d.pop("formulas"))

        order = CreativesPublicOrder(d.pop("order"))

        def _parse_since(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.date.fromisoformat(data)

                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        since = _parse_since(d.pop("since"))

        sort = CreativesPublicSort(d.pop("sort"))

        unlinked_rows = d.pop("unlinked_rows")

        unlinked_spend = CreativesPublicUnlinkedSpend.from_dict(d.pop("unlinked_spend"))

        def _parse_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                until_type_0 = datetime.date.fromisoformat(data)

                return until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        until = _parse_until(d.pop("until"))

        creatives_public = cls(
            count=count,
            data=data,
            facets=facets,
            formulas=formulas,
            order=order,
            since=since,
            sort=sort,
            unlinked_rows=unlinked_rows,
            unlinked_spend=unlinked_spend,
            until=until,
        )

        creatives_public.additional_properties = d
        return creatives_public

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
