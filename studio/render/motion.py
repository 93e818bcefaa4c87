"""Ken Burns frames, exact to a fraction of a pixel, streamed into ffmpeg.

ffmpeg's ``zoompan`` crops whole pixels, so a slow zoom stalls and jumps; ``perspective`` is
smooth but costs ~28 ms a frame. Here each frame is an affine warp (scale + sub-pixel shift) of
the photo's planes (``pixels.warp``: OpenCV, ~0.7 ms for a 1080x1080 yuv420p frame where
Pillow's ``resize(box=...)`` took ~8 ms), written into the scene's still in place: ffmpeg gets
whole finished frames of the scene (see ``scene_frames`` and RENDER-NOTES.md).

The photo is scaled once to the size it needs at minimum zoom and converted once to
limited-range BT.709 Y'CbCr planes, the same conversion the scene's still gets, so the moving
rectangle and its surroundings match. Each frame then resamples the three planes (bilinear,
enlarging by at most the zoom range).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from studio.render.blending import DrawnOverlay, TimedOverlay
from studio.render.geometry import Window, base_window, ken_burns_progress, window_at
from studio.render.pixels import FramePool, Planes, cv2, scaled, warp, yuv420
from studio.render.plan import Box, KenBurns
from studio.render.stills import reduced


@dataclass(frozen=True, slots=True)
class MotionLayer:
    """One photo moving inside ``rect`` (output pixels) for ``frames`` frames."""

    image: Path
    rect: Box
    motion: KenBurns | None
    frames: int


class KenBurnsFrames:
    """The photo of one :class:`MotionLayer`, prepared once, and its frames."""

    def __init__(self, layer: MotionLayer) -> None:
        self.layer = layer
        rect = layer.rect
        zooms = [1.0]
        if layer.motion is not None:
            zooms = [layer.motion.start_zoom, layer.motion.end_zoom]
        with Image.open(layer.image) as photo:
            self.photo_w, self.photo_h = photo.size
            base_w, _ = base_window(self.photo_w, self.photo_h, rect)
            need = min(zooms) * rect.w / base_w
            # JPEG can decode at 1/2, 1/4, 1/8 size: much faster for previews and big photos;
            # a huge picture in another format is box-reduced right after its decode
            target = (round(self.photo_w * need), round(self.photo_h * need))
            photo.draft("RGB", target)
            small = reduced(photo, target)
            small.load()
        del photo  # a full decode that was reduced goes now, before any copy of it is made
        # convert() to the same mode is a full copy (10 MB for a 1600x1600 photo)
        rgb = small if small.mode == "RGB" else small.convert("RGB")
        del small
        # the size at which the least-zoomed window maps 1:1 onto the rectangle: every frame
        # then enlarges slightly (two bilinear taps) instead of shrinking (three or four);
        # ~30% faster, and at a 1.0→1.1 zoom the softening is below what bilinear sub-pixel
        # placement costs anyway
        factor = min(zooms) * rect.w / base_w
        size = (max(2, round(self.photo_w * factor)), max(2, round(self.photo_h * factor)))
        # every scene's photo is prepared at the start: drop each copy as soon as the next exists
        pixels = np.asarray(rgb)
        del rgb
        pixels = scaled(pixels, size)
        self.fx = size[0] / self.photo_w
        self.fy = size[1] / self.photo_h
        # chroma is averaged down to 4:2:0 once; its windows are the luma windows halved
        self.y, self.cb, self.cr = yuv420(pixels)
        self.cfx = self.cb.shape[1] / size[0]
        self.cfy = self.cb.shape[0] / size[1]

    def window(self, frame: int) -> Window:
        progress = ken_burns_progress(frame, self.layer.frames)
        return window_at(self.photo_w, self.photo_h, self.layer.rect, self.layer.motion, progress)

    def warp_into(self, index: int, out: Planes) -> None:
        """Frame ``index`` of the moving photo, written into ``out`` (views of the frame)."""
        rect = self.layer.rect
        luma_box = self.window(index).scaled(self.fx, self.fy)
        chroma_box = luma_box.scaled(self.cfx, self.cfy)
        warp(self.y, luma_box, (rect.w, rect.h), out=out[0])
        warp(self.cb, chroma_box, (rect.w // 2, rect.h // 2), out=out[1])
        warp(self.cr, chroma_box, (rect.w // 2, rect.h // 2), out=out[2])


# a scene's photo, ready to move, its still, and the overlays drawn frame by frame that show
# in the frame
Prepared = tuple[KenBurnsFrames, Planes, tuple[DrawnOverlay, ...]]


@dataclass(frozen=True, slots=True)
class MovingScene:
    """What ``joined_frames`` makes a scene from."""

    layer: MotionLayer
    compose: Callable[[], Image.Image]  # the still
    overlays: tuple[TimedOverlay, ...] = ()  # drawn over every frame, in this order


def prepare_scene(scene: MovingScene) -> Prepared:
    """The photo (the biggest transient: a full decode) first, then the still, the overlays."""
    photo = KenBurnsFrames(scene.layer)
    still = next(still_frame(scene.compose))
    height, width = still[0].shape
    drawn = (DrawnOverlay.of(o, width, height) for o in scene.overlays)
    return photo, still, tuple(d for d in drawn if d is not None)


def scene_frames(
    scene: MovingScene, prepared: Prepared | None = None, pool: FramePool | None = None
) -> Generator[Planes, None, None]:
    """Every frame of a scene whose photo moves: the scene's still (``compose``), converted
    once, with the photo warped into its rectangle in place for each frame.

    The same buffers are yielded every time: the consumer (the pipe's pump, or the encoder,
    which copies a frame into its own before it asks for the next) is done with a frame
    before the next one is made. With a ``pool`` the still is copied once into one of its
    buffers (an encoder's own frame: the warps then write straight into what it encodes),
    given back when the scene ends. Whole frames from Python cost a little more pipe traffic
    than the moving rectangle alone, but ffmpeg then needs no ``loop``/``vstack`` copies and
    keeps no frame pools per scene (~40 MB less, and fewer copies in all)."""
    photo, frame, overlays = prepared or prepare_scene(scene)
    del prepared
    if pool is not None:
        still, frame = frame, pool.acquire()
        for target, source in zip(frame, still, strict=True):
            np.copyto(target, source)
        del still
    try:
        yield from _moving(scene, photo, frame, overlays)
    finally:
        if pool is not None:
            pool.release(frame)


def _moving(
    scene: MovingScene, photo: KenBurnsFrames, frame: Planes,
    overlays: tuple[DrawnOverlay, ...],
) -> Iterator[Planes]:  # fmt: skip
    rect = scene.layer.rect
    x, y, w, h = rect.x, rect.y, rect.w, rect.h
    inside = (frame[0][y:y + h, x:x + w],
              frame[1][y // 2:(y + h) // 2, x // 2:(x + w) // 2],
              frame[2][y // 2:(y + h) // 2, x // 2:(x + w) // 2])
    # an overlay is drawn into the reused buffer: what it covers of the still is put back
    # before each frame (the photo's rectangle is rewritten anyway)
    under = [(views, tuple(v.copy() for v in views))
             for views in (overlay.views(frame) for overlay in overlays)]
    for index in range(scene.layer.frames):
        for views, still in under:
            for view, saved in zip(views, still, strict=True):
                np.copyto(view, saved)
        photo.warp_into(index, inside)
        for overlay in overlays:
            overlay.draw(frame, index)
        yield frame


def joined_frames(
    scenes: Sequence[MovingScene], joins: Sequence[int], pool: FramePool | None = None
) -> Iterator[Planes]:
    """Every frame of a video whose scenes all move (``scene_frames``), cross-faded in Python.

    ``joins[i]``: frames shared by scene i and i + 1 (a fade), 0 for a cut. Frame ``k`` of a
    fade is ``(1 - k/d)·outgoing + (k/d)·incoming``, as ffmpeg's ``xfade=fade`` mixes them.
    Made in one stream, ffmpeg reads one pipe and needs no ``xfade``/``concat`` graph, only
    the frames of the video are piped (not both scenes' during a fade), and no scene waits in
    memory from the start: the next one is prepared on a helper thread while the current one
    plays (decoding and converting release the GIL), so the encoder is not left waiting at
    each change of scene.
    """
    with ThreadPoolExecutor(1, thread_name_prefix="render-next-scene") as ahead:
        yield from _joined(scenes, joins, ahead, pool)


def _joined(
    scenes: Sequence[MovingScene], joins: Sequence[int], ahead: ThreadPoolExecutor,
    pool: FramePool | None,
) -> Iterator[Planes]:  # fmt: skip
    cv = cv2()
    mixed: Planes | None = None
    outgoing: Generator[Planes, None, None] | None = None
    upcoming = ahead.submit(prepare_scene, scenes[0])
    for index, scene in enumerate(scenes):
        head = joins[index - 1] if index > 0 else 0
        tail = joins[index] if index < len(scenes) - 1 else 0
        try:
            prepared = upcoming.result()
        except Exception as exc:  # made on the helper thread: say which scene it was
            raise ValueError(f"scene {index + 1}, photo {scene.layer.image}: {exc}") from exc
        if index + 1 < len(scenes):
            upcoming = ahead.submit(prepare_scene, scenes[index + 1])
        incoming = scene_frames(scene, prepared, pool)
        del prepared  # the scene's generator holds what it needs, and lets go of the rest
        for k in range(scene.layer.frames - tail):
            frame = next(incoming)
            if k >= head or outgoing is None:
                yield frame
                continue
            old = next(outgoing)
            if mixed is None:
                mixed = pool.acquire() if pool is not None else FramePool(
                    frame[0].shape[1], frame[0].shape[0]).acquire()
            weight = k / head
            for a, b, out in zip(old, frame, mixed, strict=True):
                cv.addWeighted(a, 1.0 - weight, b, weight, 0.0, dst=out)
            yield mixed
        # a scene done with gives its buffer back to the pool (for the scene after next)
        if outgoing is not None:
            outgoing.close()
        outgoing = incoming if tail else None  # its last ``tail`` frames fade into the next
        if not tail:
            incoming.close()


def still_frame(compose: Callable[[], Image.Image]) -> Iterator[Planes]:
    """One yuv420p frame (limited-range BT.709) of the composed still (even sides).

    Every scene's still is made at the start (ffmpeg needs a first frame from each input),
    so its transient images are kept few: the RGB canvas goes as soon as it is converted."""
    canvas = compose()
    pixels = np.asarray(canvas)
    del canvas
    planes = yuv420(pixels)
    del pixels
    yield planes
