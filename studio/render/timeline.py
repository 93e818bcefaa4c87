"""Scenes joined into one video: frame counts, transitions, video-level overlays.

``xfade`` in ffmpeg 5.1 only takes 4:4:4/RGB/gray frames, so it runs only over the
transition frames (tail of one scene + head of the next, plane by plane as gray pictures)
and the pieces are joined with ``concat``: the other frames are never converted.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.render import ff
from studio.render.geometry import Canvas
from studio.render.plan import Overlay, RenderPlan
from studio.render.scenes import RenderError, blend, place, trim

SMOOTH_JOINS = {"cut", "fade"}  # joins under which a full-length overlay looks the same per scene


@dataclass(frozen=True, slots=True)
class Timeline:
    scene_frames: tuple[int, ...]
    join_frames: tuple[int, ...]  # frames shared by scene i and i + 1 (0 for a cut)
    fps: int

    @property
    def total(self) -> int:
        return sum(self.scene_frames) - sum(self.join_frames)

    @property
    def duration(self) -> float:
        return self.total / self.fps

    def scene_start(self, index: int) -> float:
        """Seconds on the final timeline where scene ``index`` begins."""
        frames = sum(self.scene_frames[:index]) - sum(self.join_frames[:index])
        return frames / self.fps


def plan_timeline(plan: RenderPlan, fps: int) -> Timeline:
    if not plan.scenes:
        raise RenderError("the plan has no scenes; add at least one scene")
    if len(plan.transitions) > len(plan.scenes) - 1:
        raise RenderError(
            f"the plan has {len(plan.transitions)} transitions for {len(plan.scenes)} scenes; "
            "give one transition per join between scenes (or fewer: the rest are cuts)"
        )
    frames = [round(scene.duration * fps) for scene in plan.scenes]
    joins = [0 if t.kind == "cut" else round(t.duration * fps) for t in plan.transitions]
    joins += [0] * (len(plan.scenes) - 1 - len(joins))
    # per-scene rounding must not drift from the plan's total length
    frames[-1] += round(plan.duration * fps) - (sum(frames) - sum(joins))
    for i, count in enumerate(frames):
        shared = (joins[i - 1] if i > 0 else 0) + (joins[i] if i < len(joins) else 0)
        if count < max(1, shared):
            raise RenderError(
                f"scene {i + 1} lasts {plan.scenes[i].duration:.3f} s, shorter than its "
                "transitions; make the scene longer or the transitions shorter"
            )
    return Timeline(tuple(frames), tuple(joins), fps)


def crossed(a: ff.Stream, b: ff.Stream, kind: str, seconds: float) -> ff.Stream:
    """xfade plane by plane: each plane is a gray picture xfade accepts, so the 4:2:0 frames
    are never upsampled to 4:4:4 and back (that conversion cost more than the mixing)."""
    mixed = [
        ff.merge([pa, pb], "xfade", transition=kind, duration=seconds, offset=0)
        for pa, pb in zip(ff.planes(a), ff.planes(b), strict=True)
    ]
    return ff.merge(mixed, "mergeplanes", "0x001020", "yuv420p")


def join(scenes: list[ff.Stream], plan: RenderPlan, timeline: Timeline) -> ff.Stream:
    segments: list[ff.Stream] = []
    carried_tail: ff.Stream | None = None
    fps = timeline.fps
    for i, scene in enumerate(scenes):
        n = timeline.scene_frames[i]
        head = timeline.join_frames[i - 1] if i > 0 else 0
        tail = timeline.join_frames[i] if i < len(scenes) - 1 else 0
        ranges = [(0, head), (head, n - tail), (n - tail, n)]
        wanted = [(a, b) for a, b in ranges if b > a]
        parts = dict(zip(wanted, ff.split(scene, len(wanted)), strict=True))
        pieces = {r: trim(parts[r], *r) if len(wanted) > 1 else parts[r] for r in wanted}
        if head:
            kind = plan.transitions[i - 1].kind
            segments.append(crossed(carried_tail, pieces[(0, head)], kind, head / fps))
        if n - tail > head:
            segments.append(pieces[(head, n - tail)])
        carried_tail = pieces[(n - tail, n)] if tail else None
    video = ff.concat(segments) if len(segments) > 1 else segments[0]
    return video.filter("trim", end_frame=timeline.total)


def pushed_down(plan: RenderPlan) -> tuple[tuple[Overlay, ...], tuple[Overlay, ...]]:
    """Split video-level overlays into (drawn into every scene, drawn over the joined video).

    An overlay shown the whole video without fades looks the same drawn into each scene when
    scenes only cut or cross-fade (a fade of identical pixels is those pixels), and there it
    can be composed once per scene instead of blended on every frame.
    """
    if any(t.kind not in SMOOTH_JOINS for t in plan.transitions):
        return (), plan.overlays
    everywhere: list[Overlay] = []
    timed: list[Overlay] = []
    for overlay in plan.overlays:
        whole = overlay.start <= 0 and (overlay.end is None or overlay.end >= plan.duration)
        still = overlay.fade_in <= 0 and overlay.fade_out <= 0
        # keep z-order: once one overlay is drawn on top, later ones must be too
        if whole and still and not timed:
            everywhere.append(Overlay(overlay.image, overlay.x, overlay.y))
        else:
            timed.append(overlay)
    return tuple(everywhere), tuple(timed)


def video_overlays(
    video: ff.Stream, overlays: tuple[Overlay, ...], timeline: Timeline,
    canvas: Canvas, stills: ff.Stills,
) -> ff.Stream:
    for number, overlay in enumerate(overlays, start=1):
        placed = place(overlay, canvas, f"video overlay {number}")
        first = max(0, round(overlay.start * timeline.fps))
        end = timeline.total if overlay.end is None else round(overlay.end * timeline.fps)
        end = min(end, timeline.total)
        if end <= first:
            continue
        video = blend(video, placed, stills, canvas, first, end, timeline.total)
    return video
