"""Badges, buttons, shapes, photo overlays and scene backgrounds, drawn with Pillow."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from studio.templating import fonts
from studio.templating.text import TextStyle, measure

RGBA = tuple[int, int, int, int]


def parse_color(value: str, *, where: str = "color") -> RGBA:
    text = value.strip()
    if not (text.startswith("#") and len(text) in (7, 9)):
        raise ValueError(f"{where}: {value!r} is not a colour; write #RRGGBB or #RRGGBBAA")
    try:
        r, g, b = (int(text[i : i + 2], 16) for i in (1, 3, 5))
        a = int(text[7:9], 16) if len(text) == 9 else 255
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a colour; write #RRGGBB") from None
    return (r, g, b, a)


def _fit_size(parts: list[tuple[str, float]], style: TextStyle, budget: float, start: int) -> int:
    """The largest font size at which the parts (text, relative size) fit ``budget`` px."""
    size = start
    while size > 10:
        total = sum(measure(text, style, max(8, round(size * rel))) for text, rel in parts)
        if total <= budget:
            return size
        size = int(size * 0.93)
    return size


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int,
          fill: RGBA, anchor: str = "ls", family: str = "sans") -> None:
    font = fonts.main_font(family, True, size)
    draw.text(xy, text, font=font, fill=fill, anchor=anchor)


def price_badge(price: str, compare_at: str, discount: int, w: int, h: int, *, shape: str,
                color: RGBA, background: RGBA, accent: RGBA,
                family: str = "sans") -> Image.Image:
    """Price large; compare-at price struck through; ``-NN%`` on an accent pill."""
    canvas = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    style = TextStyle(size_px=h, min_size_px=10, family=family)
    off = f"-{discount}%" if discount else ""
    if shape == "circle":
        d = min(w, h)
        x0, y0 = (w - d) // 2, (h - d) // 2
        draw.ellipse((x0, y0, x0 + d, y0 + d), fill=background)
        big = _fit_size([(price, 1.0)], style, d * 0.78, round(d * 0.3))
        _text(draw, (w / 2, h / 2 + big * 0.35), price, big, color, "ms", family)
        if compare_at:
            small = max(10, round(big * 0.45))
            y = h / 2 - big * 0.55
            _struck(draw, (w / 2, y), compare_at, small, color, style)
        if off:
            small = max(10, round(big * 0.5))
            _text(draw, (w / 2, h / 2 + big * 0.35 + small * 1.3), off, small, accent, "ms",
                  family)
        return canvas
    pad = h * 0.18
    parts = [(price, 1.0)] + ([(compare_at, 0.5)] if compare_at else []) + (
        [(off, 0.5)] if off else [])
    gaps = (len(parts) - 1) * h * 0.25 + 2 * pad + (h * 0.3 if off else 0)
    big = min(round(h * 0.62), _fit_size(parts, style, w - gaps, round(h * 0.62)))
    widths = [measure(t, style, max(8, round(big * r))) for t, r in parts]
    total = sum(widths) + gaps
    x = (w - total) / 2
    radius = h // 2 if shape == "pill" else h // 8
    draw.rounded_rectangle((x, 0, x + total, h - 1), radius=radius, fill=background)
    baseline = h / 2 + big * 0.36
    cursor = x + pad
    _text(draw, (cursor, baseline), price, big, color, family=family)
    cursor += widths[0] + h * 0.25
    if compare_at:
        small = max(8, round(big * 0.5))
        _struck(draw, (cursor + widths[1] / 2, baseline), compare_at, small,
                (*color[:3], 210), style)
        cursor += widths[1] + h * 0.25
    if off:
        small = max(8, round(big * 0.5))
        pill_w = widths[-1] + h * 0.3
        top, bottom = h / 2 - small * 0.8, h / 2 + small * 0.8
        draw.rounded_rectangle((cursor, top, cursor + pill_w, bottom), radius=small * 0.4,
                               fill=accent)
        text_color = (20, 20, 20, 255) if sum(accent[:3]) > 380 else (255, 255, 255, 255)
        _text(draw, (cursor + pill_w / 2, h / 2), off, small, text_color, "mm", family)
    return canvas


def _struck(draw: ImageDraw.ImageDraw, center_baseline: tuple[float, float], text: str,
            size: int, fill: RGBA, style: TextStyle) -> None:
    cx, baseline = center_baseline
    width = measure(text, style, size)
    _text(draw, (cx, baseline), text, size, fill, "ms", style.family)
    y = baseline - size * 0.35
    draw.line((cx - width / 2 - 2, y, cx + width / 2 + 2, y), fill=fill,
              width=max(2, size // 10))


def shape(kind: str, w: int, h: int, color: RGBA, *, color2: RGBA | None = None,
          opacity: float = 1.0, direction: str = "down") -> Image.Image:
    canvas = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    alpha = round(color[3] * opacity)
    fill = (*color[:3], alpha)
    draw = ImageDraw.Draw(canvas)
    if kind == "rect":
        draw.rectangle((0, 0, w - 1, h - 1), fill=fill)
    elif kind == "rounded_rect":
        draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=min(w, h) // 5, fill=fill)
    elif kind == "circle":
        draw.ellipse((0, 0, w - 1, h - 1), fill=fill)
    else:  # gradient: colour fading to color2 (default: transparent) along the direction
        end = color2 or (*color[:3], 0)
        end_alpha = round(end[3] * opacity)
        for row in range(h):
            t = row / max(1, h - 1)
            t = 1 - t if direction == "up" else t
            px = tuple(round(a + (b - a) * t) for a, b in zip(fill, (*end[:3], end_alpha),
                                                               strict=True))
            draw.line((0, row, w, row), fill=px)
    return canvas


def button(text: str, w: int, h: int, color: RGBA, background: RGBA,
           family: str = "sans") -> Image.Image:
    canvas = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    style = TextStyle(size_px=h, min_size_px=10, family=family)
    size = _fit_size([(text, 1.0)], style, w - h, round(h * 0.45))
    width = min(w, measure(text, style, size) + h * 1.2)
    x0 = (w - width) / 2
    draw.rounded_rectangle((x0, 0, x0 + width, h - 1), radius=h // 2, fill=background)
    from studio.templating.text import TextBlock, draw_lines

    label = draw_lines(TextBlock((text,), size, False),
                       TextStyle(size_px=size, min_size_px=size, color=color, family=family),
                       w, h)
    canvas.alpha_composite(label)
    return canvas


def fitted(photo: Image.Image, w: int, h: int, fit: str) -> Image.Image:
    if fit == "cover":
        return ImageOps.fit(photo, (w, h), Image.Resampling.LANCZOS)
    return ImageOps.contain(photo, (w, h), Image.Resampling.LANCZOS)


def photo_overlay(photo: Image.Image, w: int, h: int, *, fit: str, rounded: float,
                  border: RGBA | None) -> Image.Image:
    pic = fitted(photo.convert("RGBA"), w, h, fit)
    if rounded:
        mask = Image.new("L", pic.size, 0)
        radius = round(min(pic.size) * rounded)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, pic.width - 1, pic.height - 1),
                                               radius=radius, fill=255)
        pic.putalpha(mask)
    if border:
        ImageDraw.Draw(pic).rounded_rectangle(
            (0, 0, pic.width - 1, pic.height - 1), radius=round(min(pic.size) * rounded),
            outline=border, width=max(3, min(pic.size) // 80))
    canvas = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    canvas.alpha_composite(pic, ((w - pic.width) // 2, (h - pic.height) // 2))
    return canvas


def background(w: int, h: int, color: RGBA, color2: RGBA | None) -> Image.Image:
    if color2 is None:
        return Image.new("RGB", (w, h), color[:3])
    column = Image.linear_gradient("L").resize((1, h))
    top = Image.new("RGB", (1, h), color[:3])
    bottom = Image.new("RGB", (1, h), color2[:3])
    return Image.composite(bottom, top, column).resize((w, h))


def blurred_fill(photo: Image.Image, w: int, h: int) -> Image.Image:
    """The photo cover-fitted, blurred and dimmed: the backdrop for a contain-fitted photo."""
    small = ImageOps.fit(photo.convert("RGB"), (max(8, w // 8), max(8, h // 8)),
                         Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(radius=max(2, min(small.size) // 25)))
    big = small.resize((w, h), Image.Resampling.BICUBIC)
    return Image.blend(big, Image.new("RGB", (w, h), (0, 0, 0)), 0.25)
