"""Errors as ``application/problem+json`` (RFC 9457), each naming the field and what to do.

Routes raise :class:`Problem` (or let a service's ``NotFound`` through); FastAPI's own
validation errors are rewritten so an API user sees ``items[3].format`` and the allowed values
rather than a stack of pydantic internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from studio.db import NotFound, WrongWorkspace

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://studio.dev/problems/"
log = logging.getLogger("studio.api")


class FieldError(BaseModel):
    field: str = Field(description="Where the problem is, e.g. `body.items[3].format`.")
    message: str = Field(description="What is wrong and what to send instead.")


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


class Problem(Exception):
    """Raise from a route to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        field: str | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.title = title or HTTPStatus(status).phrase
        self.field = field
        self.errors = errors or []
        self.headers = headers or {}


def not_found(what: str, id: Any) -> Problem:
    # the same answer whether the id does not exist or belongs to another workspace
    return Problem(
        404,
        f"{what} {id} was not found in this workspace; check the id against the list",
        slug="not-found",
    )


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    field: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ProblemDetails(
        type=PROBLEM_BASE + slug if slug else "about:blank",
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        request_id=getattr(request.state, "request_id", None),
        field=field or (errors[0].field if errors else None),
        errors=errors or [],
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


async def _on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        FieldError(field=_location(error.get("loc", ())), message=_message(error))
        for error in exc.errors()
    ]
    first = errors[0] if errors else None
    detail = (
        f"{first.field}: {first.message}" if first else "the request did not match the schema"
    )
    if len(errors) > 1:
        detail += f" (and {len(errors) - 1} more problem(s), listed in `errors`)"
    return problem_response(request, 422, detail, slug="validation", errors=errors)


async def _on_problem(request: Request, exc: Problem) -> JSONResponse:
    return problem_response(
        request,
        exc.status,
        exc.detail,
        slug=exc.slug,
        title=exc.title,
        field=exc.field,
        errors=exc.errors,
        headers=exc.headers,
    )


_HTTP_HINTS = {
    404: "no such path; the API lives under /api/v1 (see /docs)",
    405: "this path does not accept that method; see /docs for the allowed ones",
}


async def _on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if detail == HTTPStatus(exc.status_code).phrase:
        detail = _HTTP_HINTS.get(exc.status_code, detail)
    return problem_response(
        request, exc.status_code, detail, headers=getattr(exc, "headers", None)
    )


async def _on_not_found(request: Request, exc: Exception) -> JSONResponse:
    return problem_response(
        request, 404, f"{exc}; it does not exist in this workspace", slug="not-found"
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error", extra={"request_id": getattr(request.state, "request_id", "")})
    return problem_response(
        request,
        500,
        "the studio hit an unexpected error; retry later, and quote the request id if it persists",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(Problem, _on_problem)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(NotFound, _on_not_found)
    app.add_exception_handler(WrongWorkspace, _on_not_found)
    app.add_exception_handler(Exception, _on_unexpected)


def _error(description: str) -> dict[str, Any]:
    return {"model": ProblemDetails, "description": description,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}}


# documented on every /api/v1 route so clients (and Schemathesis) know the error shapes
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("Missing or invalid API key / session."),
    403: _error("A signed-in (cookie) request from an origin that is not allowed."),
    404: _error("Not found in this workspace."),
    409: _error("Idempotency-Key reused with a different body, or a conflicting state."),
    413: _error("Request body too large."),
    422: _error("The request did not match the schema; `errors` names each field."),
    429: _error("Rate limit exceeded; retry after the `Retry-After` seconds."),
}
