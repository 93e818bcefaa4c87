"""Dates and times in a query string, as the OpenAPI document says: ISO 8601 text only.

pydantic also reads a number as a Unix timestamp (``created_before=0.5`` would be a moment
in 1970), which the document (``format: date-time``) does not allow and no caller means: such
a value is refused with what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}([Tt ].*)?")


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and not _DATE.fullmatch(value.strip()):
        raise ValueError("write a date as YYYY-MM-DD, e.g. 2026-11-01")
    return value


def _iso_date_time(value: Any) -> Any:
    if isinstance(value, str) and not _DATE_TIME.fullmatch(value.strip()):
        raise ValueError("write a time in ISO 8601, e.g. 2026-11-01T00:00:00Z")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_date_time)]
