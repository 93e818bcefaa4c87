"""Product15 as a straightforward MoviePy 2 composition: what most Python peers write.

Same content as the studio render: blurred cover backdrop, the photo contained and zoomed
1.0→1.1 (Ken Burns) inside its square, 0.5 s crossfades, title and price throughout, a CTA
fading in for the last 3 s, music with fades. Encoded with the same x264/AAC settings.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from moviepy import (
    AudioFileClip,
    CompositeVideoClip,
    ImageClip,
    afx,
    vfx,
)
from PIL import Image, ImageFilter
from workload import FPS, HEIGHT, SCENE_SECONDS, WIDTH, Workload

CROSSFADE = 0.5


def backdrop(photo: Path) -> np.ndarray:
    image = Image.open(photo).convert("RGB")
    scale = max(WIDTH / image.width, HEIGHT / image.height)
    size = (round(image.width * scale), round(image.height * scale))
    image = image.resize(size, Image.Resampling.LANCZOS)
    left, top = (size[0] - WIDTH) // 2, (size[1] - HEIGHT) // 2
    image = image.crop((left, top, left + WIDTH, top + HEIGHT))
    return np.asarray(image.filter(ImageFilter.GaussianBlur(24)))


def scene(photo: Path, seconds: float) -> CompositeVideoClip:
    back = ImageClip(backdrop(photo)).with_duration(seconds)
    side = WIDTH  # the photo is square: contained, it is WIDTH x WIDTH

    def zoom(t: float) -> float:
        return 1.0 + 0.1 * t / seconds

    moving = (ImageClip(str(photo)).resized((side, side)).resized(zoom)
              .with_position("center").with_duration(seconds))
    window = CompositeVideoClip([moving], size=(side, side)).with_duration(seconds)
    return CompositeVideoClip(
        [back, window.with_position((0, (HEIGHT - side) // 2))], size=(WIDTH, HEIGHT)
    ).with_duration(seconds)


def render(workload: Workload, out: Path) -> None:
    clips = []
    start = 0.0
    for i, (photo, seconds) in enumerate(zip(workload.photos, SCENE_SECONDS, strict=True)):
        clip = scene(photo, seconds).with_start(start)
        if i:
            clip = clip.with_effects([vfx.CrossFadeIn(CROSSFADE)])
        clips.append(clip)
        start += seconds - CROSSFADE
    total = start + CROSSFADE
    title = ImageClip(str(workload.title)).with_position((40, 110)).with_duration(total)
    badge = ImageClip(str(workload.badge)).with_position((290, 1560)).with_duration(total)
    cta = (ImageClip(str(workload.cta)).with_position((140, 1180)).with_start(12.0)
           .with_duration(total - 12.0).with_effects([vfx.CrossFadeIn(0.3)]))
    music = (AudioFileClip(str(workload.music)).with_duration(total)
             .with_effects([afx.AudioFadeIn(0.5), afx.AudioFadeOut(1.0)]))
    video = CompositeVideoClip([*clips, title, badge, cta], size=(WIDTH, HEIGHT))
    video = video.with_duration(total).with_audio(music)
    video.write_videofile(
        str(out), fps=FPS, codec="libx264", preset="veryfast", threads=2,
        ffmpeg_params=["-crf", "23", "-pix_fmt", "yuv420p", "-movflags", "+faststart"],
        audio_codec="aac", audio_bitrate="128k", logger=None,
    )
    video.close()
    music.close()
