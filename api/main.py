"""The FastAPI app: ``create_app()`` wires settings, middleware, error handling and routers.

Middleware order, outermost first: request id + JSON log + metrics, CORS, size limit,
Idempotency-Key. So every answer (a 413, a replay, a 429) carries a request id and is logged.
"""

from __future__ import annotations

import importlib
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi

from api.errors import COMMON_ERRORS, install_error_handlers
from api.idempotency import IdempotencyMiddleware
from api.limits import BodySizeLimitMiddleware
from api.observability import API_PREFIX, RequestContextMiddleware, configure_json_logging
from api.ratelimit import api_limiters
from api.settings import ApiSettings, get_api_settings
from api.startup import lifespan
from api.text_guard import refuse_control_characters_in_request
from studio import __version__
from studio.config import Settings, get_settings

# resource routers under /api/v1, in the order /docs lists them
RESOURCE_MODULES = (
    "auth",
    "keys",
    "team",
    "products",
    "templates",
    "my_templates",
    "brand",
    "videos",
    "batches",
    "candidates",
    "ad_imports",
    "creatives",
    "connections",
    "publishing",
    "autopilot",
    "imports",
    "analytics",
    "events",
    "usage",
    "webhooks",
    "plugins",
)

DESCRIPTION = """
Drive the studio from your own systems: import products, render batches of product videos
from templates, follow progress live (server-sent events), download the videos, import ad
results and read ROI per template.

**Auth:** `Authorization: Bearer sk_…` (create keys with `studio keys create` or
`POST /api/v1/keys`). **Retries:** send `Idempotency-Key` on POST. **Errors:**
`application/problem+json` naming the field to fix. **Limits:** per-key rate limit (429 with
`Retry-After`) and request size limits (413).
"""


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, plus how to authenticate: an API key as a bearer token (what
    generated clients use), or the web studio's session cookie."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(title=app.title, version=app.version, description=app.description,
                           routes=app.routes)
    schemes = document.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes["apiKey"] = {"type": "http", "scheme": "bearer", "bearerFormat": "sk_…",
                         "description": "An API key of the workspace: "
                                        "`Authorization: Bearer sk_…`."}
    schemes["session"] = {"type": "apiKey", "in": "cookie", "name": "studio_session",
                          "description": "The web studio's sign-in cookie."}
    for path, operations in document["paths"].items():
        if not path.startswith(API_PREFIX) or path.startswith(PUBLIC_PATHS):
            continue
        for operation in operations.values():
            operation["security"] = [{"apiKey": []}, {"session": []}]
    app.openapi_schema = document
    return document


# no credentials needed: signing up, in and out, password resets, invitation links
PUBLIC_PATHS = tuple(f"{API_PREFIX}/auth/{name}" for name in (
    "sign-in", "sign-out", "sign-up", "forgot-password", "reset-password", "invite",
    "accept-invite"))


def create_app(
    settings: Settings | None = None, api_settings: ApiSettings | None = None
) -> FastAPI:
    settings = settings or get_settings()
    api_settings = api_settings or get_api_settings()
    configure_json_logging(settings.log_level)

    app = FastAPI(
        title="Studio API",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/docs",
        openapi_url="/openapi.json",
        # operation ids a person would write (create_batch), for client generators
        generate_unique_id_function=lambda route: route.name,
        lifespan=lifespan,  # plugins loaded at start: a failed one is logged at once
    )
    app.openapi = lambda: openapi_document(app)  # type: ignore[method-assign]
    app.state.settings = settings
    app.state.api_settings = api_settings
    # the broker this app sends work to is the one these settings name
    from studio.jobs.celery_app import reconfigure

    reconfigure(settings)
    # shared through Redis when there is one (several API processes, one limit per key)
    limiters = api_limiters(api_settings, settings.resolved_broker_url())
    app.state.rate_limiter, app.state.session_rate_limiter = limiters or (None, None)
    # routes read settings through these dependencies; point them at this app's settings
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_api_settings] = lambda: api_settings

    install_error_handlers(app)

    from api.routes import health

    app.include_router(health.router)
    # control characters are refused at the door, before any route sees the request
    v1 = APIRouter(prefix=API_PREFIX, responses=COMMON_ERRORS,
                   dependencies=[Depends(refuse_control_characters_in_request)])
    v1.include_router(health.workers_router)
    for name in RESOURCE_MODULES:
        module = importlib.import_module(f"api.routes.{name}")
        v1.include_router(module.router)
        if hasattr(module, "previews_router"):
            v1.include_router(module.previews_router)
    app.include_router(v1)
    # the web studio at / (ui/, static files, no build step)
    from ui import mount_ui

    mount_ui(app)

    # add_middleware wraps: the last added is the outermost
    app.add_middleware(IdempotencyMiddleware)
    app.add_middleware(BodySizeLimitMiddleware)
    origins = api_settings.cors_origin_list()
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_credentials="*" not in origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["X-Request-ID", "Retry-After", "Idempotent-Replayed", "Location"],
        )
    app.add_middleware(RequestContextMiddleware)
    return app
