from enum import StrEnum


class GetRoiReportRevenue(StrEnum):
    ADS = "ads"
    ORDERS = "orders"

    def __str__(self) -> str:
        return str(self.value)
