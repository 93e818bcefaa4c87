from enum import StrEnum


class GetRoiReportBy(StrEnum):
    CATEGORY = "category"
    GENERATOR = "generator"
    PLATFORM = "platform"
    PRODUCT = "product"
    TEMPLATE = "template"
    VERSION = "version"

    def __str__(self) -> str:
        return str(self.value)
