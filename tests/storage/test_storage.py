"""Both storage backends keep the same promises: atomic writes, safe keys, finished files only."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from studio.storage import Storage, StorageError, open_storage
from studio.storage.local import LocalStorage
from studio.storage.s3 import S3Storage


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Storage:
    if request.param == "local":
        return open_storage((tmp_path / "media").as_uri())
    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = request.getfixturevalue("s3_bucket")
    # a low multipart threshold so a 6 MB file goes through the multipart path
    return S3Storage(bucket, "renders", endpoint_url=endpoint, multipart_threshold=5 * 1024 * 1024)


def _file(path: Path, size: int, fill: bytes = b"v") -> Path:
    path.write_bytes(fill * size)
    return path


def test_round_trip_and_listing(storage: Storage, tmp_path: Path) -> None:
    source = _file(tmp_path / "clip.mp4", 1000)
    stored = storage.put_file("videos/ws1/AB12.mp4", source, content_type="video/mp4")
    storage.put_file("videos/ws1/AB12.jpg", _file(tmp_path / "p.jpg", 10))
    storage.put_file("videos/ws2/CD34.mp4", _file(tmp_path / "o.mp4", 20))

    assert stored.size == 1000
    assert storage.exists("videos/ws1/AB12.mp4")
    assert not storage.exists("videos/ws1/missing.mp4")
    assert storage.size("videos/ws1/AB12.mp4") == 1000
    assert storage.list("videos/ws1/") == ["videos/ws1/AB12.jpg", "videos/ws1/AB12.mp4"]
    copy = storage.get_file("videos/ws1/AB12.mp4", tmp_path / "back" / "copy.mp4")
    assert copy.read_bytes() == source.read_bytes()

    storage.delete("videos/ws1/AB12.mp4")
    storage.delete("videos/ws1/AB12.mp4")  # a second delete is harmless
    assert not storage.exists("videos/ws1/AB12.mp4")


def test_multipart_upload_is_whole(storage: Storage, tmp_path: Path) -> None:
    big = tmp_path / "big.mp4"
    big.write_bytes(os.urandom(6 * 1024 * 1024 + 123))
    storage.put_file("videos/big.mp4", big)
    back = storage.get_file("videos/big.mp4", tmp_path / "big-back.mp4")
    assert back.read_bytes() == big.read_bytes()


@pytest.mark.parametrize("key", ["../escape.mp4", "/abs.mp4", "a//b.mp4", "a/./b", "a b.mp4",
                                 "videos/x.mp4.partial-1", ""])
def test_unsafe_keys_are_refused(storage: Storage, tmp_path: Path, key: str) -> None:
    source = _file(tmp_path / "x.mp4", 5)
    with pytest.raises(StorageError, match="storage key"):
        storage.put_file(key, source)


def test_missing_source_is_a_clear_error(storage: Storage, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        storage.put_file("videos/a.mp4", tmp_path / "nope.mp4")


def test_local_reader_never_sees_a_half_written_file(tmp_path: Path) -> None:
    """While big files replace each other, every read is one whole version."""
    storage = LocalStorage(tmp_path / "media")
    size = 4 * 1024 * 1024
    versions = [_file(tmp_path / f"v{i}.bin", size, bytes([65 + i])) for i in range(3)]
    storage.put_file("videos/v.bin", versions[0])
    target = storage.local_path("videos/v.bin")
    assert target is not None
    stop = threading.Event()
    torn: list[int] = []

    def read_all() -> None:
        while not stop.is_set():
            data = target.read_bytes()
            if len(data) != size or len(set(data)) != 1:
                torn.append(len(data))

    reader = threading.Thread(target=read_all)
    reader.start()
    for _ in range(5):
        for version in versions:
            storage.put_file("videos/v.bin", version)
    stop.set()
    reader.join()
    assert torn == []
    assert storage.list() == ["videos/v.bin"]  # no temp files left behind


def test_failed_local_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    storage = LocalStorage(tmp_path / "media")
    source = _file(tmp_path / "a.mp4", 2048)

    def disk_full(src: object, dst: object, length: int = 0) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("studio.storage.local.shutil.copyfileobj", disk_full)
    with pytest.raises(OSError, match="No space"):
        storage.put_file("videos/a.mp4", source)
    assert not any((tmp_path / "media").rglob("*.mp4*"))


def test_move_consumes_the_source(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "media")
    source = _file(tmp_path / "work.mp4", 100)
    storage.put_file("videos/a.mp4", source, move=True)
    assert not source.exists()
    assert storage.size("videos/a.mp4") == 100


def test_sweep_removes_only_stale_partials(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "media")
    storage.put_file("videos/done.mp4", _file(tmp_path / "d.mp4", 10))
    stale = tmp_path / "media" / "videos" / ".x.mp4.partial-abc"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    fresh = tmp_path / "media" / "videos" / ".y.mp4.partial-def"
    fresh.write_bytes(b"in progress")
    assert storage.sweep_partials(older_than_seconds=60) == [stale]
    assert fresh.exists() and storage.exists("videos/done.mp4")


def test_open_storage_reads_the_url(tmp_path: Path, s3_endpoint: str) -> None:
    assert isinstance(open_storage(str(tmp_path)), LocalStorage)
    s3 = open_storage("s3://bucket/some/prefix", endpoint_url=s3_endpoint)
    assert isinstance(s3, S3Storage) and s3.prefix == "some/prefix"
    with pytest.raises(StorageError, match="STUDIO_STORAGE_URL"):
        open_storage("ftp://host/x")
