"""The local renderer: a :class:`~studio.render.plan.RenderPlan` → an MP4.

A slideshow whose scenes all move is made in Python and encoded in this process (PyAV's
libx264, ``encode.py``); any other plan is one ffmpeg process fed by Python (``video.py``).

``render_video(plan, path, progress=..., preview=...)`` renders; ``render_poster`` makes one
frame of a plan as a JPEG, ``extract_poster`` takes it from a finished video.
"""

from studio.render.plan import RenderPlan
from studio.render.scenes import RenderError
from studio.render.video import RenderResult, extract_poster, render_poster, render_video

__all__ = [
    "RenderError",
    "RenderPlan",
    "RenderResult",
    "extract_poster",
    "render_poster",
    "render_video",
]
