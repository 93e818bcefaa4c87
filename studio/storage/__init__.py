"""Where finished videos, posters and uploads live: the local filesystem or S3-compatible storage.

Every write is atomic: a reader (the API, another worker machine, the seller's browser) sees
either nothing or the whole file, never a half-written one.
"""

from __future__ import annotations

from studio.storage.base import Storage, StorageError, StoredObject, validate_key
from studio.storage.factory import open_storage

__all__ = ["Storage", "StorageError", "StoredObject", "open_storage", "validate_key"]
