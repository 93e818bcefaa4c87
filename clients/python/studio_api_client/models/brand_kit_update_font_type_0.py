from enum import StrEnum


class BrandKitUpdateFontType0(StrEnum):
    CONDENSED = "condensed"
    SANS = "sans"
    SERIF = "serif"

    def __str__(self) -> str:
        return str(self.value)
