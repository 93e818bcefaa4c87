from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.product_import_source_config import ProductImportSourceConfig


T = TypeVar("T", bound="ProductImportSource")


@_attrs_define
class ProductImportSource:
    """Run a configured catalog source (for example ``shopify`` through its Admin API).

    Attributes:
        source (str): A data-source plugin name.
        config (ProductImportSourceConfig | Unset): The source's settings.
    """

    source: str
    config: ProductImportSourceConfig | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source": source,
            }
        )
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.product_import_source_config import ProductImportSourceConfig  # noqa: PLC0415

        d = dict(src_dict)
        source = d.pop("source")

        _config = d.pop("config", UNSET)
        config: ProductImportSourceConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = ProductImportSourceConfig.from_dict(_config)

        product_import_source = cls(
            source=source,
            config=config,
        )

        return product_import_source
