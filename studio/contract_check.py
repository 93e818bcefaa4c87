"""Does an object satisfy a plugin contract? Every missing or wrong member, in words.

``isinstance(obj, VideoGenerator)`` only says yes or no; a plugin author needs to know which
member is missing (``capabilities()``), which is not a method, which cannot be called the
way the studio calls it (``generate(request, progress)``), and which attribute has the wrong
type. The plugin host and ``studio.testing`` both use :func:`contract_problems`.
"""

from __future__ import annotations

import inspect
from typing import Any

from studio.contracts import DataSource

# a name is what sellers and API calls choose an object by: it must be text
_TEXT = ("name",)


def members(protocol: type) -> tuple[list[str], list[str]]:
    """(attributes, methods) a protocol declares, in declaration order."""
    attributes = [n for n in getattr(protocol, "__annotations__", {}) if not n.startswith("_")]
    methods = [n for n, v in vars(protocol).items()
               if not n.startswith("_") and inspect.isfunction(v)]
    return attributes, methods


def call_form(protocol: type, method: str) -> str:
    """``generate(request, progress)``: how the studio calls a method of the contract."""
    parameters = list(inspect.signature(getattr(protocol, method)).parameters.values())[1:]
    return f"{method}({', '.join(_shown(p) for p in parameters)})"


def _shown(parameter: inspect.Parameter) -> str:
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY:
        return f"{parameter.name}=…"
    return parameter.name


def contract_problems(obj: Any, protocol: type) -> list[str]:
    """What keeps ``obj`` from satisfying ``protocol``; empty when it does."""
    problems: list[str] = []
    attributes, methods = members(protocol)
    for attribute in attributes:
        if not hasattr(obj, attribute):
            problems.append(f"attribute `{attribute}` is missing")
            continue
        value = getattr(obj, attribute)
        if attribute in _TEXT and (not isinstance(value, str) or not value.strip()):
            problems.append(f"`{attribute}` is {value!r} ({type(value).__name__}); make it a "
                            "non-empty str such as 'collage'")
        if protocol is DataSource and attribute == "kinds":
            problems.extend(_kinds_problem(value))
    for method in methods:
        form = call_form(protocol, method)
        if not hasattr(obj, method):
            problems.append(f"method `{form}` is missing")
            continue
        value = getattr(obj, method)
        if not callable(value):
            problems.append(f"`{method}` is a {type(value).__name__}, not a method; define "
                            f"`{method}` as a method called as `{form}`")
            continue
        problem = _call_problem(value, getattr(protocol, method))
        if problem:
            problems.append(f"`{method}` cannot be called as `{form}`: {problem}")
    return problems


def _kinds_problem(value: Any) -> list[str]:
    allowed = ("products", "ad_stats", "orders")
    if isinstance(value, str) or not isinstance(value, tuple | list | set | frozenset):
        return [f"`kinds` is {value!r}; make it a tuple such as (\"products\",)"]
    wrong = [kind for kind in value if kind not in allowed]
    if wrong or not value:
        return [f"`kinds` is {tuple(value)!r}; each must be one of {', '.join(allowed)}"]
    return []


def _call_problem(method: Any, declared: Any) -> str | None:
    """Why ``method`` cannot take the arguments the studio passes to ``declared``."""
    try:
        signature = inspect.signature(method)
    except (TypeError, ValueError):  # a builtin or C callable: nothing to check
        return None
    parameters = list(inspect.signature(declared).parameters.values())[1:]
    args = [object() for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    kwargs = {p.name: object() for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}
    try:
        signature.bind(*args, **kwargs)
    except TypeError as exc:
        return str(exc)
    return None
