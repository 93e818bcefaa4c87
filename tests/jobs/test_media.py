"""The one ffmpeg/ffprobe runner and video probe (studio.media_tools): a finished render probed
without ffprobe, the configured binaries run by every caller, ffmpeg's complaint in the error;
and a generator's own poster used as it is."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from studio import media_tools
from studio.ai import clips as ai_clips
from studio.ai import features
from studio.config import get_settings
from studio.contracts import PluginError
from studio.jobs import media, pipeline
from studio.jobs.errors import PermanentError
from studio.media_tools import MediaInfo, MediaToolError
from studio.render.process import ffmpeg_executable
from studio.storage import open_storage

from .conftest import StudioEnv
from .helpers import requests_for, videos


def ffmpeg(output: Path, *args: str) -> Path:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args, str(output)], check=True)
    return output


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("clips")
    video = ["-f", "lavfi", "-i", "testsrc=s=320x240:r=25:d=3"]
    sound = ["-f", "lavfi", "-i", "sine=d=3"]
    h264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    made = {
        "with sound": ffmpeg(folder / "a.mp4", *video, *sound, *h264, "-c:a", "aac",
                             "-shortest"),
        "faststart, tall": ffmpeg(folder / "b.mp4", "-f", "lavfi", "-i",
                                  "testsrc=s=1080x1920:r=30:d=2.5", *h264,
                                  "-movflags", "+faststart"),
        "quicktime": ffmpeg(folder / "c.mov", *video, *h264),
    }
    # encoded with B-frames (an edit list), at an NTSC rate: what a provider's clip looks like
    made["ntsc, b-frames"] = ffmpeg(
        folder / "d.mp4", "-f", "lavfi", "-i", "testsrc=s=320x240:r=30000/1001:d=2", *sound,
        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-shortest")
    return made


@pytest.mark.parametrize("name", ["with sound", "faststart, tall", "quicktime",
                                  "ntsc, b-frames"])
def test_reading_the_mp4_gives_what_ffprobe_gives(clips: dict[str, Path], name: str) -> None:
    read = media_tools.read_mp4(clips[name])
    assert read is not None
    assert read == media_tools.probe_with_ffprobe(clips[name])
    assert read.fps in (25.0, 30.0, 29.97)


def test_a_truncated_mp4_is_left_to_ffprobe_which_refuses_it(clips: dict[str, Path],
                                                             tmp_path: Path) -> None:
    whole = clips["with sound"].read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole[: len(whole) // 2])
    assert media_tools.read_mp4(cut) is None
    with pytest.raises(PermanentError, match="cut.mp4 is not a playable video: ffprobe could "
                                             "not read cut.mp4: .*(moov|Invalid data)"):
        media.probe(cut)
    with pytest.raises(PluginError, match="ffprobe could not read cut.mp4"):
        ai_clips.probe(cut)  # the AI clips' probe is the same probe


def test_another_container_is_probed_by_ffprobe(tmp_path: Path) -> None:
    webm = ffmpeg(tmp_path / "clip.webm", "-f", "lavfi", "-i", "testsrc=s=64x48:r=10:d=1")
    assert media_tools.read_mp4(webm) is None
    assert media.probe(webm) == MediaInfo(1.0, 64, 48, False, 10.0)


def test_text_named_mp4_is_not_a_video(tmp_path: Path) -> None:
    fake = tmp_path / "fake.mp4"
    fake.write_text("<html>502 Bad Gateway</html>")
    with pytest.raises(PermanentError, match="fake.mp4"):
        media.probe(fake)


def test_the_configured_ffmpeg_is_the_one_every_part_runs(
        recorded_tools: Path, tmp_path: Path) -> None:
    build = recorded_tools.parent / "build"
    assert ffmpeg_executable() == str(build / "ffmpeg")  # the renderer's
    webm = ffmpeg(tmp_path / "clip.webm", "-f", "lavfi", "-i", "testsrc=s=64x48:r=10:d=1")
    recorded_tools.unlink(missing_ok=True)  # the clip was made by the test, not the studio

    media.probe(webm)  # not an MP4: ffprobe
    media.make_poster(webm, tmp_path / "poster.jpg", at=0.5)
    assert ai_clips.probe(webm).fps == 10.0
    measured = features.measure(webm)  # decodes frames with ffmpeg
    assert measured.width == 64 and measured.duration == 1.0
    calls = recorded_tools.read_text().splitlines()
    assert [call.split()[0] for call in calls] == ["ffprobe", "ffmpeg", "ffprobe", "ffprobe",
                                                   "ffmpeg"]
    assert all("clip.webm" in call for call in calls)


def test_ffmpeg_failing_says_why_with_the_tail_of_its_stderr(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))
    with pytest.raises(MediaToolError) as caught:
        media_tools.run("ffmpeg", ["-i", str(broken), "-f", "null", "-"],
                        what="decode broken.mp4")
    message = str(caught.value)
    last_line = caught.value.stderr.strip().splitlines()[-1].strip()
    assert message.startswith("ffmpeg could not decode broken.mp4: ")
    assert message.endswith(last_line) and "Invalid data" in message
    assert caught.value.returncode not in (0, None)
    # the callers keep it in their own errors: a feature extraction, a render's poster
    with pytest.raises(PluginError, match=f"ffmpeg could not decode broken.mp4: .*{last_line}"):
        features.decode_frames(broken, 64, 48)
    with pytest.raises(PermanentError, match="could not take a poster frame from broken.mp4: "
                                             f"ffmpeg could not .*{last_line}"):
        media.make_poster(broken, tmp_path / "poster.jpg", at=0.0)


def test_a_missing_or_hanging_ffmpeg_is_an_error_that_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDIO_FFMPEG_BINARY", str(tmp_path / "no-such-ffmpeg"))
    get_settings.cache_clear()
    try:
        with pytest.raises(MediaToolError, match="no-such-ffmpeg .*STUDIO_FFMPEG_BINARY.* is "
                                                 "not an executable"):
            media_tools.binary("ffmpeg")
        slow = tmp_path / "slow-ffmpeg"
        slow.write_text("#!/bin/sh\necho 'waiting for input' >&2\nexec sleep 30\n")
        slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("STUDIO_FFMPEG_BINARY", str(slow))
        get_settings.cache_clear()
        with pytest.raises(MediaToolError, match="ffmpeg could not wait: no result after "
                                                 "0.5 s: waiting for input"):
            media_tools.run("ffmpeg", [], what="wait", timeout=0.5)
    finally:
        get_settings.cache_clear()


def test_frames_decoded_through_the_runner_are_the_video(clips: dict[str, Path]) -> None:
    rgb = features.decode_frames(clips["with sound"], 32, 24)
    assert rgb.shape == (30, 24, 32, 3)  # 3 s at the analysis rate of 10 fps
    assert 0.0 <= float(np.min(rgb)) and float(np.max(rgb)) <= 1.0


def _render_one(studio: StudioEnv, **options: object) -> tuple[int, int]:
    from studio import outbox
    from studio.db import Scope, session_scope
    from studio.services.submit import submit_batch

    [product] = studio.products(1)
    with session_scope() as session:
        outbox.hold(session)  # the render step runs in this test, not on a worker
        submission = submit_batch(Scope(session, studio.workspace_id),
                                  requests_for([product], seconds=0.3, **options))
    return submission.video_ids[0], submission.job_ids[0]


def _poster_colour(key: str) -> tuple[int, int, int]:
    path = open_storage().local_path(key)
    assert path is not None and path.is_file()
    with Image.open(path) as image:
        return image.convert("RGB").resize((1, 1)).getpixel((0, 0))  # type: ignore[return-value]


def _close(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(colour, expected, strict=True))


def test_the_generator_poster_is_stored_and_no_frame_is_taken(
        embedded_env: StudioEnv, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ffmpeg_poster(*args: object, **kwargs: object) -> None:
        raise AssertionError("the poster was taken from the video again")

    monkeypatch.setattr(pipeline, "probe_and_poster", no_ffmpeg_poster)
    video_id, job_id = _render_one(embedded_env, poster_color="#ff0000")
    assert pipeline.render(video_id, job_id)["status"] == "succeeded"
    [video] = videos()
    assert video.status == "succeeded" and video.poster_key and video.storage_key
    assert _close(_poster_colour(video.poster_key), (255, 0, 0))
    # nothing left in the work folder (the generator's poster was moved into storage)
    assert not any((embedded_env.home / "work").rglob("*.jpg"))


def test_without_a_generator_poster_one_is_taken_from_the_video(
        embedded_env: StudioEnv) -> None:
    video_id, job_id = _render_one(embedded_env)
    assert pipeline.render(video_id, job_id)["status"] == "succeeded"
    [video] = videos()
    # the test generator paints the frame in the product photo's colour (see conftest)
    assert _close(_poster_colour(video.poster_key), (0, 90, 200))
    assert (video.width, video.height, video.duration) == (64, 64, pytest.approx(0.3, abs=0.05))
