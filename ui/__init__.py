"""The web studio for sellers: a static single-page app served by the API.

No Node build: plain ES modules, CSS and JSON translations, plus pinned third-party files in
``ui/vendor/`` (see its README). ``mount_ui(app)`` serves ``index.html`` at ``/`` and every
asset under ``/ui/``; it claims nothing under ``/api``, ``/docs``, ``/healthz`` or ``/metrics``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

UI_DIR = Path(__file__).resolve().parent
ASSET_PREFIX = "/ui"

# the shell changes with every deploy; assets are small, so revalidate rather than cache hard
NO_CACHE = {"Cache-Control": "no-cache"}


class _Assets(StaticFiles):
    """Static files that are always revalidated, and never serve the Python package itself."""

    async def get_response(self, path: str, scope):  # type: ignore[no-untyped-def]
        if path.endswith((".py", ".pyc")) or "__pycache__" in path:
            from starlette.exceptions import HTTPException

            raise HTTPException(status_code=404)
        response = await super().get_response(path, scope)
        response.headers.update(NO_CACHE)
        return response


def mount_ui(app: FastAPI) -> None:
    """Serve the web studio: ``/`` is the app shell, ``/ui/...`` its assets."""

    @app.get("/", include_in_schema=False)
    def studio_home() -> FileResponse:
        return FileResponse(UI_DIR / "index.html", media_type="text/html", headers=NO_CACHE)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> RedirectResponse:
        return RedirectResponse(f"{ASSET_PREFIX}/favicon.svg")

    app.mount(ASSET_PREFIX, _Assets(directory=UI_DIR), name="ui")
