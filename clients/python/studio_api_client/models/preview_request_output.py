from enum import StrEnum


class PreviewRequestOutput(StrEnum):
    JPEG = "jpeg"
    MP4 = "mp4"

    def __str__(self) -> str:
        return str(self.value)
