from enum import StrEnum


class GetRecommendationRevenue(StrEnum):
    ADS = "ads"
    ORDERS = "orders"

    def __str__(self) -> str:
        return str(self.value)
