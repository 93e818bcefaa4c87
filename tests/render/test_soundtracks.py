"""What a worker keeps of the soundtracks it encoded (``studio.render.soundtracks``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.render import soundtracks


@pytest.fixture(autouse=True)
def empty() -> Iterator[None]:
    soundtracks.forget()
    yield
    soundtracks.forget()


def encoded(folder: Path, name: str, size: int = 100) -> Path:
    path = folder / name
    path.write_bytes(name.encode().ljust(size, b"."))
    return path


def test_the_same_music_at_another_path_is_the_same_soundtrack(tmp_path: Path) -> None:
    music = encoded(tmp_path, "music.wav")
    copy = tmp_path / "copy.wav"
    copy.write_bytes(music.read_bytes())
    command = ["ffmpeg", "-i", f"file:{music}", "-af", "afade", "{audio}"]
    assert soundtracks.key(command) == soundtracks.key(
        ["ffmpeg", "-i", f"file:{copy}", "-af", "afade", "{audio}"])
    assert soundtracks.key(command) != soundtracks.key(
        ["ffmpeg", "-i", f"file:{music}", "-af", "afade=d=2", "{audio}"])
    # generated silence has no file: the command alone names it
    assert soundtracks.key(["ffmpeg", "-f", "lavfi", "-i", "anullsrc", "{audio}"]) is not None
    # an input that cannot be read is never taken for another
    assert soundtracks.key(["ffmpeg", "-i", f"file:{tmp_path / 'gone.wav'}", "{audio}"]) is None


def test_the_oldest_goes_first_and_nothing_too_big_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(soundtracks, "KEEP_COUNT", 2)
    monkeypatch.setattr(soundtracks, "KEEP_BYTES", 250)
    for name in ("a", "b", "c"):
        soundtracks.keep(name, encoded(tmp_path, name))
    into = tmp_path / "into.m4a"
    assert not soundtracks.reuse("a", into)
    assert soundtracks.reuse("b", into) and into.read_bytes().startswith(b"b.")
    soundtracks.keep("d", encoded(tmp_path, "d"))  # b was used last: c goes
    assert soundtracks.reuse("b", into) and not soundtracks.reuse("c", into)
    soundtracks.keep("huge", encoded(tmp_path, "huge", size=251))
    assert not soundtracks.reuse("huge", into)


def test_a_forked_worker_starts_with_none(tmp_path: Path) -> None:
    soundtracks.keep("k", encoded(tmp_path, "k"))
    assert soundtracks.reuse("k", tmp_path / "here.m4a")
    child = os.fork()
    if child == 0:  # pragma: no cover - the child's exit code is the assertion
        os._exit(1 if soundtracks.reuse("k", tmp_path / "child.m4a") else 0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert not (tmp_path / "child.m4a").exists()
