"""RenderPlan → MP4 (H.264 + AAC): one ffmpeg process, or the in-process encoder for a
slideshow made wholly in Python (``encode.py``); previews and posters."""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from studio.render import encode, ff
from studio.render.audio import ClipSound, soundtrack
from studio.render.blending import TimedOverlay
from studio.render.feeds import Feed
from studio.render.geometry import Canvas, even
from studio.render.motion import (
    MotionLayer,
    MovingScene,
    joined_frames,
    scene_frames,
    still_frame,
)
from studio.render.pixels import FramePool
from studio.render.plan import ClipLayer, Overlay, RenderPlan
from studio.render.process import Progress, ffmpeg_executable, run, temporary_target
from studio.render.scenes import RenderError, SceneParts, build_scene, place, scene_parts
from studio.render.stills import StillPlan, compose
from studio.render.timeline import Timeline, join, plan_timeline, pushed_down, video_overlays

PREVIEW_SCALE = 1 / 3
PREVIEW_FPS = 15
METADATA_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")
# same input → same bytes: no version strings or random ids, fixed encoder threads
BITEXACT = {"fflags": "+bitexact", "flags:v": "+bitexact", "flags:a": "+bitexact"}
COLOR_TAGS = {
    "colorspace": "bt709", "color_primaries": "bt709", "color_trc": "bt709", "color_range": "tv",
}
QUIET = ["-hide_banner", "-nostdin", "-loglevel", "error", "-nostats", "-progress", "pipe:1"]


@dataclass(frozen=True, slots=True)
class RenderResult:
    path: Path
    duration: float
    width: int
    height: int
    frames: int
    render_seconds: float


@dataclass
class Graph:
    video: ff.Stream
    audio: ff.Stream
    feeds: list[Feed]
    timeline: Timeline
    canvas: Canvas


def canvas_for(plan: RenderPlan, preview: bool) -> Canvas:
    out = plan.output
    if out.width < 16 or out.height < 16:
        raise RenderError(f"output size {out.width}x{out.height} is too small")
    if out.width % 2 or out.height % 2:
        raise RenderError(f"output size {out.width}x{out.height} must be even for H.264 4:2:0")
    if not preview:
        return Canvas(out.width, out.height, out.fps)
    return Canvas(even(out.width * PREVIEW_SCALE), even(out.height * PREVIEW_SCALE),
                  min(out.fps, PREVIEW_FPS), PREVIEW_SCALE)


class Feeds:
    """Raw-frame inputs made in Python; each owns a pipe until it is started or discarded."""

    def __init__(
        self, canvas: Canvas, *, counting: bool = False, pool: FramePool | None = None
    ) -> None:
        self.canvas = canvas
        self.counting = counting
        self.pool = pool  # the one feed's frame buffers (an encoder's own, in encode.py)
        # the pump starts feeds in this order, and every feed's first frame is made at the start
        # (ffmpeg needs one from each input): scenes with a moving photo, whose preparation is
        # the biggest transient (a full decode), go first, before plain stills wait in memory
        self.started: list[Feed] = []
        self._firsts = 0

    def _input(self, feed: Feed, width: int, height: int, *, first: bool = False) -> ff.Stream:
        if self.counting:  # the counting pass only needs the graph's shape
            feed.discard()
        elif first:
            self.started.insert(self._firsts, feed)
            self._firsts += 1
        else:
            self.started.append(feed)
        return ff.raw_video(feed.url, width, height, self.canvas.fps)

    def scene(self, plan: StillPlan, layer: MotionLayer) -> ff.Stream:
        moving = MovingScene(layer, partial(compose, plan))
        feed = Feed(f"the frames of {layer.image} moving", lambda: scene_frames(moving))
        return self._input(feed, plan.width, plan.height, first=True)

    def joined(self, parts: list[SceneParts], joins: tuple[int, ...]) -> ff.Stream:
        """The whole video from one feed: every scene made in Python, cut or cross-faded."""
        fps = self.canvas.fps
        scenes = [MovingScene(p.motion, partial(compose, p.still), p.timed_overlays(fps))
                  for p in parts if p.motion is not None]
        feed = Feed("the frames of the moving photos",
                    lambda: joined_frames(scenes, joins, self.pool))
        return self._input(feed, parts[0].still.width, parts[0].still.height, first=True)

    def still(self, plan: StillPlan) -> ff.Stream:
        names = ", ".join(str(layer.image) for layer in plan.layers) or "a plain colour"
        feed = Feed(f"the still of {names}", lambda: still_frame(lambda: compose(plan)))
        return self._input(feed, plan.width, plan.height)

    def discard(self) -> None:
        for feed in self.started:
            feed.discard()


@dataclass(frozen=True)
class Layout:
    """What a plan comes to before any graph: scenes, timeline, where overlays are drawn."""

    timeline: Timeline
    parts: list[SceneParts]
    timed: tuple[Overlay, ...]  # drawn over the joined video
    one_feed: bool  # every frame made in Python as one stream (``joined_frames``)


def layout(plan: RenderPlan, canvas: Canvas) -> Layout:
    timeline = plan_timeline(plan, canvas.fps)
    everywhere, timed = pushed_down(plan)
    parts = [
        scene_parts(scene, i, timeline.scene_frames[i], canvas, everywhere)
        for i, scene in enumerate(plan.scenes)
    ]
    # Ken Burns scenes joined by fades or cuts (a photo slideshow, like product15): one feed
    # from Python makes the whole video; anything else is joined in the filter graph
    one_feed = all(p.from_python for p in parts) and all(
        t.kind in ("fade", "cut") for t in plan.transitions
    )
    return Layout(timeline, parts, timed, one_feed)


def clip_sounds(plan: RenderPlan, timeline: Timeline) -> tuple[ClipSound, ...]:
    return tuple(
        ClipSound(scene.main.video, scene.main.loop, timeline.scene_start(i),
                  timeline.scene_frames[i] / timeline.fps)
        for i, scene in enumerate(plan.scenes)
        if isinstance(scene.main, ClipLayer) and scene.main.keep_audio
    )


def build_graph(plan: RenderPlan, canvas: Canvas) -> Graph:
    """The filter graph for ``plan``; the returned feeds own pipes (start or discard them)."""
    laid = layout(plan, canvas)
    timeline, parts = laid.timeline, laid.parts

    def assemble(stills: ff.Stills, feeds: Feeds) -> tuple[ff.Stream, ff.Stream]:
        if laid.one_feed:
            joined = feeds.joined(parts, timeline.join_frames).filter("setsar", 1)
        else:
            scenes = [build_scene(p, canvas, stills, feeds) for p in parts]
            joined = join(scenes, plan, timeline)
        video = video_overlays(joined, laid.timed, timeline, canvas, stills)
        # No final `copy` filter: it once kept every scene's frame pool from growing to the
        # encoder's depth (~40 MB a scene), but with one-frame input queues and the fixed
        # mmap threshold it saves ~7 MB and costs a 1.4 GB memcpy per product15 render.
        sounds = clip_sounds(plan, timeline)
        return video, soundtrack(plan.audio, timeline.duration, sounds)

    counting = ff.Stills(canvas.fps)
    assemble(counting, Feeds(canvas, counting=True))
    feeds = Feeds(canvas)
    try:
        video, audio = assemble(ff.Stills(canvas.fps, counting.counts), feeds)
    except BaseException:
        feeds.discard()
        raise
    return Graph(video, audio, feeds.started, timeline, canvas)


def output_options(plan: RenderPlan, preview: bool) -> dict[str, object]:
    out = plan.output
    return {
        "format": "mp4",
        "vcodec": "libx264",
        "preset": "ultrafast" if preview else out.preset,
        "crf": 30 if preview else out.crf,
        "threads": out.threads,
        "pix_fmt": "yuv420p",
        "movflags": "+faststart",
        "acodec": "aac",
        "audio_bitrate": "48k" if preview else out.audio_bitrate,
        # AAC costs as much as the rest of a preview: mono at 24 kHz is a quarter of that
        **({"ac": 1, "ar": 24000} if preview else {}),
        **COLOR_TAGS,
        **BITEXACT,
    }


def encode_job(
    plan: RenderPlan, canvas: Canvas, laid: Layout, preview: bool, executable: str, label: str,
    poster: tuple[Path, float | None] | None,
) -> encode.Job:  # fmt: skip
    """The one-feed slideshow as an in-process encode (``encode.py``), with the same settings
    as ``output_options`` gives the ffmpeg command."""
    timeline = laid.timeline
    pool = encode.EncoderFrames(canvas.width, canvas.height)
    feeds = Feeds(canvas, pool=pool)
    feeds.joined(laid.parts, timeline.join_frames)
    feed = feeds.started[0]
    feed.discard()  # no pipe: its frames are taken here
    overlays = []
    for number, overlay in enumerate(laid.timed, start=1):
        placed = place(overlay, canvas, f"video overlay {number}")
        first = max(0, round(overlay.start * timeline.fps))
        end = timeline.total if overlay.end is None else round(overlay.end * timeline.fps)
        end = min(end, timeline.total)
        if end > first:
            overlays.append(TimedOverlay(overlay.image, placed.at, placed.size, first, end,
                                         overlay.fade_in, overlay.fade_out, timeline.fps))
    options = output_options(plan, preview)
    video = {"preset": options["preset"], "crf": str(options["crf"]),
             "threads": options["threads"], "flags": "+bitexact", **COLOR_TAGS}
    sound: dict[str, object] = {
        k: options[k] for k in ("acodec", "audio_bitrate", "ac", "ar") if k in options}
    sound.update({"format": "mp4", "fflags": "+bitexact", "flags:a": "+bitexact"})
    audio = soundtrack(plan.audio, timeline.duration, clip_sounds(plan, timeline))
    quiet = ["-hide_banner", "-nostdin", "-loglevel", "error", "-nostats"]
    audio_args = ff.one_output_command(audio, encode.AUDIO_TARGET, output_options=sound,
                                       global_args=quiet, executable=executable)
    still = None
    if poster is not None:
        still = (poster_frame(timeline, poster[1]), ff.poster_from_stdin(
            canvas.width, canvas.height, str(poster[0]),
            global_args=["-hide_banner", "-loglevel", "error", "-nostats"],
            executable=executable))
    metadata = dict(plan.metadata)
    metadata_args(plan)  # the same checks on the keys
    return encode.Job(feed.frames(), feed.what, pool, timeline.total, canvas.fps,
                      tuple(overlays), video, metadata, audio_args, still, label)


def metadata_args(plan: RenderPlan) -> list[str]:
    args: list[str] = []
    for key, value in plan.metadata:
        if not METADATA_KEY.fullmatch(key):
            raise RenderError(f"metadata key {key!r} must be letters, digits or _")
        args += ["-metadata", f"{key}={value}"]
    return args


def poster_frame(timeline: Timeline, at: float | None) -> int:
    """The frame a poster shows: ``at`` seconds, by default a third in (at most 1 s), where
    the first scene is on screen and its entrance is over."""
    seconds = min(1.0, timeline.duration / 3) if at is None else at
    return min(max(0, round(seconds * timeline.fps)), timeline.total - 1)


def render_video(
    plan: RenderPlan,
    output: Path,
    *,
    progress: Progress | None = None,
    preview: bool = False,
    poster: Path | None = None,
    poster_at: float | None = None,
) -> RenderResult:
    """Render ``plan`` to ``output`` (MP4). Raises :class:`RenderError` with ffmpeg's reason.

    ``poster``: also write that frame (``poster_frame``) as a JPEG, from the same process
    (no second decode of the finished video). Nothing is ever left half-written at
    ``output`` or ``poster``. If ``progress`` raises, the render stops and the exception
    propagates (that is how a caller cancels).
    """
    started = time.perf_counter()
    output = Path(output)
    canvas = canvas_for(plan, preview)
    executable = ffmpeg_executable()
    extra = metadata_args(plan)
    label = "preview" if preview else "render"
    with contextlib.ExitStack() as targets:
        temp = targets.enter_context(temporary_target(output))
        poster_temp = targets.enter_context(temporary_target(Path(poster))) if poster else None
        laid = layout(plan, canvas)
        if laid.one_feed and encode.available():
            job = encode_job(plan, canvas, laid, preview, executable, label,
                             (poster_temp, poster_at) if poster_temp is not None else None)
            encode.encode(job, temp, progress)
            return RenderResult(output, laid.timeline.duration, canvas.width, canvas.height,
                                laid.timeline.total, time.perf_counter() - started)
        graph = build_graph(plan, canvas)
        try:
            video, picture = graph.video, None
            if poster_temp is not None:
                video, branch = ff.split(graph.video, 2)
                frame = poster_frame(graph.timeline, poster_at)
                one = branch.filter("trim", start_frame=frame, end_frame=frame + 1)
                picture = (ff.jpeg_range(one), str(poster_temp))
            args = ff.command(
                video, graph.audio, str(temp), output_options=output_options(plan, preview),
                extra_output_args=extra, global_args=QUIET, executable=executable,
                poster=picture,
            )
        except BaseException:
            for feed in graph.feeds:
                feed.discard()
            raise
        run(args, graph.feeds, frames=graph.timeline.total, fps=canvas.fps,
            progress=progress, label=label)
    return RenderResult(
        path=output,
        duration=graph.timeline.duration,
        width=canvas.width,
        height=canvas.height,
        frames=graph.timeline.total,
        render_seconds=time.perf_counter() - started,
    )


def render_poster(plan: RenderPlan, output_jpeg: Path, *, at: float = 0.0) -> Path:
    """One frame of the plan at ``at`` seconds as a JPEG, without encoding the video."""
    output_jpeg = Path(output_jpeg)
    canvas = canvas_for(plan, preview=False)
    executable = ffmpeg_executable()
    with temporary_target(output_jpeg) as temp:
        graph = build_graph(plan, canvas)
        frame = poster_frame(graph.timeline, at)
        single = graph.video.filter("trim", start_frame=frame, end_frame=frame + 1)
        try:
            args = ff.one_output_command(
                ff.jpeg_range(single),
                str(temp),
                output_options=ff.JPEG_FRAME,
                global_args=QUIET, executable=executable,
            )
        except BaseException:
            for feed in graph.feeds:
                feed.discard()
            raise
        run(args, graph.feeds, frames=graph.timeline.total, fps=canvas.fps, progress=None,
            label="poster")
    return output_jpeg


def extract_poster(video: Path, output_jpeg: Path, *, at: float = 0.0) -> Path:
    """A JPEG of a finished video's frame at ``at`` seconds (cheap: one seek, one decode)."""
    output_jpeg = Path(output_jpeg)
    with temporary_target(output_jpeg) as temp:
        args = ff.still_frame_command(Path(video), str(temp), at=at,
                                      executable=ffmpeg_executable())
        run(args, [], frames=1, fps=1, progress=None, label="poster")
    return output_jpeg
