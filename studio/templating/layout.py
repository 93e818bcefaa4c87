"""Formats, platform safe zones, and relative boxes → output pixels.

Safe zones (fractions of the frame kept free of text because platform UI covers them):

- 9:16 1080x1920: top 0.13 (250 px), bottom 0.22 (422 px), left 0.06, right 0.14 (151 px).
  TikTok / Reels / Shorts put the account bar and tabs on top; caption, music and buttons at
  the bottom; the like/comment/share column on the right.
- 4:5 1080x1350: top 0.06, bottom 0.10, left/right 0.05 (feed; ad CTA bar at the bottom).
- 1:1 1080x1080: top 0.06, bottom 0.08, left/right 0.05 (feed; CTA bar at the bottom).
- 16:9 1920x1080: top 0.07, bottom 0.12, left/right 0.05 (YouTube: title, progress bar, skip).

Text layers place their relative box inside the safe zone by default (``area: safe``);
pictures and shapes use the whole frame (``area: frame``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio.render.plan import Box
from studio.templating.spec import RelBox


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    width: int
    height: int
    safe_top: float
    safe_bottom: float
    safe_left: float
    safe_right: float

    @property
    def orientation(self) -> str:
        if self.width == self.height:
            return "square"
        return "portrait" if self.height > self.width else "landscape"

    @property
    def short_side(self) -> int:
        return min(self.width, self.height)

    @property
    def safe_box(self) -> Box:
        x = round(self.width * self.safe_left)
        y = round(self.height * self.safe_top)
        return Box(
            x, y,
            round(self.width * (1 - self.safe_right)) - x,
            round(self.height * (1 - self.safe_bottom)) - y,
        )  # fmt: skip

    def frame_box(self) -> Box:
        return Box(0, 0, self.width, self.height)


FORMATS: dict[str, Format] = {
    "9:16": Format("9:16", 1080, 1920, 0.13, 0.22, 0.06, 0.14),
    "4:5": Format("4:5", 1080, 1350, 0.06, 0.10, 0.05, 0.05),
    "1:1": Format("1:1", 1080, 1080, 0.06, 0.08, 0.05, 0.05),
    "16:9": Format("16:9", 1920, 1080, 0.07, 0.12, 0.05, 0.05),
}


def get_format(key: str) -> Format:
    try:
        return FORMATS[key]
    except KeyError:
        raise ValueError(f"format {key!r}: choose one of {', '.join(FORMATS)}") from None


def pick_box(default: RelBox, by_format: Mapping[Any, RelBox], fmt: Format) -> RelBox:
    """The most specific box: exact format, then orientation, then the default."""
    return by_format.get(fmt.key) or by_format.get(fmt.orientation) or default


def to_pixels(rel: RelBox, area: Box) -> Box:
    """A relative box inside ``area`` in whole output pixels (at least 2x2)."""
    # round both edges (not the size) so boxes that meet in relative units meet in pixels
    x = area.x + round(rel.x * area.w)
    y = area.y + round(rel.y * area.h)
    w = max(2, area.x + round((rel.x + rel.w) * area.w) - x)
    h = max(2, area.y + round((rel.y + rel.h) * area.h) - y)
    return Box(x, y, w, h)


def place(default: RelBox, by_format: Mapping[Any, RelBox], area_name: str, fmt: Format) -> Box:
    area = fmt.safe_box if area_name == "safe" else fmt.frame_box()
    return to_pixels(pick_box(default, by_format, fmt), area)


def inside(inner: Box, outer: Box) -> bool:
    return (
        inner.x >= outer.x
        and inner.y >= outer.y
        and inner.x + inner.w <= outer.x + outer.w
        and inner.y + inner.h <= outer.y + outer.h
    )
