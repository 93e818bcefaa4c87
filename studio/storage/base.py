"""The storage interface every backend implements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

# temp names carry this marker so a sweep can tell them from finished files
TEMP_MARKER = ".partial-"

_KEY_PART = re.compile(r"^[A-Za-z0-9._\-]+$")


class StorageError(Exception):
    """A storage operation failed; the message names the key and what to check."""


@dataclass(frozen=True, slots=True)
class StoredObject:
    key: str
    size: int
    url: str


def validate_key(key: str) -> str:
    """Keys are relative, slash-separated, made of safe characters; never '..' or absolute.

    Keys are built by the studio (``videos/<workspace>/<code>.mp4``), never from product text,
    but a key that escapes the root would be a security hole, so it is checked here too.
    """
    if not key or key.startswith("/") or "\\" in key:
        raise StorageError(f"storage key {key!r} must be a relative path like 'videos/a.mp4'")
    parts = key.split("/")
    for part in parts:
        if part in ("", ".", "..") or not _KEY_PART.match(part):
            raise StorageError(
                f"storage key {key!r} has an unsafe part {part!r}; "
                "use letters, digits, '.', '_' and '-' only"
            )
        if TEMP_MARKER in part:
            raise StorageError(f"storage key {key!r} must not contain {TEMP_MARKER!r}")
    return key


@runtime_checkable
class Storage(Protocol):
    """A place to keep finished files under string keys."""

    def put_file(
        self, key: str, source: Path, *, content_type: str | None = None, move: bool = False
    ) -> StoredObject:
        """Store ``source`` under ``key`` atomically (replacing any previous object).

        ``move=True`` lets the backend consume ``source`` (a rename when it can).
        """
        ...

    def get_file(self, key: str, destination: Path) -> Path:
        """Copy the object to ``destination`` (atomically) and return it."""
        ...

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int: ...

    def delete(self, key: str) -> None:
        """Remove the object; removing a missing key is not an error."""
        ...

    def list(self, prefix: str = "") -> list[str]:
        """Keys of finished objects under ``prefix`` (never temp/partial objects), sorted."""
        ...

    def url(self, key: str) -> str:
        """A URL a worker or the API can use to read the object (file:// or s3://)."""
        ...

    def local_path(self, key: str) -> Path | None:
        """The object's path when it is on this machine's filesystem, else None."""
        ...
