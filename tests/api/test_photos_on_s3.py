"""With media on S3, an API-created product whose photo is a key in the bucket renders on a
real worker: the studio downloads it into the job's scratch folder (plugins never see S3)."""

from __future__ import annotations

import time
from pathlib import Path

import boto3
import httpx
import pytest

pytestmark = pytest.mark.slow
PHOTO = sorted((Path(__file__).resolve().parents[2] / "media" / "samples" / "photos")
               .glob("*.jpg"))[0]


@pytest.fixture
def studio_env(s3_endpoint: str, s3_bucket: str) -> dict[str, str]:
    return {"STUDIO_STORAGE_URL": f"s3://{s3_bucket}/shop", "STUDIO_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1"}


def test_a_product_photo_stored_on_s3_renders(studio, s3_endpoint: str, s3_bucket: str) -> None:
    base, key = studio
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    s3.put_object(Bucket=s3_bucket, Key="shop/uploads/mug.jpg", Body=PHOTO.read_bytes(),
                  ContentType="image/jpeg")
    api = httpx.Client(base_url=f"{base}/api/v1", headers={"Authorization": f"Bearer {key}"},
                       timeout=30)
    product = api.post("/products", json={"title": "Stoneware mug", "price": "18.00",
                                          "images": ["uploads/mug.jpg"]}).json()
    video = api.post("/videos", json={"product": product["id"], "template": "showcase",
                                      "options": {"preview": True}}).json()
    deadline = time.monotonic() + 180
    while video["status"] not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, video
        time.sleep(0.5)
        video = api.get(f"/videos/{video['id']}").json()
    assert video["status"] == "succeeded", video["error"]
    stored = s3.list_objects_v2(Bucket=s3_bucket, Prefix="shop/videos/")["Contents"]
    assert {Path(o["Key"]).suffix for o in stored} == {".mp4", ".jpg"}
    mp4 = api.get(base + video["download_url"])
    assert mp4.status_code == 200 and mp4.content[4:8] == b"ftyp"
