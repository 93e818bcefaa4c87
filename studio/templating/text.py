"""Text → RGBA pixels with Pillow: font fallback, wrapping, shrink-to-fit, ellipsis.

Product text never leaves this module as text: it becomes a PNG, and the renderer only sees
the PNG's path (a name the studio chose). Same text + style → byte-identical PNG.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from PIL import Image, ImageDraw

from studio.templating import fonts

ELLIPSIS = "…"
NO_LINE_START = set("，。！？、；：）」』】》,.!?;:)]}%")
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


@dataclass(frozen=True)
class TextStyle:
    size_px: int
    min_size_px: int
    family: str = "sans"
    bold: bool = True
    color: tuple[int, int, int, int] = (255, 255, 255, 255)
    stroke: tuple[int, int, int, int] | None = None
    shadow: bool = False
    align: str = "center"
    valign: str = "middle"
    max_lines: int = 3
    overflow: str = "shrink_then_ellipsis"
    line_spacing: float = 1.2


@dataclass(frozen=True)
class TextBlock:
    lines: tuple[str, ...]
    size_px: int
    truncated: bool


def clean_text(text: str, *, keep_newlines: bool = False) -> str:
    """Drop control and bidi-override characters; collapse whitespace per the layer's rule."""
    text = unicodedata.normalize("NFC", text).translate(_BIDI_CONTROLS)
    text = "".join(
        ch for ch in text if ch == "\n" or not unicodedata.category(ch).startswith("C")
        or ch in "\u200d\u200c"
    )
    if keep_newlines:
        lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n")]
        return "\n".join(line for line in lines if line)
    return re.sub(r"\s+", " ", text).strip()


def _runs(text: str, family: str, bold: bool) -> list[tuple[str, str]]:
    """Split into (font kind, text) runs; joiners and variation selectors stay with emoji."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        kind = fonts.font_kind(ch, family, bold)
        if ch in "\u200d\ufe0f" and runs:
            kind = runs[-1][0]
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + ch)
        else:
            runs.append((kind, ch))
    return runs


def _font(kind: str, style: TextStyle, size: int):  # type: ignore[no-untyped-def]
    if kind == "cjk":
        return fonts.cjk_font(style.bold, size, style.family)
    return fonts.main_font(style.family, style.bold, size)


def _basic_rtl(run: str) -> str:
    # without raqm Pillow draws logical order; reversing keeps Hebrew readable (no shaping)
    if fonts.HAS_RAQM or not any(fonts.is_rtl(c) for c in run):
        return run
    return run[::-1]


def measure(text: str, style: TextStyle, size: int) -> float:
    width = 0.0
    for kind, run in _runs(text, style.family, style.bold):
        if kind == "emoji":
            font = fonts.emoji_font()
            assert font is not None
            width += font.getlength(run) * size / fonts.EMOJI_NATIVE_SIZE
        else:
            width += _font(kind, style, size).getlength(_basic_rtl(run))
    return width


_UNIT = re.compile(
    r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef][，。！？、；：）」』】》]*"
    r"|\S+?(?=[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])"
    r"|\S+\s*|\s+"
)


def _units(text: str) -> list[str]:
    return _UNIT.findall(text)


def wrap(text: str, style: TextStyle, size: int, max_width: int) -> list[str]:
    """Greedy wrap: words for spaced scripts, characters for CJK, long words split."""
    return _wrap(text, style, size, max_width)[0]


def _wrap(text: str, style: TextStyle, size: int, max_width: int) -> tuple[list[str], bool]:
    """Lines, and whether a word had to be split (a reason to try a smaller size first)."""
    lines: list[str] = []
    split_word = False
    for paragraph in text.split("\n"):
        line = ""
        for unit in _units(paragraph):
            candidate = line + unit
            if measure(candidate.rstrip(), style, size) <= max_width:
                line = candidate
                continue
            if line.strip():
                lines.append(line.rstrip())
                line = ""
            unit = unit.lstrip() if not line else unit
            while measure(unit.rstrip(), style, size) > max_width and len(unit) > 1:
                split_word = True
                cut = _longest_prefix(unit, style, size, max_width)
                lines.append(unit[:cut])
                unit = unit[cut:]
            line = unit
        if line.strip():
            lines.append(line.rstrip())
    return lines, split_word


def _longest_prefix(text: str, style: TextStyle, size: int, max_width: int) -> int:
    lo, hi = 1, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid], style, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _line_height(size: int, style: TextStyle) -> int:
    return max(1, round(size * style.line_spacing))


def _with_ellipsis(line: str, style: TextStyle, size: int, max_width: int) -> str:
    line = line.rstrip(" ,.;:，。")
    while line and measure(line + ELLIPSIS, style, size) > max_width:
        line = line[:-1].rstrip(" ,.;:，。")
    return line + ELLIPSIS


def layout(text: str, style: TextStyle, box_w: int, box_h: int) -> TextBlock:
    """Choose size and lines by the overflow rule; the box is a hard limit in every rule."""
    floor = style.min_size_px
    if style.overflow == "ellipsis":
        floor = style.size_px
    elif style.overflow == "shrink":
        floor = min(style.min_size_px, 14)
    size = style.size_px
    while True:
        lines, split_word = _wrap(text, style, size, box_w)
        fits_lines = box_h // _line_height(size, style)  # 0: even one line is too tall
        allowed = min(style.max_lines, fits_lines)
        if (len(lines) <= allowed and not split_word) or size <= floor:
            break
        size = max(floor, int(size * 0.92))
    allowed = max(1, allowed)
    if len(lines) <= allowed:
        return TextBlock(tuple(lines), size, False)
    kept = lines[:allowed]
    kept[-1] = _with_ellipsis(kept[-1], style, size, box_w)
    return TextBlock(tuple(kept), size, True)


def _draw_run_emoji(canvas: Image.Image, run: str, x: float, baseline: float, size: int) -> float:
    font = fonts.emoji_font()
    assert font is not None
    left, top, right, bottom = font.getbbox(run, mode="RGBA")
    native = Image.new("RGBA", (max(1, int(right)), max(1, int(bottom))), (0, 0, 0, 0))
    ImageDraw.Draw(native).text((0, 0), run, font=font, embedded_color=True)
    scale = size / fonts.EMOJI_NATIVE_SIZE
    width = font.getlength(run) * scale
    scaled = native.resize(
        (max(1, round(native.width * scale)), max(1, round(native.height * scale))),
        Image.Resampling.LANCZOS,
    )
    # emoji sit on the baseline like a capital letter with a small descent
    top_y = round(baseline - scaled.height * 0.88)
    canvas.alpha_composite(scaled, (round(x), max(0, top_y)))
    return width


def draw_lines(block: TextBlock, style: TextStyle, box_w: int, box_h: int) -> Image.Image:
    """The block drawn in a transparent box_w x box_h image, aligned per the style."""
    canvas = Image.new("RGBA", (box_w, box_h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    size = block.size_px
    line_h = _line_height(size, style)
    block_h = line_h * len(block.lines)
    top = {"top": 0, "middle": (box_h - block_h) / 2, "bottom": box_h - block_h}[style.valign]
    ascent = fonts.main_font(style.family, style.bold, size).getmetrics()[0]
    stroke_w = max(1, size // 18) if style.stroke else 0
    for index, line in enumerate(block.lines):
        width = measure(line, style, size)
        x = {"left": 0.0, "center": (box_w - width) / 2, "right": box_w - width}[style.align]
        baseline = top + index * line_h + (line_h - size) / 2 + ascent * 0.95
        runs = _runs(line, style.family, style.bold)
        if fonts.HAS_RAQM and runs and any(fonts.is_rtl(c) for c in line[:8]):
            runs.reverse()  # right-to-left line: runs go right to left; raqm orders within
        for kind, run in runs:
            if kind == "emoji":
                x += _draw_run_emoji(canvas, run, x, baseline, size)
                continue
            font = _font(kind, style, size)
            text = _basic_rtl(run)
            if style.shadow:
                offset = max(2, size // 20)
                draw.text((x + offset, baseline + offset), text, font=font, anchor="ls",
                          fill=(0, 0, 0, 150))
            draw.text((x, baseline), text, font=font, anchor="ls", fill=style.color,
                      stroke_width=stroke_w, stroke_fill=style.stroke)
            x += font.getlength(text)
    return canvas


def render_text(
    text: str, style: TextStyle, box_w: int, box_h: int
) -> tuple[Image.Image, TextBlock]:
    block = layout(text, style, box_w, box_h)
    return draw_lines(block, style, box_w, box_h), block
