"""Control characters refused at the door: every text a request carries, before any route.

One dependency of every ``/api/v1`` route (wired in ``api/main.py``) reads what the request
sends — path parameters, the query string, a JSON body, a form's fields and file names — and
answers 422 ``text.control_characters`` naming the first field holding a NUL byte or another
C0 control character (``body.images[0]``) and its position. Free text keeps its line breaks
and tabs: ``description`` and ``prompt`` fields (a generator's ``options.prompt`` too), and
the values inside free-form objects (``attributes``, ``overrides``, ``config``); their keys
are names and keep none.

The body is the one FastAPI has already read (and, for a form, parsed): nothing is read twice.
"""

from __future__ import annotations

import json

from fastapi import Request
from starlette.datastructures import UploadFile

from studio.control_characters import refuse_control_characters, refuse_in_document

FREE_TEXT_FIELDS = frozenset({"description", "prompt"})
FREE_FORM_OBJECTS = frozenset({"attributes", "overrides", "config"})
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


async def refuse_control_characters_in_request(request: Request) -> None:
    """Raise ``InvalidInput`` (422) at the first text with a control character."""
    for name, value in request.path_params.items():
        if isinstance(value, str):
            refuse_control_characters(value, f"path.{name}")
    for name, value in request.query_params.multi_items():
        refuse_control_characters(name, f"query[{ascii(name)}]")
        refuse_control_characters(value, f"query.{name}")
    route = request.scope.get("route")
    if getattr(route, "body_field", None) is None:
        return  # the route takes no body: nothing of it is kept
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith(FORM_TYPES):
        form = await request.form()
        for name, item in form.multi_items():
            free = name in FREE_TEXT_FIELDS
            if isinstance(item, UploadFile):
                refuse_control_characters(item.filename or "", f"body.{name}.filename")
            else:
                refuse_control_characters(item, f"body.{name}", free_text=free)
        return
    body = await request.body()
    if not body:
        return
    try:
        document = json.loads(body)
    except ValueError:
        return  # not JSON: the route's own validation answers
    refuse_in_document(document, "body", free_text=FREE_TEXT_FIELDS,
                       free_form=FREE_FORM_OBJECTS)
