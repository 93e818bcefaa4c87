"""RenderPlan: the seam between templates and the encoder.

The template engine (``studio.templating``) resolves a spec + product + format into a plan:
every size in output pixels, every text already rasterized to an RGBA PNG, every image
already checked and converted. The renderer (``studio.render``) turns one plan into one
video with ONE ffmpeg process. A plan is plain data, so tests can build one by hand and the
same plan always gives the same frames.

Times are seconds. Scene-level layer times are relative to the scene start; video-level
overlay times are on the final timeline (after transitions shorten it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Fit = Literal["cover", "contain_blur", "contain"]
TransitionKind = Literal[
    "cut", "fade", "slideleft", "slideright", "slideup", "wipeleft", "wiperight"
]


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in output pixels (top-left origin)."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True, slots=True)
class OutputSpec:
    width: int
    height: int
    fps: int = 30
    crf: int = 23
    preset: str = "veryfast"
    threads: int = 2
    audio_bitrate: str = "128k"


@dataclass(frozen=True, slots=True)
class KenBurns:
    """Zoom and pan of a photo inside its box, linear over the scene.

    Zoom 1.0 is the photo exactly fitted to its box by the layer's ``fit``; centres are the
    point of the photo (0..1 of its width/height) kept at the middle of the box.

    The zoom happens inside the fitted rectangle (the box for ``cover``; the contained photo's
    own rectangle for ``contain``/``contain_blur``): the picture grows, its frame does not.
    Zooms are 1.0..4.0; a centre is clamped so the window never leaves the photo. The
    renderer resamples every frame at sub-pixel precision (no whole-pixel stalls).
    """

    start_zoom: float = 1.0
    end_zoom: float = 1.1
    start_center: tuple[float, float] = (0.5, 0.5)
    end_center: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True, slots=True)
class PhotoLayer:
    """A still photo (an RGB file the template engine has already checked)."""

    image: Path
    box: Box
    fit: Fit = "contain_blur"
    ken_burns: KenBurns | None = None


@dataclass(frozen=True, slots=True)
class ClipLayer:
    """A video clip (an AI clip or a seller's clip), fitted into its box; looped if short."""

    video: Path
    box: Box
    fit: Fit = "cover"
    loop: bool = True
    keep_audio: bool = False


@dataclass(frozen=True, slots=True)
class Overlay:
    """A rasterized RGBA image (text, badge, logo, shape, caption) placed at (x, y)."""

    image: Path
    x: int
    y: int
    start: float = 0.0
    end: float | None = None  # None: until the end of its scene / the video
    fade_in: float = 0.0
    fade_out: float = 0.0


@dataclass(frozen=True, slots=True)
class Scene:
    duration: float
    background: Path | None = None  # a full-frame RGB still; None means plain colour
    background_color: str = "#000000"
    main: PhotoLayer | ClipLayer | None = None
    overlays: tuple[Overlay, ...] = ()


@dataclass(frozen=True, slots=True)
class Transition:
    kind: TransitionKind = "fade"
    duration: float = 0.5


@dataclass(frozen=True, slots=True)
class AudioPlan:
    music: Path | None = None
    music_volume: float = 0.8
    music_fade_in: float = 0.5
    music_fade_out: float = 1.0
    voiceover: Path | None = None
    voiceover_start: float = 0.0
    duck_music_under_voice: bool = True


@dataclass(frozen=True, slots=True)
class RenderPlan:
    output: OutputSpec
    scenes: tuple[Scene, ...]
    # transitions[i] joins scenes[i] and scenes[i + 1]
    transitions: tuple[Transition, ...] = ()
    overlays: tuple[Overlay, ...] = ()
    audio: AudioPlan = field(default_factory=AudioPlan)
    # written into the MP4 (e.g. {"comment": "creative=AB12CD"}); plain strings only
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def duration(self) -> float:
        total = sum(scene.duration for scene in self.scenes)
        return total - sum(t.duration for t in self.transitions if t.kind != "cut")
