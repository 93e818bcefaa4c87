from enum import StrEnum


class ListRoiCreativesSort(StrEnum):
    HOOK_RATE = "hook_rate"
    REVENUE = "revenue"
    ROAS = "roas"
    ROI = "roi"
    SPEND = "spend"

    def __str__(self) -> str:
        return str(self.value)
