"""What the API does as it starts: load the plugins on a thread, so a plugin that fails to
load is in the log at once (not on the first request that needs it) while the server already
answers. The plugin host logs each failure with its reason (studio.plugins); here a summary."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

logger = logging.getLogger("studio.api")


def _load_plugins() -> None:
    from studio.plugins import get_host

    try:
        records = list(get_host().records.values())
    except Exception:  # never let discovery take the API down; requests will say why
        logger.exception("the plugins could not be loaded")
        return
    failed = [record.name for record in records if record.status == "failed"]
    if failed:
        logger.warning("%d plugin(s) failed to load: %s (see `studio plugins --all`)",
                       len(failed), ", ".join(sorted(failed)))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    threading.Thread(target=_load_plugins, name="load-plugins", daemon=True).start()
    yield
