"""Reading a request body the way the fakes need: a form, a multipart form, or JSON."""

from __future__ import annotations

import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs


def read_body(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, bytes]]:
    """(fields, files) of a POST body; a JSON body's top level becomes the fields."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == "application/json":
        data: Any = json.loads(body or b"{}")
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}, {}
    if kind == "multipart/form-data":
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        fields: dict[str, str] = {}
        files: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[str(name)] = payload
            else:
                fields[str(name)] = payload.decode("utf-8")
        return fields, files
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}, {}
