from enum import StrEnum


class DetectedFilePageType0(StrEnum):
    ADS = "ads"
    CATALOG = "catalog"

    def __str__(self) -> str:
        return str(self.value)
