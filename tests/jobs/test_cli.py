"""`studio batch` and `studio videos list` as a seller runs them, with a real worker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from .conftest import StudioEnv

pytestmark = pytest.mark.slow


def studio(env: StudioEnv, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "studio", *args], env=env.env, cwd=env.home,
                          capture_output=True, text=True, timeout=timeout)


def write_catalog(folder: Path) -> Path:
    (folder / "photos").mkdir(parents=True)
    for name, color in (("mug", (10, 120, 200)), ("lamp", (220, 180, 20))):
        Image.new("RGB", (40, 40), color).save(folder / "photos" / f"{name}.jpg")
    catalog = folder / "catalog.csv"
    catalog.write_text(
        "sku,title,price,currency,image\n"
        "MUG-1,Blue Mug,12.50,USD,photos/mug.jpg\n"
        "LAMP-1,Desk Lamp,39.00,USD,photos/lamp.jpg\n"
        ",,not-a-price,USD,\n",
        encoding="utf-8",
    )
    return catalog


def test_batch_command_json_and_videos_list(embedded_env: StudioEnv, workers) -> None:
    catalog = write_catalog(embedded_env.home / "shop")
    worker = workers(embedded_env, concurrency=2)
    args = ["batch", str(catalog), "--templates", "clip", "--formats", "9:16,1:1",
            "--generator", "test-clips", "--json"]
    first = studio(embedded_env, *args)
    assert first.returncode == 0, first.stderr + worker.tail()
    # --json prints what GET /api/v1/batches/{id} answers; rejected rows go to stderr
    report = json.loads(first.stdout)
    assert report["created"] is True and report["status"] == "completed"
    assert report["counts"]["succeeded"] == 4 and len(report["video_ids"]) == 4
    assert "skipped row" in first.stderr  # the row without a title or price, with its reason

    again = json.loads(studio(embedded_env, *args).stdout)
    assert again["created"] is False and again["id"] == report["id"]

    listed = json.loads(studio(embedded_env, "videos", "list", "--json").stdout)["data"]
    assert sorted(v["id"] for v in listed) == sorted(report["video_ids"])
    assert all(v["status"] == "succeeded" and v["duration"] > 0 for v in listed)
    assert {v["suggested_ad_name"].split(" | ")[0] for v in listed} == {"Blue Mug", "Desk Lamp"}
    for video in listed:  # the file is where `studio videos show` says it can be downloaded
        assert video["download_url"] == f"/api/v1/videos/{video['id']}/download"


def test_batch_command_refuses_bad_formats(embedded_env: StudioEnv) -> None:
    catalog = write_catalog(embedded_env.home / "shop")
    result = studio(embedded_env, "batch", str(catalog), "--formats", "9:16,3:4", "--json")
    assert result.returncode == 2
    assert "3:4" in result.stderr and "9:16, 1:1, 16:9, 4:5" in result.stderr


def test_render_with_another_generator_needs_no_template(embedded_env: StudioEnv) -> None:
    """`studio render --generator NAME`: the product's photo reaches the generator as a local
    file (its path in product.json is relative to that file), no template is named, and the
    video is the generator's own (test-clips paints the photo's average colour)."""
    shop = embedded_env.home / "shop"
    (shop / "photos").mkdir(parents=True)
    Image.new("RGB", (40, 40), (200, 30, 30)).save(shop / "photos" / "red.jpg")
    product = shop / "product.json"
    product.write_text(json.dumps({"title": "Red Mug", "price": "9.90", "currency": "EUR",
                                   "images": ["photos/red.jpg"]}), encoding="utf-8")
    out = embedded_env.home / "out.mp4"
    done = studio(embedded_env, "render", "-p", str(product), "--generator", "test-clips",
                  "-o", str(out))
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["generator"] == "test-clips" and said["template"] is None
    assert (said["width"], said["height"], said["duration"]) == (64, 64, 1.0)
    pixel = subprocess.run(["ffmpeg", "-v", "error", "-i", str(out), "-frames:v", "1",
                            "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                           capture_output=True, check=True).stdout[:3]
    assert pixel[0] > 150 and pixel[1] < 80 and pixel[2] < 80, pixel

    unknown = studio(embedded_env, "render", "-p", str(product), "--generator", "collage",
                     "-o", str(out))
    assert unknown.returncode == 2 and "collage" in unknown.stderr
