"""Settings: one pydantic-settings class, env prefix ``STUDIO_``, ``.env`` support.

Defaults need no server: a SQLite file and a media folder under the working folder, and a
broker on local files. PostgreSQL / Redis / RabbitMQ / S3 are a change of URL, not of code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STUDIO_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # where the embedded default keeps its state; every relative default below lives here
    home: Path = Field(default_factory=lambda: Path.cwd() / ".studio")
    database_url: str = ""  # default: sqlite:///<home>/studio.db
    broker_url: str = ""  # default: filesystem transport under <home>/broker
    # Redis hands an unacknowledged message to another worker after this many seconds; lost
    # work is noticed sooner by heartbeats (studio.jobs.maintenance) whatever it is
    broker_visibility_timeout: int = 3420
    result_backend: str = ""  # default: the database
    storage_url: str = ""  # default: file://<media_root>; s3://bucket/prefix for S3
    media_root: Path = Field(default_factory=lambda: Path.cwd() / "media")
    s3_endpoint_url: str | None = None  # for S3-compatible servers (MinIO, moto)

    plugins: str | None = None  # comma-separated allow-list of plugin names; None = all
    plugins_dir: Path | None = None  # loose *.py plugins

    allow_private_urls: bool = False  # fetching images from loopback/private addresses
    secret_key: str = "change-me-in-production"
    log_level: str = "INFO"

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'studio.db'}"

    def resolved_broker_url(self) -> str:
        return self.broker_url or "filesystem://"

    def resolved_storage_url(self) -> str:
        return self.storage_url or self.media_root.resolve().as_uri()


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing env."""
    return Settings()
