"""Text rasterizing: wrap, shrink, ellipsis; CJK, emoji and right-to-left; same text, same PNG."""

from __future__ import annotations

import io

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from studio.templating import fonts
from studio.templating.text import TextStyle, clean_text, layout, render_text

STYLE = TextStyle(size_px=64, min_size_px=32, max_lines=3)


def ink(image: Image.Image) -> int:
    return int((np.asarray(image.getchannel("A")) > 0).sum())


def test_long_title_shrinks_then_truncates_with_ellipsis():
    block = layout("Waterproof " * 50, STYLE, 900, 300)
    assert block.truncated and block.lines[-1].endswith("…")
    assert len(block.lines) <= 3
    assert block.size_px == STYLE.min_size_px


def test_medium_title_shrinks_instead_of_truncating():
    text = "Ergonomic Bamboo Desk Organizer with Drawer and Phone Stand"
    block = layout(text, STYLE, 900, 200)
    assert not block.truncated
    assert " ".join(block.lines) == text
    assert block.size_px < STYLE.size_px


def test_ellipsis_rule_never_shrinks():
    style = TextStyle(size_px=64, min_size_px=32, max_lines=1, overflow="ellipsis")
    block = layout("A title far too long for one line of this box", style, 600, 100)
    assert block.size_px == 64 and block.truncated and len(block.lines) == 1


def test_single_long_word_is_split_only_at_the_smallest_size():
    block = layout("Supercalifragilisticexpialidocious", STYLE, 500, 300)
    assert block.size_px < STYLE.size_px


@pytest.mark.parametrize(
    "title",
    [
        "' : , ; [ ] = \\ % { }",
        "Line one\nline two\r\nline three",
        "不锈钢真空保温杯 500ml 保温12小时",
        "Summer sale 🔥👍🏽 👨‍👩‍👧 🇯🇵",
        "مرحبا بالعالم",
        "x" * 500,
        "\u202eevil\u202c override \x00\x07 controls",
    ],
)
def test_hostile_titles_render_inside_their_box(title):
    text = clean_text(title)
    image, block = render_text(text, STYLE, 900, 300)
    assert image.size == (900, 300)
    assert ink(image) > 200
    assert len(block.lines) <= STYLE.max_lines
    assert "\n" not in "".join(block.lines)
    assert "\u202e" not in text and "\x00" not in text


def test_newlines_kept_when_the_layer_says_so():
    text = clean_text("one\n\ntwo", keep_newlines=True)
    assert text == "one\ntwo"
    block = layout(text, STYLE, 900, 300)
    assert block.lines == ("one", "two")


def test_chinese_uses_the_cjk_font_not_missing_glyph_boxes():
    assert fonts.font_kind("保", "sans", True) == "cjk"
    real, _ = render_text("保温杯", STYLE, 600, 100)
    boxes, _ = render_text("\U0010fffd\U0010fffd\U0010fffd", STYLE, 600, 100)
    assert ink(real) > 500
    assert np.asarray(real).tobytes() != np.asarray(boxes).tobytes()


def test_emoji_are_drawn_in_colour():
    image, _ = render_text("😍", TextStyle(size_px=96, min_size_px=96), 200, 150)
    rgba = np.asarray(image).astype(int)
    visible = rgba[..., 3] > 200
    yellow = visible & (rgba[..., 0] > 200) & (rgba[..., 1] > 140) & (rgba[..., 2] < 120)
    assert yellow.sum() > 500, "the emoji should be drawn with its colour bitmap"


@pytest.mark.skipif(not fonts.HAS_RAQM, reason="needs Pillow with libraqm")
def test_hebrew_is_laid_out_right_to_left():
    style = TextStyle(size_px=64, min_size_px=64, align="left", valign="top")
    ours, _ = render_text("שלום", style, 400, 100)
    font = ImageFont.truetype(str(fonts.DEJAVU / "DejaVuSans-Bold.ttf"), 64,
                              layout_engine=ImageFont.Layout.BASIC)

    def mask(image: Image.Image) -> np.ndarray:
        alpha = image.getchannel("A")
        return np.asarray(alpha.crop(alpha.getbbox()).resize((150, 46))) > 128

    def basic(text: str) -> np.ndarray:
        ref = Image.new("RGBA", (400, 100), (0, 0, 0, 0))
        ImageDraw.Draw(ref).text((0, 0), text, font=font)
        return mask(ref)

    drawn = mask(ours)
    visual = (drawn == basic("םולש")).mean()  # letters in the order a reader sees them
    logical = (drawn == basic("שלום")).mean()  # letters in stored order (wrong for Hebrew)
    assert visual > 0.95
    assert visual > logical + 0.05


def test_same_text_same_png_bytes():
    def png() -> bytes:
        image, _ = render_text("Bamboo 竹 😍 مرحبا", STYLE, 900, 300)
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        return buffer.getvalue()

    assert png() == png()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300))
def test_any_unicode_title_renders_inside_its_box(title):
    text = clean_text(title)
    image, block = render_text(text or "-", STYLE, 700, 250)
    assert image.size == (700, 250)
    assert len(block.lines) <= STYLE.max_lines
