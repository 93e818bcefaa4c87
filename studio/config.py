"""Settings: one pydantic-settings class, env prefix ``STUDIO_``, ``.env`` support.

Defaults need no server: a SQLite file and a media folder under the working folder, and a
broker on local files. PostgreSQL / Redis / RabbitMQ / S3 are a change of URL, not of code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STUDIO_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        populate_by_name=True,  # Settings(shared_state=...) as well as the aliased env names
    )

    # where the embedded default keeps its state; every relative default below lives here
    home: Path = Field(default_factory=lambda: Path.cwd() / ".studio")
    database_url: str = ""  # default: sqlite:///<home>/studio.db
    broker_url: str = ""  # default: filesystem transport under <home>/broker
    # Redis hands an unacknowledged message to another worker after this many seconds; lost
    # work is noticed sooner by heartbeats (studio.jobs.maintenance) whatever it is
    broker_visibility_timeout: int = 3420
    # every worker (and API process) looks for lost work and unsent jobs this often
    housekeeping_seconds: float = 15.0
    # a running job whose heartbeat is older than this lost its worker and is sent again; its
    # worker beats every 10 s (or a quarter of this, if shorter). Lost work is then running
    # again within worker_lost_seconds + housekeeping_seconds (75 s by default)
    worker_lost_seconds: float = 60.0
    result_backend: str = ""  # default: the database
    storage_url: str = ""  # default: file://<media_root>; s3://bucket/prefix for S3
    media_root: Path = Field(default_factory=lambda: Path.cwd() / "media")
    s3_endpoint_url: str | None = None  # for S3-compatible servers (MinIO, moto)

    plugins: str | None = None  # comma-separated allow-list of plugin names; None = all
    plugins_dir: Path | None = None  # loose *.py plugins

    # where state every process shares lives (provider breakers and request budgets; see
    # studio.shared_state): auto | redis | file | process. STUDIO_AI_GUARD_STATE is its name
    # from before the store served more than the AI guards, still read
    shared_state: str = Field(default="auto", validation_alias=AliasChoices(
        "STUDIO_SHARED_STATE", "STUDIO_AI_GUARD_STATE", "shared_state"))
    # the ffmpeg/ffprobe every part of the studio runs (studio.media_tools): a path or a name
    # on PATH; empty = "ffmpeg" on PATH. FFMPEG_BINARY is read too (other tools use that name);
    # ffprobe defaults to the one next to a configured ffmpeg, so a build's pair stays together
    ffmpeg_binary: str = Field(default="", validation_alias=AliasChoices(
        "STUDIO_FFMPEG_BINARY", "FFMPEG_BINARY", "ffmpeg_binary"))
    ffprobe_binary: str = ""

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
