from enum import StrEnum


class DetectedFileKind(StrEnum):
    CATALOG = "catalog"
    META_ADS = "meta_ads"
    ORDERS = "orders"
    SHOPIFY_PRODUCTS = "shopify_products"
    TIKTOK_ADS = "tiktok_ads"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
