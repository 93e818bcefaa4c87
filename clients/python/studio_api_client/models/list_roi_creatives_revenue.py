from enum import StrEnum


class ListRoiCreativesRevenue(StrEnum):
    ADS = "ads"
    ORDERS = "orders"

    def __str__(self) -> str:
        return str(self.value)
