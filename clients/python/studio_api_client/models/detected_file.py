from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.detected_file_kind import DetectedFileKind
from ..models.detected_file_other_kinds_item import DetectedFileOtherKindsItem
from ..models.detected_file_page_type_0 import DetectedFilePageType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_use import ColumnUse
    from ..models.detect_note import DetectNote
    from ..models.detected_file_counts import DetectedFileCounts


T = TypeVar("T", bound="DetectedFile")


@_attrs_define
class DetectedFile:
    """What the studio found in a file, read from its first rows; nothing is imported yet.

    Attributes:
        complete (bool): True: the whole file was read; false: the counts are of its first rows only.
        file_name (str):
        headers (list[str]):
        kind (DetectedFileKind): shopify_products, catalog, meta_ads, tiktok_ads, orders, or unknown.
        kind_name (str): The kind in English words, e.g. a Meta ad export.
        ready (bool): It can be imported as it is (columns and currency known).
        columns (list[ColumnUse] | Unset):
        counts (DetectedFileCounts | Unset): rows; products, variants, drafts, archived, images, without_photo; ads,
            days; orders, with_utm — as the kind has them.
        currency (None | str | Unset): The currency the import will read amounts in.
        currency_needed (bool | Unset): The file does not say its currency and none was chosen. Default: False.
        currency_stated (None | str | Unset): The currency the file itself states, if it does.
        first_day (datetime.date | None | Unset):
        last_day (datetime.date | None | Unset):
        mapping_adjustable (bool | Unset): The seller may choose the columns (catalogs and orders). Default: False.
        money (None | str | Unset): Ad spend or order revenue in the rows read.
        notes (list[DetectNote] | Unset):
        other_kinds (list[DetectedFileOtherKindsItem] | Unset): Other kinds the headers could fit, best first.
        page (DetectedFilePageType0 | None | Unset): The web studio page that imports this kind.
        row_currencies (list[str] | Unset): Every row names its own currency: these.
        sample (list[str] | Unset): A few product or ad names.
        source (None | str | Unset): The data source that will read it.
        wrong_page (bool | Unset): The file belongs on another page than the one asked for. Default: False.
    """

    complete: bool
    file_name: str
    headers: list[str]
    kind: DetectedFileKind
    kind_name: str
    ready: bool
    columns: list[ColumnUse] | Unset = UNSET
    counts: DetectedFileCounts | Unset = UNSET
    currency: None | str | Unset = UNSET
    currency_needed: bool | Unset = False
    currency_stated: None | str | Unset = UNSET
    first_day: datetime.date | None | Unset = UNSET
    last_day: datetime.date | None | Unset = UNSET
    mapping_adjustable: bool | Unset = False
    money: None | str | Unset = UNSET
    notes: list[DetectNote] | Unset = UNSET
    other_kinds: list[DetectedFileOtherKindsItem] | Unset = UNSET
    page: DetectedFilePageType0 | None | Unset = UNSET
    row_currencies: list[str] | Unset = UNSET
    sample: list[str] | Unset = UNSET
    source: None | str | Unset = UNSET
    wrong_page: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        complete = self.complete

        file_name = self.file_name

        headers = self.headers

        kind = self.kind.value

        kind_name = self.kind_name

        ready = self.ready

        columns: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = []
            for columns_item_data in self.columns:
                columns_item = columns_item_data.to_dict()
                columns.append(columns_item)

        counts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.counts, Unset):
            counts = self.counts.to_dict()

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        currency_needed = self.currency_needed

        currency_stated: None | str | Unset
        if isinstance(self.currency_stated, Unset):
            currency_stated = UNSET
        else:
            currency_stated = self.currency_stated

        first_day: None | str | Unset
        if isinstance(self.first_day, Unset):
            first_day = UNSET
        elif isinstance(self.first_day, datetime.date):
            first_day = self.first_day.isoformat()
        else:
            first_day = self.first_day

        last_day: None | str | Unset
        if isinstance(self.last_day, Unset):
            last_day = UNSET
        elif isinstance(self.last_day, datetime.date):
            last_day = self.last_day.isoformat()
        else:
            last_day = self.last_day

        mapping_adjustable = self.mapping_adjustable

        money: None | str | Unset
        if isinstance(self.money, Unset):
            money = UNSET
        else:
            money = self.money

        notes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.notes, Unset):
            notes = []
            for notes_item_data in self.notes:
                notes_item = notes_item_data.to_dict()
                notes.append(notes_item)

        other_kinds: list[str] | Unset = UNSET
        if not isinstance(self.other_kinds, Unset):
            other_kinds = []
            for other_kinds_item_data in self.other_kinds:
                other_kinds_item = other_kinds_item_data.value
                other_kinds.append(other_kinds_item)

        page: None | str | Unset
        if isinstance(self.page, Unset):
            page = UNSET
        elif isinstance(self.page, DetectedFilePageType0):
            page = self.page.value
        else:
            page = self.page

        row_currencies: list[str] | Unset = UNSET
        if not isinstance(self.row_currencies, Unset):
            row_currencies = self.row_currencies

        sample: list[str] | Unset = UNSET
        if not isinstance(self.sample, Unset):
            sample = self.sample

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        wrong_page = self.wrong_page

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "complete": complete,
                "file_name": file_name,
                "headers": headers,
                "kind": kind,
                "kind_name": kind_name,
                "ready": ready,
            }
        )
        if columns is not UNSET:
            field_dict["columns"] = columns
        if counts is not UNSET:
            field_dict["counts"] = counts
        if currency is not UNSET:
            field_dict["currency"] = currency
        if currency_needed is not UNSET:
            field_dict["currency_needed"] = currency_needed
        if currency_stated is not UNSET:
            field_dict["currency_stated"] = currency_stated
        if first_day is not UNSET:
            field_dict["first_day"] = first_day
        if last_day is not UNSET:
            field_dict["last_day"] = last_day
        if mapping_adjustable is not UNSET:
            field_dict["mapping_adjustable"] = mapping_adjustable
        if money is not UNSET:
            field_dict["money"] = money
        if notes is not UNSET:
            field_dict["notes"] = notes
        if other_kinds is not UNSET:
            field_dict["other_kinds"] = other_kinds
        if page is not UNSET:
            field_dict["page"] = page
        if row_currencies is not UNSET:
            field_dict["row_currencies"] = row_currencies
        if sample is not UNSET:
            field_dict["sample"] = sample
        if source is not UNSET:
            field_dict["source"] = source
        if wrong_page is not UNSET:
            field_dict["wrong_page"] = wrong_page

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_use import ColumnUse  # noqa: PLC0415
        from ..models.detect_note import DetectNote  # noqa: PLC0415
        from ..models.detected_file_counts import DetectedFileCounts  # noqa: PLC0415

        d = dict(src_dict)
        complete = d.pop("complete")

        file_name = d.pop("file_name")

        headers = cast(list[str], d.pop("headers"))

        kind = DetectedFileKind(d.pop("kind"))

        kind_name = d.pop("kind_name")

        ready = d.pop("ready")

        _columns = d.pop("columns", UNSET)
        columns: list[ColumnUse] | Unset = UNSET
        if _columns is not UNSET:
            columns = []
            for columns_item_data in _columns:
                columns_item = ColumnUse.from_dict(columns_item_data)

                columns.append(columns_item)

        _counts = d.pop("counts", UNSET)
        counts: DetectedFileCounts | Unset
        if isinstance(_counts, Unset):
            counts = UNSET
        else:
            counts = DetectedFileCounts.from_dict(_counts)

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        currency_needed = d.pop("currency_needed", UNSET)

        def _parse_currency_stated(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency_stated = _parse_currency_stated(d.pop("currency_stated", UNSET))

        def _parse_first_day(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_day_type_0 = datetime.date.fromisoformat(data)

                return first_day_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        first_day = _parse_first_day(d.pop("first_day", UNSET))

        def _parse_last_day(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_day_type_0 = datetime.date.fromisoformat(data)

                return last_day_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        last_day = _parse_last_day(d.pop("last_day", UNSET))

        mapping_adjustable = d.pop("mapping_adjustable", UNSET)

        def _parse_money(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        money = _parse_money(d.pop("money", UNSET))

        _notes = d.pop("notes", UNSET)
        notes: list[DetectNote] | Unset = UNSET
        if _notes is not UNSET:
            notes = []
            for notes_item_data in _notes:
                notes_item = DetectNote.from_dict(notes_item_data)

                notes.append(notes_item)

        _other_kinds = d.pop("other_kinds", UNSET)
        other_kinds: list[DetectedFileOtherKindsItem] | Unset = UNSET
        if _other_kinds is not UNSET:
            other_kinds = []
            for other_kinds_item_data in _other_kinds:
                other_kinds_item = DetectedFileOtherKindsItem(other_kinds_item_data)

                other_kinds.append(other_kinds_item)

        def _parse_page(data: object) -> DetectedFilePageType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                page_type_0 = DetectedFilePageType0(data)

                return page_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DetectedFilePageType0 | None | Unset, data)

        page = _parse_page(d.pop("page", UNSET))

        row_currencies = cast(list[str], d.pop("row_currencies", UNSET))

        sample = cast(list[str], d.pop("sample", UNSET))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        wrong_page = d.pop("wrong_page", UNSET)

        detected_file = cls(
            complete=complete,
            file_name=file_name,
            headers=headers,
            kind=kind,
            kind_name=kind_name,
            ready=ready,
            columns=columns,
            counts=counts,
            currency=currency,
            currency_needed=currency_needed,
            currency_stated=currency_stated,
            first_day=first_day,
            last_day=last_day,
            mapping_adjustable=mapping_adjustable,
            money=money,
            notes=notes,
            other_kinds=other_kinds,
            page=page,
            row_currencies=row_currencies,
            sample=sample,
            source=source,
            wrong_page=wrong_page,
        )

        detected_file.additional_properties = d
        return detected_file

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
