"""The product15 workload (issue 4, item 8), generated from scratch into a folder.

15 s, 1080x1920, 30 fps; four 1600x1600 product photos, each 3.75 s on screen with Ken Burns
1.0→1.1 over a blurred background, 0.5 s crossfades, a title on top and a price badge at the
bottom throughout, a call to action in the last 3 s, background music.

Variants for the scaling benchmark (``bench/scaling.py``): longer (``seconds``: a multiple of
3.75 s, the four photos shown in turn) and other formats (``size``: the title stays at the
top, the badge and the call to action keep their distance from the bottom).
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from studio.render.plan import (
    AudioPlan,
    Box,
    KenBurns,
    OutputSpec,
    Overlay,
    PhotoLayer,
    RenderPlan,
    Scene,
    Transition,
)

WIDTH, HEIGHT, FPS = 1080, 1920, 30
PHOTO = 1600
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
PALETTE = [(214, 64, 52), (40, 120, 200), (236, 180, 40), (60, 160, 90)]
# each photo owns 3.75 s of the timeline; scenes overlap by the 0.5 s crossfades
SHOWN, FADE = 3.75, 0.5
TITLE_XY, BADGE_XY, CTA_XY = (40, 110), (290, 1560), (140, 1180)
FORMATS = {"9:16": (1080, 1920), "1:1": (1080, 1080), "4:5": (1080, 1350)}


@dataclass(frozen=True)
class Workload:
    plan: RenderPlan
    photos: tuple[Path, ...]
    title: Path
    badge: Path
    cta: Path
    music: Path


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def product_photo(path: Path, index: int) -> None:
    """A photo-like image: studio gradient, a product shape with highlights, fine texture."""
    rng = np.random.default_rng(index)
    yy, xx = np.mgrid[0:PHOTO, 0:PHOTO].astype(np.float32) / PHOTO
    base = np.array(PALETTE[index], dtype=np.float32)
    backdrop = 235 - 60 * yy[..., None] + 10 * np.sin(xx[..., None] * 6.0)
    image = np.clip(backdrop + rng.normal(0, 6, (PHOTO, PHOTO, 1)), 0, 255)
    img = Image.fromarray(np.repeat(image, 3, axis=2).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    draw.ellipse((350, 1180, 1250, 1320), fill=(120, 120, 120))
    draw.rounded_rectangle((450, 300, 1150, 1250), radius=120, fill=tuple(int(c) for c in base))
    draw.ellipse((560, 380, 760, 700), fill=tuple(min(255, int(c * 1.5) + 40) for c in base))
    for k in range(12):
        y = 420 + k * 65
        draw.line((480, y, 1120, y + 20), fill=tuple(int(c * 0.7) for c in base), width=3)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    noise = rng.normal(0, 4, (PHOTO, PHOTO, 3))
    arr = np.clip(np.asarray(img, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    Image.fromarray(arr).save(path, quality=90)


def text_card(path: Path, size: tuple[int, int], text: str, fill: tuple[int, int, int, int],
              color: tuple[int, int, int], points: int) -> None:
    card = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle((0, 0, size[0] - 1, size[1] - 1), radius=size[1] // 4, fill=fill)
    draw.text((size[0] // 2, size[1] // 2), text, font=font(points), fill=color, anchor="mm")
    card.save(path)


def music(path: Path, seconds: float = 16.0, rate: int = 48000) -> None:
    t = np.arange(int(seconds * rate)) / rate
    chord = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 277.18, 329.63))
    beat = 0.6 + 0.4 * (np.sin(2 * np.pi * 2 * t) > 0)
    left = 0.18 * chord * beat
    right = 0.18 * np.roll(chord, 240) * beat
    pcm = (np.stack([left, right], axis=1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())


def build(folder: Path, *, seconds: float = 15.0, size: tuple[int, int] = (WIDTH, HEIGHT),
          music_seconds: float = 16.0) -> Workload:
    folder.mkdir(parents=True, exist_ok=True)
    photos = tuple(folder / f"photo{i + 1}.jpg" for i in range(4))
    for i, photo in enumerate(photos):
        if not photo.exists():
            product_photo(photo, i)
    title, badge, cta, song = (folder / n for n in ("title.png", "badge.png", "cta.png",
                                                    "music.wav"))
    if not title.exists():
        text_card(title, (1000, 220), "Aurora Bottle 750 ml", (20, 20, 20, 190),
                  (255, 255, 255), 72)
    if not badge.exists():
        text_card(badge, (500, 220), "$24.99", (230, 40, 60, 255), (255, 255, 255), 110)
    if not cta.exists():
        text_card(cta, (800, 200), "Shop now →", (255, 255, 255, 235), (20, 20, 20), 90)
    if not song.exists():
        music(song, music_seconds)
    width, height = size
    count = round(seconds / SHOWN)
    # the first and last scenes share one fade, the others two: each is on screen 3.75 s
    lengths = [SHOWN + FADE / 2] + [SHOWN + FADE] * (count - 2) + [SHOWN + FADE / 2]
    zooms = KenBurns(start_zoom=1.0, end_zoom=1.1)
    scenes = tuple(
        Scene(duration=length,
              main=PhotoLayer(photos[i % 4], Box(0, 0, width, height), "contain_blur", zooms))
        for i, length in enumerate(lengths)
    )
    badge_xy = (BADGE_XY[0], height - (HEIGHT - BADGE_XY[1]))
    cta_xy = (CTA_XY[0], height - (HEIGHT - CTA_XY[1]))
    plan = RenderPlan(
        output=OutputSpec(width, height, FPS, crf=23, preset="veryfast", threads=2),
        scenes=scenes,
        transitions=tuple(Transition("fade", FADE) for _ in range(count - 1)),
        overlays=(
            Overlay(title, *TITLE_XY),
            Overlay(badge, *badge_xy),
            Overlay(cta, *cta_xy, start=count * SHOWN - 3.0, fade_in=0.3),
        ),
        audio=AudioPlan(music=song, music_fade_in=0.5, music_fade_out=1.0),
        metadata=(("comment", "creative=PRODUCT15"),),
    )
    return Workload(plan, photos, title, badge, cta, song)
