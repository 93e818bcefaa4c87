"""S3-compatible object storage (AWS S3, MinIO, Ceph, R2 ...).

An S3 object becomes visible only when its PUT or its multipart upload completes, so uploads
are atomic by the protocol; boto3's transfer manager aborts a failed multipart upload.
"""

from __future__ import annotations

import builtins
import os
import uuid
from pathlib import Path
from typing import Any

from studio.storage.base import TEMP_MARKER, StorageError, StoredObject, validate_key

# multipart above 8 MB, as boto3 does by default; kept explicit so tests can lower it
DEFAULT_MULTIPART_THRESHOLD = 8 * 1024 * 1024


class S3Storage:
    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        client: Any | None = None,
        multipart_threshold: int = DEFAULT_MULTIPART_THRESHOLD,
    ) -> None:
        import boto3
        from boto3.s3.transfer import TransferConfig

        if not bucket:
            raise StorageError("S3 storage needs a bucket: STUDIO_STORAGE_URL=s3://bucket/prefix")
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = client or boto3.client("s3", endpoint_url=endpoint_url)
        self.transfer = TransferConfig(
            multipart_threshold=multipart_threshold,
            multipart_chunksize=max(multipart_threshold, 5 * 1024 * 1024),
        )

    def __repr__(self) -> str:
        return f"S3Storage(s3://{self.bucket}/{self.prefix})"

    def _object_key(self, key: str) -> str:
        validate_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def put_file(
        self, key: str, source: Path, *, content_type: str | None = None, move: bool = False
    ) -> StoredObject:
        source = Path(source)
        if not source.is_file():
            raise StorageError(f"cannot store {key!r}: source file {source} does not exist")
        size = source.stat().st_size
        extra = {"ContentType": content_type} if content_type else None
        try:
            self.client.upload_file(
                str(source), self.bucket, self._object_key(key),
                ExtraArgs=extra, Config=self.transfer,
            )
        except Exception as exc:  # boto3 raises several unrelated types
            raise StorageError(f"upload of {key!r} to s3://{self.bucket} failed: {exc}") from exc
        if move:
            source.unlink(missing_ok=True)
        return StoredObject(key=key, size=size, url=self.url(key))

    def get_file(self, key: str, destination: Path) -> Path:
        destination = Path(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        temp = destination.with_name(f".{destination.name}{TEMP_MARKER}{uuid.uuid4().hex}")
        try:
            self.client.download_file(self.bucket, self._object_key(key), str(temp))
            os.replace(temp, destination)
        except Exception as exc:
            temp.unlink(missing_ok=True)
            message = f"download of {key!r} from s3://{self.bucket} failed: {exc}"
            raise StorageError(message) from exc
        return destination

    def _head(self, key: str) -> dict[str, Any] | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=self._object_key(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise StorageError(f"cannot read {key!r} in s3://{self.bucket}: {exc}") from exc

    def exists(self, key: str) -> bool:
        return self._head(key) is not None

    def size(self, key: str) -> int:
        head = self._head(key)
        if head is None:
            raise StorageError(f"no stored object {key!r} in s3://{self.bucket}/{self.prefix}")
        return int(head["ContentLength"])

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self._object_key(key))

    def list(self, prefix: str = "") -> builtins.list[str]:
        base = f"{self.prefix}/" if self.prefix else ""
        paginator = self.client.get_paginator("list_objects_v2")
        keys = []
        for page in paginator.paginate(Bucket=self.bucket, Prefix=base + prefix):
            for item in page.get("Contents", []):
                keys.append(item["Key"][len(base):])
        return sorted(keys)

    def url(self, key: str) -> str:
        return f"s3://{self.bucket}/{self._object_key(key)}"

    def local_path(self, key: str) -> Path | None:
        return None

    def pending_uploads(self) -> builtins.list[str]:
        """Multipart uploads started and never completed (nothing a reader can see)."""
        answer = self.client.list_multipart_uploads(Bucket=self.bucket)
        return [upload["Key"] for upload in answer.get("Uploads", [])]
