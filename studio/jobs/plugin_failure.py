"""When a plugin's code fails, its story: which plugin, what exception, where.

A plugin author whose ``generate`` raised ``KeyError('simulated-bug')`` needs more than
``'simulated-bug'``: the plugin's name, the exception's type and the traceback down to the
line of their own file. The worker marks an exception raised inside a plugin call with the
plugin's name (:func:`calling`); when the step fails, the story is kept with the job
(``job.payload["failure"]``), written to the worker log with the traceback, and shown by
``studio videos show`` and the API's video detail to the workspace that owns the video.

Paths in the traceback are shortened (``<site-packages>/collage.py``) so the story names the
author's file without telling every workspace where the server keeps its installation.
"""

from __future__ import annotations

import site
import sys
import sysconfig
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from studio.jobs.errors import Cancelled

# kept with the exception while it travels up to the step's failure handler
_MARK = "studio_plugin"
# a traceback longer than this keeps its last lines (the plugin's own frames are deepest)
MAX_TRACEBACK_CHARS = 8000


@contextmanager
def calling(plugin: str) -> Iterator[None]:
    """Mark an exception raised by the plugin's code as that plugin's (cancelling is not a
    failure, and an exception already marked keeps the plugin that raised it first)."""
    try:
        yield
    except Cancelled:
        raise
    except Exception as exc:
        if getattr(exc, _MARK, None) is None:
            try:
                setattr(exc, _MARK, plugin)
            except (AttributeError, TypeError):  # an exception type with __slots__
                pass
        raise


def plugin_of(exc: BaseException) -> str | None:
    """The plugin whose code raised ``exc``, or None when the studio's own code did."""
    name = getattr(exc, _MARK, None)
    return name if isinstance(name, str) else None


def one_line(plugin: str, exc: BaseException, message: str) -> str:
    """The video's error. An unexpected exception names the plugin and its type
    (``collage failed: KeyError: 'simulated-bug'``); a message written for the seller (a
    PluginError, or an error type of the studio's own) keeps its words, after the plugin's
    name when the plugin is not one of the studio's own."""
    if not _written_for_sellers(exc):
        return f"{plugin} failed: {type(exc).__name__}: {message}"
    return message if _builtin(plugin) else f"{plugin}: {message}"


# packages whose exceptions carry messages written for the seller
_OWN_PACKAGES = ("studio.", "plugins.", "media.", "api.")


def _written_for_sellers(exc: BaseException) -> bool:
    from studio.contracts import PluginError

    return isinstance(exc, PluginError) or type(exc).__module__.startswith(_OWN_PACKAGES)


def _builtin(plugin: str) -> bool:
    from studio.plugins import get_host

    return any(record.source == "builtin" and any(name == plugin for _, name in
                                                  record.registered)
               for record in get_host().records.values())


def story(plugin: str, exc: BaseException) -> dict[str, Any]:
    """What the job keeps: plugin, type, message, traceback and the deepest frame's place."""
    frames = traceback.extract_tb(exc.__traceback__)
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    text = short_paths(text)
    if len(text) > MAX_TRACEBACK_CHARS:
        text = "…\n" + text[-MAX_TRACEBACK_CHARS:]
    where = None
    if frames:
        where = f"{short_paths(frames[-1].filename)}:{frames[-1].lineno}"
    return {
        "plugin": plugin,
        "type": f"{type(exc).__module__}.{type(exc).__qualname__}"
        if type(exc).__module__ != "builtins" else type(exc).__qualname__,
        "message": str(exc),
        "raised_at": where,
        "traceback": text,
    }


def _prefixes() -> list[tuple[str, str]]:
    """Installation folders, longest first, and the short name each is shown as."""
    places: list[tuple[str, str]] = []
    for folder in {*site.getsitepackages(), site.getusersitepackages(),
                   sysconfig.get_paths().get("purelib", ""),
                   sysconfig.get_paths().get("platlib", "")}:
        if folder:
            places.append((str(Path(folder)), "<site-packages>"))
    places.append((str(Path(sysconfig.get_paths().get("stdlib", sys.prefix))), "<python>"))
    places.append((str(Path(__file__).resolve().parents[2]), "<studio>"))
    places.append((str(Path.home()), "~"))
    return sorted(places, key=lambda pair: len(pair[0]), reverse=True)


def short_paths(text: str) -> str:
    for folder, short in _prefixes():
        if folder and folder != "/":
            text = text.replace(folder, short)
    return text
