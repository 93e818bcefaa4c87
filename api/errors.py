"""Errors as ``application/problem+json`` (RFC 9457), each naming the field and what to do.

Routes raise :class:`Problem` (or let a service's ``NotFound`` through); FastAPI's own
validation errors are rewritten so an API user sees ``items[3].format`` and the allowed values
rather than a stack of pydantic internals.

Besides the English ``detail``, every problem carries a stable ``code`` and its ``params``
(``{"code": "batch.no_products", "params": {"field": "body.catalog"}}``) so a client can say
the same thing in the user's language; ``detail`` stays the fallback for codes it does not
know. A route passes ``code=``/``params=``; messages that come up from the services as plain
text are recognised by :data:`KNOWN_DETAILS`; anything else gets a code from its ``slug`` or
its HTTP status. Field errors carry pydantic's error type as their ``code`` and its context
(``min_length``, ``expected``…) as ``params``.
"""

from __future__ import annotations

import logging
import re
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
        code: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug
        self.title = title or HTTPStatus(status).phrase
        self.field = field
        self.errors = errors or []
        self.headers = headers or {}
        self.code = code
        self.params = params or {}


def not_found(what: str, id: Any) -> Problem:
    # the same answer whether the id does not exist or belongs to another workspace
    return Problem(
        404,
        f"{what} {id} was not found in this workspace; check the id against the list",
        slug="not-found", code="not_found",
        params={"resource": re.sub(r"\W+", "_", what.strip().lower()), "id": id},
    )


# Messages the services raise as plain text (a ValueError the route passes on), with the code
# and the params (the named groups) a client translates them from. First match wins.
KNOWN_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^no product matches the catalog filter"), "batch.no_products"),
    (re.compile(r"^the filter asks for more than (?P<max>\d+) videos"), "batch.too_many_videos"),
    (re.compile(r"^a batch needs at least one video"), "batch.empty"),
    (re.compile(r"^item (?P<item>\d+) \([^)]*\): product (?P<product>\d+) not found"),
     "batch.product_missing"),
    (re.compile(r"^(?:item (?P<item>\d+) \([^)]*\): )?format must be one of (?P<allowed>.+)$"),
     "batch.bad_format"),
    (re.compile(r"^no video generator named (?P<names>.+?); available: (?P<available>.*?) \("),
     "generator.unknown"),
    (re.compile(r"^since is after until"), "range.swapped"),
    (re.compile(r"^candidate group (?P<id>\S+) was not found"), "not_found"),
    (re.compile(r"^video (?P<id>\d+) is (?P<status>\w+); select a finished candidate"),
     "candidates.not_finished"),
    (re.compile(r"^email or password is wrong"), "auth.wrong_password"),
    (re.compile(r"^sign in \(POST"), "auth.signed_out"),
    (re.compile(r"^rate limit of (?P<rate>[\d.]+) requests/s .*retry after (?P<seconds>\d+) s"),
     "rate_limited"),
    (re.compile(r"^the request body is larger than the (?P<limit>[\d,]+)-byte limit"),
     "too_large"),
]
_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 406: "not_acceptable", 409: "conflict",
                 413: "too_large", 415: "unsupported_media_type", 422: "invalid_input",
                 429: "rate_limited", 500: "server_error", 501: "not_implemented",
                 503: "unavailable"}  # fmt: skip


def problem_code(
    status: int, detail: str, slug: str | None, field: str | None,
    code: str | None = None, params: dict[str, Any] | None = None,
) -> tuple[str, dict[str, Any]]:
    """The stable code and params of a problem: given, recognised from the text, or generic."""
    out: dict[str, Any] = {"field": field} if field else {}
    if code:
        return code, {**out, **(params or {})}
    for pattern, known in KNOWN_DETAILS:
        found = pattern.search(detail)
        if found:
            named = {k: v for k, v in found.groupdict().items() if v is not None}
            if known == "not_found" and detail.startswith("candidate group"):
                named["resource"] = "candidate_group"
            return known, {**out, **named, **(params or {})}
    generic = slug.replace("-", "_") if slug and slug != "validation" else None
    if slug == "validation":
        generic = "invalid_input"
    return generic or _STATUS_CODES.get(status, f"http_{status}"), {**out, **(params or {})}


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
    code: str | None = None,
    params: dict[str, Any] | None = None,
) -> JSONResponse:
    field = field or (errors[0].field if errors else None)
    code, params = problem_code(status, detail, slug, field, code, params)
    body = ProblemDetails(
        type=PROBLEM_BASE + slug if slug else "about:blank",
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
    return problem_response(request, 422, detail, slug="validation", errors=errors,
                            code="validation", params={"count": len(errors)})


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
        code=exc.code,
        params=exc.params,
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
        request, 404, f"{exc}; it does not exist in this workspace", slug="not-found",
        code="not_found",
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
