"""What plugins are installed, what each provides, and which failed and why."""

from __future__ import annotations

from studio.schemas.plugins import PluginPublic, PluginsPublic


def list_plugins(*, everything: bool = True) -> PluginsPublic:
    """Every plugin the studio found (``everything``), or only those that work."""
    from studio.plugins import get_host

    host = get_host()
    rows = [PluginPublic(**host.describe(record)) for record in host.records.values()]
    if not everything:
        rows = [row for row in rows if row.status in ("loaded", "not configured")]
    return PluginsPublic(data=rows, count=len(rows))
