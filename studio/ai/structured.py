"""Validate an AI answer against its schema; an invalid answer keeps its raw text.

Models wrap JSON in prose or code fences now and then; one fenced block is accepted, anything
else that is not the schema is a :class:`StructuredAnswerError` carrying the raw text. Never a
half-filled object.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from studio.contracts import StructuredAnswerError

M = TypeVar("M", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def parse_structured(raw: str | dict[str, Any] | None, model: type[M], *, provider: str) -> M:
    raw_text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
    if raw is None or raw_text.strip() == "":
        raise StructuredAnswerError(
            f"{provider} returned an empty answer where a {model.__name__} was expected",
            raw_text=raw_text if raw is not None else "",
        )
    data: Any = raw
    if isinstance(raw, str):
        fenced = _FENCE.match(raw)
        text = fenced.group(1) if fenced else raw
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StructuredAnswerError(
                f"{provider} answer is not JSON ({exc.msg} at character {exc.pos}); "
                f"expected a {model.__name__}",
                raw_text=raw_text,
            ) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}"
            for err in exc.errors()[:5]
        )
        raise StructuredAnswerError(
            f"{provider} answer does not match {model.__name__}: {problems}", raw_text=raw_text
        ) from None


def json_schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The schema we send to providers: strict (no extra keys), every property listed."""
    schema = model.model_json_schema()
    schema.pop("title", None)
    return schema
