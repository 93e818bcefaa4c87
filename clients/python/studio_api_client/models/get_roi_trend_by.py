from enum import StrEnum


class GetRoiTrendBy(StrEnum):
    CATEGORY = "category"
    GENERATOR = "generator"
    PLATFORM = "platform"
    PRODUCT = "product"
    TEMPLATE = "template"
    VERSION = "version"

    def __str__(self) -> str:
        return str(self.value)
