"""Errors as ``application/problem+json`` (RFC 9457): the one place a code becomes a status.

Services raise :class:`studio.errors.StudioError` (a stable ``code``, its ``params``, the
input ``field``); :data:`STATUS` maps its kind to an HTTP status and the handler writes the
problem document. FastAPI's own validation errors are rewritten so an API user sees
``items[3].format`` and the allowed values rather than a stack of pydantic internals. A
client translates by ``code`` (the web studio does); ``detail`` is the English sentence.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from studio.errors import StudioError

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://studio.dev/problems/"
log = logging.getLogger("studio.api")


class FieldError(BaseModel):
    field: str = Field(description="Where the problem is, e.g. `body.items[3].format`.")
    message: str = Field(description="What is wrong and what to send instead.")
    code: str | None = Field(None, description="Stable error type, e.g. `missing`, "
                             "`string_too_short`, `literal_error` (pydantic's types).")
    params: dict[str, Any] = Field(default_factory=dict,
                                   description="The values the message names, e.g. `min_length`.")


class ProblemDetails(BaseModel):
    """An error response (RFC 9457). ``field``/``errors`` point at the input to fix."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    request_id: str | None = None
    field: str | None = None
    errors: list[FieldError] = Field(default_factory=list)
    code: str = Field("error", description="Stable, machine-readable error code (e.g. "
                      "`not_found`, `validation`, `batch.no_products`); translate from it.")
    params: dict[str, Any] = Field(default_factory=dict,
                                   description="The values `detail` names, keyed for the code.")


# one table: the kind of a StudioError -> its HTTP status
STATUS: dict[str, int] = {
    "invalid": 422, "not_found": 404, "conflict": 409, "not_ready": 404,
    "unauthorized": 401, "forbidden": 403, "too_large": 413, "rate_limited": 429,
    "unavailable": 503,
}
_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 406: "not_acceptable", 409: "conflict",
                 413: "too_large", 415: "unsupported_media_type", 422: "invalid_input",
                 429: "rate_limited", 500: "server_error", 501: "not_implemented",
                 503: "unavailable"}  # fmt: skip


def _where(request: Request, field: str | None) -> str | None:
    """A service names its input (``items[2]``); here it becomes where it was sent."""
    if not field or field.split(".")[0].split("[")[0] in ("body", "query", "header", "path"):
        return field
    return ("query." if request.method in ("GET", "HEAD", "DELETE") else "body.") + field


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    code: str | None = None,
    title: str | None = None,
    field: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
) -> JSONResponse:
    field = field or (errors[0].field if errors else None)
    code = code or _STATUS_CODES.get(status, f"http_{status}")
    params = {**({"field": field} if field else {}), **(params or {})}
    body = ProblemDetails(
        type=PROBLEM_BASE + code.replace(".", "/").replace("_", "-"),
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        request_id=getattr(request.state, "request_id", None),
        field=field,
        errors=errors or [],
        code=code,
        params=params,
    )
    return JSONResponse(
        body.model_dump(mode="json"), status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("body", "items", 3, "format")`` -> ``body.items[3].format``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "body"


def _message(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "invalid value"))
    kind = error.get("type", "")
    if kind == "missing":
        return "this field is required; add it to the request"
    if kind == "json_invalid":
        return f"the body is not valid JSON ({error.get('ctx', {}).get('error', message)})"
    if kind == "extra_forbidden":
        return "this field is not accepted; remove it (see the schema at /docs)"
    return message[0].lower() + message[1:] if message else message


def _plain(value: Any) -> Any:
    # pydantic's context can hold exceptions or patterns; params must be JSON
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)


async def _on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        FieldError(
            field=_location(error.get("loc", ())), message=_message(error),
            code=str(error.get("type") or "invalid"),
            params={k: _plain(v) for k, v in (error.get("ctx") or {}).items()},
        )
        for error in exc.errors()
    ]
    first = errors[0] if errors else None
    detail = (
        f"{first.field}: {first.message}" if first else "the request did not match the schema"
    )
    if len(errors) > 1:
        detail += f" (and {len(errors) - 1} more problem(s), listed in `errors`)"
    return problem_response(request, 422, detail, errors=errors, code="validation",
                            params={"count": len(errors)})


async def _on_studio_error(request: Request, exc: StudioError) -> JSONResponse:
    return error_response(request, exc)


def error_response(request: Request, exc: StudioError) -> JSONResponse:
    """The problem document of a service's error (also for middleware, which runs outside
    the app's exception handlers)."""
    status = STATUS[exc.kind]
    headers: dict[str, str] = {}
    if exc.kind == "unauthorized":
        headers["WWW-Authenticate"] = "Bearer"
    if exc.kind == "rate_limited" and "retry_after" in exc.params:
        headers["Retry-After"] = str(exc.params["retry_after"])
    field = _where(request, exc.field)
    params = exc.as_dict()["params"]
    return problem_response(request, status, exc.message, code=exc.code, field=field,
                            headers=headers or None, params=params)


_HTTP_HINTS = {
    404: "no such path; the API lives under /api/v1 (see /docs)",
    405: "this path does not accept that method; see /docs for the allowed ones",
}


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this request's path. (The router names only the
    first route whose path matched: ``/products/{id}`` has GET, PATCH and DELETE routes.)"""
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.router.routes):
        if route.methods:
            match, _ = route.matches(request.scope)
            if match != Match.NONE:
                methods |= route.methods
    return sorted(methods)


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if detail == HTTPStatus(exc.status_code).phrase:
        detail = _HTTP_HINTS.get(exc.status_code, detail)
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405 and (allowed := allowed_methods(request)):
        headers["Allow"] = ", ".join(allowed)
    return problem_response(request, exc.status_code, detail, headers=headers or None)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", extra={"request_id": getattr(request.state, "request_id", "")})
    return problem_response(
        request,
        500,
        "the studio hit an unexpected error; retry later, and quote the request id if it persists",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StudioError, _on_studio_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_unexpected)


def _error(description: str) -> dict[str, Any]:
    return {"model": ProblemDetails, "description": description,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}


# documented on every /api/v1 route so clients (and Schemathesis) know the error shapes
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("The request could not be read: a multipart form that cannot be parsed "
                "(e.g. no boundary). A JSON body that cannot be parsed is a 422."),
    401: _error("Missing or invalid API key / session."),
    403: _error("A signed-in (cookie) request from an origin that is not allowed."),
    404: _error("Not found in this workspace."),
    409: _error("Idempotency-Key reused with a different body, or a conflicting state."),
    413: _error("Request body too large."),
    422: _error("The request did not match the schema, its body is not valid JSON, or a "
                "text holds a control character (`text.control_characters`); `field` and "
                "`errors` name where."),
    429: _error("Rate limit exceeded; retry after the `Retry-After` seconds."),
    500: _error("An unexpected error; quote `request_id` when you report it."),
    503: _error("A service the studio needs is down (or an AI provider failed); retry later."),
}
