"""Local filesystem storage (the default: ``media/``).

Atomic writes: copy to a hidden temp name in the destination folder, fsync, then
``os.replace`` — a rename within one filesystem, so readers see all or nothing. Several worker
machines share outputs by mounting the same folder (NFS) or by using S3 storage instead.
"""

from __future__ import annotations

import builtins
import os
import shutil
import time
import uuid
from pathlib import Path

from studio.storage.base import TEMP_MARKER, StorageError, StoredObject, validate_key


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    def _path(self, key: str) -> Path:
        return self.root / validate_key(key)

    def put_file(
        self, key: str, source: Path, *, content_type: str | None = None, move: bool = False
    ) -> StoredObject:
        source = Path(source)
        if not source.is_file():
            raise StorageError(f"cannot store {key!r}: source file {source} does not exist")
        final = self._path(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        if move:
            try:
                # a rename of a finished file is already atomic; no copy needed
                os.replace(source, final)
                return self._stored(key, final)
            except OSError:
                pass  # another filesystem: fall back to copy + rename
        temp = final.with_name(f".{final.name}{TEMP_MARKER}{uuid.uuid4().hex}")
        try:
            with source.open("rb") as src, temp.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(temp, final)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        if move:
            source.unlink(missing_ok=True)
        return self._stored(key, final)

    def _stored(self, key: str, path: Path) -> StoredObject:
        return StoredObject(key=key, size=path.stat().st_size, url=path.as_uri())

    def get_file(self, key: str, destination: Path) -> Path:
        path = self._path(key)
        if not path.is_file():
            raise StorageError(f"no stored object {key!r} under {self.root}")
        destination = Path(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        temp = destination.with_name(f".{destination.name}{TEMP_MARKER}{uuid.uuid4().hex}")
        try:
            shutil.copyfile(path, temp)
            os.replace(temp, destination)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return destination

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def size(self, key: str) -> int:
        path = self._path(key)
        if not path.is_file():
            raise StorageError(f"no stored object {key!r} under {self.root}")
        return path.stat().st_size

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def list(self, prefix: str = "") -> builtins.list[str]:
        if not self.root.is_dir():
            return []
        keys = []
        for path in self.root.rglob("*"):
            if path.is_file() and TEMP_MARKER not in path.name:
                key = path.relative_to(self.root).as_posix()
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)

    def url(self, key: str) -> str:
        return self._path(key).as_uri()

    def local_path(self, key: str) -> Path | None:
        return self._path(key)

    def sweep_partials(self, older_than_seconds: float = 3600.0) -> builtins.list[Path]:
        """Remove temp files a killed process left behind; returns what was removed."""
        removed: builtins.list[Path] = []
        if not self.root.is_dir():
            return removed
        cutoff = time.time() - older_than_seconds
        for path in self.root.rglob(f"*{TEMP_MARKER}*"):
            try:
                if path.is_file() and path.stat().st_mtime <= cutoff:
                    path.unlink()
                    removed.append(path)
            except FileNotFoundError:
                continue
        return removed
