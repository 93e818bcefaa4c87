"""Shapes shared by several resources."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field

# an id a request names: positive and within BIGINT, so a huge number is a 422, never a
# database overflow
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]


def _a_number(value: Any) -> Any:
    if isinstance(value, bool | str):  # lax pydantic reads `true` as 1 and "5" as 5
        raise ValueError("send a number, e.g. 10")
    return value


# a count in a JSON body: a JSON number (10, also 10.0) and nothing else
Count = Annotated[int, BeforeValidator(_a_number)]


class RowRejection(BaseModel):
    """A row of an imported file that could not be used, and why."""

    row_number: int | None = None
    reason: str
    raw: dict[str, Any] = {}
