"""Errors as data: one family every service raises, with a stable ``code``.

A service says *what* went wrong (``batch.no_products``), *where* (``field``) and *with which
values* (``params``); the English sentence comes from :data:`MESSAGES` in
``studio/error_messages.py``. Each door presents the same error its own way — the API maps
the error's kind to an HTTP status in one table (``api/errors.py``), the command line prints
the sentence, the web studio translates by ``code`` — and nobody parses a message.

The kinds are few on purpose; a code belongs to exactly one:

======================  =========================================================
kind                    meaning
======================  =========================================================
``invalid``             the input is wrong; the message says what to send instead
``not_found``           no such thing in this workspace (another's is not named)
``conflict``            the thing is in a state that does not allow this now
``not_ready``           the thing exists but has nothing to give yet
``unauthorized``        who is asking is unknown
``forbidden``           known, but not allowed to do this
``too_large``           the request or file is over a limit
``rate_limited``        too many requests; ``params["retry_after"]`` seconds
``unavailable``         a service the studio needs is down; retry later
======================  =========================================================
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

Kind = Literal["invalid", "not_found", "conflict", "not_ready", "unauthorized", "forbidden",
               "too_large", "rate_limited", "unavailable"]


class StudioError(Exception):
    """An error a user can act on: ``code`` + ``params`` (+ the input ``field``)."""

    kind: ClassVar[Kind] = "invalid"

    def __init__(self, code: str, message: str | None = None, *, field: str | None = None,
                 **params: Any) -> None:
        from studio.error_messages import message_for

        self.code = code
        self.field = field
        self.params = {k: v for k, v in params.items() if v is not None}
        self.message = message or message_for(code, self.params)
        super().__init__(self.message)

    def at(self, field: str | None) -> StudioError:
        """The same error pointing at ``field`` (a door knows its own field names)."""
        self.field = field
        return self

    def as_dict(self) -> dict[str, Any]:
        """The JSON a script reads from any door (``--json`` on the CLI, the API's problem)."""
        return {"code": self.code, "message": self.message, "field": self.field,
                "params": _plain(self.params)}


class InvalidInput(StudioError, ValueError):
    kind = "invalid"


class NotFound(StudioError, LookupError):
    kind = "not_found"

    def __init__(self, resource: str, id: Any = None, *, code: str = "not_found",
                 field: str | None = None, **params: Any) -> None:
        # ``resource`` is a key the web studio translates (``ad_import``); ``name`` reads well
        key = resource.strip().lower().replace(" ", "_")
        params.setdefault("name", _NAMES.get(key) or key.replace("_", " ").capitalize())
        super().__init__(code, field=field, resource=key, id=id, **params)


_NAMES = {"api_key": "API key"}


class Conflict(StudioError):
    kind = "conflict"


class NotReady(StudioError):
    kind = "not_ready"


class Unauthorized(StudioError):
    kind = "unauthorized"


class Forbidden(StudioError):
    kind = "forbidden"


class TooLarge(StudioError):
    kind = "too_large"


class RateLimited(StudioError):
    kind = "rate_limited"


class Unavailable(StudioError):
    kind = "unavailable"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
