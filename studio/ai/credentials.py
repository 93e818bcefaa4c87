"""Credentials per plugin from settings/env, and the "not configured" status with what to set.

A key is looked up as ``STUDIO_<NAME>`` first (the studio's own settings namespace, also read
from ``.env``), then as the provider's usual variable ``<NAME>`` (e.g. ``OPENAI_API_KEY``), so a
machine already set up for the provider's SDK works unchanged. Keys are never logged.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studio.contracts import Configuration, PluginError


@dataclass(frozen=True)
class Credential:
    """One setting a plugin needs; ``names`` are alternatives (any one will do)."""

    names: tuple[str, ...]
    what: str  # e.g. "an OpenAI API key (platform.openai.com → API keys)"


@lru_cache
def _dotenv() -> dict[str, str]:
    path = Path.cwd() / ".env"
    values: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip().strip("'\"")
    return values


def read_credential(*names: str) -> str | None:
    """The first non-empty value of ``STUDIO_<name>`` or ``<name>`` in the env or ``.env``."""
    dotenv = _dotenv()
    for name in names:
        for key in (f"STUDIO_{name}", name):
            value = os.environ.get(key) or dotenv.get(key)
            if value:
                return value
    return None


def configuration_for(
    plugin: str, needed: Sequence[Credential], *, sdk: str | None = None, sdk_package: str = ""
) -> Configuration:
    """Whether ``plugin`` can run here; if not, which settings (or SDK) are missing."""
    missing: list[str] = []
    hints: list[str] = []
    if sdk is not None:
        # find_spec, not import: listing plugins must not pay seconds of SDK import time
        try:
            found = importlib.util.find_spec(sdk) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(f"python package {sdk_package or sdk}")
            hints.append(
                f"install it: pip install '{sdk_package or sdk}' (or 'studio[cloud]')"
            )
    for credential in needed:
        if read_credential(*credential.names) is None:
            missing.append(credential.names[0])
            hints.append(
                f"set {credential.names[0]} (or STUDIO_{credential.names[0]}) to {credential.what}"
            )
    if not missing:
        return Configuration(configured=True)
    return Configuration(
        configured=False,
        missing=missing,
        hint=f"{plugin} is not configured: " + "; ".join(hints)
        + ". The studio keeps working without it.",
    )


def require(configuration: Configuration) -> None:
    """Raise a clear, non-transient error when a plugin is used without its settings."""
    if not configuration.configured:
        raise PluginError(configuration.hint, transient=False)
