"""What plugins are installed, what each provides, and which failed and why.

``studio plugins`` and ``GET /api/v1/plugins`` show these same rows. A plugin that loaded but
registered a template that does not load is ``loaded with errors``, its errors in ``error``
(one per line): its other objects work, that template does not.
"""

from __future__ import annotations

from pathlib import Path

from studio.schemas.plugins import PluginPublic, PluginsPublic

WORKING = ("loaded", "loaded with errors", "not configured")


def list_plugins(*, everything: bool = True) -> PluginsPublic:
    """Every plugin the studio found (``everything``), or only those that work."""
    return plugins_and_failures(everything=everything)[0]


def plugins_and_failures(*, everything: bool = True) -> tuple[PluginsPublic, list[PluginPublic]]:
    """The rows :func:`list_plugins` gives, and every plugin that failed (shown or not)."""
    from studio.plugins import get_host

    host = get_host()
    rows = []
    for record in host.records.values():
        row = host.describe(record)
        templates = [host.objects["templates"][name] for kind, name in record.registered
                     if kind == "templates"]
        # built-in templates are checked by the studio's own tests; a third party's here
        errors = _template_errors(templates) if templates and record.source != "builtin" else []
        if errors and row["status"] in ("loaded", "not configured"):
            row["status"] = "loaded with errors"
            row["error"] = "\n".join(errors)
        rows.append(PluginPublic(**row))
    failed = [row for row in rows if row.status == "failed"]
    if not everything:
        rows = [row for row in rows if row.status in WORKING]
    return PluginsPublic(data=rows, count=len(rows)), failed


def _template_errors(paths: list[Path]) -> list[str]:
    from studio.templating.registry import template_problems

    return [problem for path in paths for problem in template_problems(path)]
