"""Hook specifications: the whole surface a plugin author writes against.

Every registry hook receives a ``register`` callback owned by the core, so the core
decides what a name clash means and remembers which plugin registered what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pluggy import HookimplMarker, HookspecMarker

hookspec = HookspecMarker("studio")
hookimpl = HookimplMarker("studio")


@hookspec
def register_generators(register: Callable[[Any], None]) -> None:
    """Register video generators.

    :param register: call ``register(generator)`` once per generator; the object must satisfy
        :class:`studio.contracts.VideoGenerator` (``name``, ``version``, ``capabilities()``,
        ``generate(request, progress)``).
    :returns: nothing; the return value is ignored.
    """


@hookspec
def register_analyzers(register: Callable[[Any], None]) -> None:
    """Register AI services (video analysis, prompts, copy, text analysis).

    :param register: call ``register(service)`` once per service; the object must satisfy
        :class:`studio.contracts.AIService`.
    :returns: nothing; the return value is ignored.
    """


@hookspec
def register_data_sources(register: Callable[[Any], None]) -> None:
    """Register data sources (catalogs, ad statistics, orders).

    :param register: call ``register(source)`` once per source; the object must satisfy
        :class:`studio.contracts.DataSource`.
    :returns: nothing; the return value is ignored.
    """


@hookspec
def register_templates(register: Callable[[Any], None]) -> None:
    """Register video templates.

    :param register: call ``register(path)`` with the path of a template folder or YAML file
        (a ``pathlib.Path``); the core validates the spec when it loads it.
    :returns: nothing; the return value is ignored.
    """


@hookspec
def register_commands(cli: Any) -> None:
    """Add commands to the ``studio`` command line.

    :param cli: the root :class:`typer.Typer` application; call ``cli.command()`` or
        ``cli.add_typer()`` on it.
    :returns: nothing; the return value is ignored.
    """
