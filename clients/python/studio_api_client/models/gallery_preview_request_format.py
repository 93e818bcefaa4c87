from enum import StrEnum


class GalleryPreviewRequestFormat(StrEnum):
    VALUE_0 = "9:16"
    VALUE_1 = "1:1"
    VALUE_2 = "16:9"
    VALUE_3 = "4:5"

    def __str__(self) -> str:
        return str(self.value)
