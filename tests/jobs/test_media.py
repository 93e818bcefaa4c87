"""Probing a finished render without ffprobe, and a generator's own poster used as it is."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from studio.jobs import media, pipeline
from studio.jobs.errors import PermanentError
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
    return {
        "with sound": ffmpeg(folder / "a.mp4", *video, *sound, *h264, "-c:a", "aac",
                             "-shortest"),
        "faststart, tall": ffmpeg(folder / "b.mp4", "-f", "lavfi", "-i",
                                  "testsrc=s=1080x1920:r=30:d=2.5", *h264,
                                  "-movflags", "+faststart"),
        "quicktime": ffmpeg(folder / "c.mov", *video, *h264),
    }


@pytest.mark.parametrize("name", ["with sound", "faststart, tall", "quicktime"])
def test_reading_the_mp4_gives_what_ffprobe_gives(clips: dict[str, Path], name: str) -> None:
    read = media.read_mp4(clips[name])
    assert read is not None
    assert read == media.probe_with_ffprobe(clips[name])


def test_a_truncated_mp4_is_left_to_ffprobe_which_refuses_it(clips: dict[str, Path],
                                                             tmp_path: Path) -> None:
    whole = clips["with sound"].read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(whole[: len(whole) // 2])
    assert media.read_mp4(cut) is None
    with pytest.raises(PermanentError, match="cut.mp4 is not a playable video"):
        media.probe(cut)


def test_another_container_is_probed_by_ffprobe(tmp_path: Path) -> None:
    webm = ffmpeg(tmp_path / "clip.webm", "-f", "lavfi", "-i", "testsrc=s=64x48:r=10:d=1")
    assert media.read_mp4(webm) is None
    assert media.probe(webm) == media.Probe(1.0, 64, 48, False)


def test_text_named_mp4_is_not_a_video(tmp_path: Path) -> None:
    fake = tmp_path / "fake.mp4"
    fake.write_text("<html>502 Bad Gateway</html>")
    with pytest.raises(PermanentError, match="fake.mp4"):
        media.probe(fake)


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
