"""The FastAPI app: ``create_app()`` wires settings, middleware, error handling and routers.

Middleware order, outermost first: request id + JSON log + metrics, CORS, size limit,
Idempotency-Key. So every answer (a 413, a replay, a 429) carries a request id and is logged.
"""

from __future__ import annotations

import importlib

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.errors import COMMON_ERRORS, install_error_handlers
from api.idempotency import IdempotencyMiddleware
from api.limits import BodySizeLimitMiddleware
from api.observability import API_PREFIX, RequestContextMiddleware, configure_json_logging
from api.ratelimit import make_limiter
from api.settings import ApiSettings, get_api_settings
from studio import __version__
from studio.config import Settings, get_settings

# resource routers under /api/v1, in the order /docs lists them
RESOURCE_MODULES = (
    "auth",
    "keys",
    "products",
    "templates",
    "videos",
    "batches",
    "candidates",
    "ad_imports",
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
    )
    app.state.settings = settings
    app.state.api_settings = api_settings
    # the broker this app sends work to is the one these settings name
    from studio.jobs.celery_app import reconfigure

    reconfigure(settings)
    # shared through Redis when there is one (several API processes, one limit per key)
    store = api_settings.rate_limit_store(settings.resolved_broker_url())
    app.state.rate_limiter = (
        make_limiter(api_settings.rate_limit_per_second, api_settings.rate_limit_burst,
                     redis_url=store, prefix=api_settings.rate_limit_redis_prefix + "api:")
        if api_settings.rate_limit_enabled
        else None
    )
    app.state.session_rate_limiter = (
        make_limiter(api_settings.session_rate_limit_per_second,
                     api_settings.session_rate_limit_burst,
                     redis_url=store,
                     prefix=api_settings.rate_limit_redis_prefix + "session:")
        if api_settings.rate_limit_enabled
        else None
    )
    # routes read settings through these dependencies; point them at this app's settings
    app.dependency_overrides[get_settings] = lambda: settings
    app.dependency_overrides[get_api_settings] = lambda: api_settings

    install_error_handlers(app)

    from api.routes import health

    app.include_router(health.router)
    v1 = APIRouter(prefix=API_PREFIX, responses=COMMON_ERRORS)
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
