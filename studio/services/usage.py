"""What a workspace's videos cost to make (render time, AI seconds), per kind and currency."""

from __future__ import annotations

from datetime import datetime

from studio.db import Scope
from studio.errors import InvalidInput
from studio.schemas.usage import UsageLinePublic, UsagePublic


def usage(scope: Scope, *, since: datetime | None = None, until: datetime | None = None,
          video_id: int | None = None) -> UsagePublic:
    """Totals per kind and currency (currencies are never added together)."""
    from studio.usage import usage_summary

    for value, name in ((since, "since"), (until, "until")):
        if value is not None and value.tzinfo is None:
            raise InvalidInput("time.needs_zone", field=name, name=name)
    lines = usage_summary(scope.session, scope.workspace_id, since=since, until=until,
                          video_id=video_id)
    data = [UsageLinePublic(**vars(line)) for line in lines]
    return UsagePublic(data=data, count=len(data), since=since, until=until)
