"""The plugin host: loads built-in, installed and loose plugins and keeps what they register.

Built-ins are ordinary plugin modules listed in DEFAULT_PLUGINS and registered through exactly
the same path as a third-party package's entry point (group ``studio``) or a loose ``*.py``
file in the plugins folder. A plugin that fails to import or raises while registering is
skipped and reported with its error; the studio keeps running.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import importlib.util
import inspect
import logging
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from studio import __version__, hookspecs
from studio.config import get_settings
from studio.contracts import AIService, DataSource, VideoGenerator

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "studio"

DEFAULT_PLUGINS: tuple[str, ...] = (
    "plugins.csv_catalog",
    "plugins.shopify",
    "plugins.google_sheets",
    "plugins.meta_ads",
    "plugins.tiktok_ads",
    "plugins.template_generator",
    "plugins.sora", "plugins.veo", "plugins.seedance",
    "plugins.gemini_ai", "plugins.openai_ai", "plugins.claude_ai", "plugins.local_ai",
)

# hook name -> (kind shown to people, protocol the registered object must satisfy)
REGISTRIES: dict[str, tuple[str, type | None]] = {
    "register_generators": ("generator", VideoGenerator),
    "register_analyzers": ("ai-service", AIService),
    "register_data_sources": ("data-source", DataSource),
    "register_templates": ("templates", None),
}


@dataclass
class PluginRecord:
    """What the studio knows about one plugin, as `studio plugins` shows it."""

    name: str
    source: str  # builtin | entry-point | plugins-dir
    version: str = "0"
    status: str = "loaded"  # loaded | failed | disabled
    error: str | None = None  # why it failed, with the plugin's own file and line
    reason: str | None = None  # the same without the location: "RuntimeError: …"
    hooks: list[str] = field(default_factory=list)
    registered: list[tuple[str, str]] = field(default_factory=list)  # (kind, name)
    warnings: list[str] = field(default_factory=list)
    # (kind, name) of everything it tried to register, accepted or not: a request naming one
    # of a failed plugin's objects is told the plugin failed, not that the name is unknown
    attempted: list[tuple[str, str]] = field(default_factory=list)

    @property
    def kinds(self) -> list[str]:
        kinds = sorted({kind for kind, _ in self.registered})
        if "register_commands" in self.hooks:
            kinds.append("commands")
        return kinds


class ContractError(TypeError):
    """A registered object does not satisfy its contract; names what is missing or wrong."""

    def __init__(self, message: str, *, defined_at: str | None = None) -> None:
        super().__init__(message)
        self.defined_at = defined_at


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _location(exc: BaseException) -> str:
    """The deepest frame of the traceback that is the plugin's, not the host's or importlib's:
    where the plugin raised, or where it called ``register`` with a wrong object."""
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__)
              if frame.filename != __file__ and not frame.filename.startswith("<frozen")]
    where = [f"at {frames[-1].filename}:{frames[-1].lineno}"] if frames else []
    defined_at = getattr(exc, "defined_at", None)
    if defined_at:
        where.append(f"defined at {defined_at}")
    return f" ({'; '.join(where)})" if where else ""


def _error_text(exc: BaseException) -> str:
    return _reason(exc) + _location(exc)


def _defined_at(obj: Any) -> str | None:
    try:
        cls = type(obj)
        return f"{inspect.getsourcefile(cls)}:{inspect.getsourcelines(cls)[1]}"
    except (OSError, TypeError):  # defined in a string or the interpreter: nothing to show
        return None


def _check_contract(obj: Any, name: str, protocol: type) -> None:
    from studio.contract_check import contract_problems

    problems = contract_problems(obj, protocol)
    if problems:
        shown = f"{type(obj).__name__} {name!r}" if hasattr(obj, "name") else type(obj).__name__
        raise ContractError(f"{shown} does not satisfy the {protocol.__name__} contract "
                            f"(studio.contracts): {'; '.join(problems)}",
                            defined_at=_defined_at(obj))


def _object_name(obj: Any) -> str:
    if isinstance(obj, Path):
        return obj.name if obj.name != "template.yaml" else obj.parent.name
    return str(getattr(obj, "name", obj))


class PluginHost:
    """One plugin manager plus the objects its plugins registered, keyed by kind and name."""

    def __init__(self, *, allow: set[str] | None = None, plugins_dir: Path | None = None) -> None:
        self.pm = pluggy.PluginManager("studio")
        self.pm.add_hookspecs(hookspecs)
        self.allow = allow
        self.plugins_dir = plugins_dir
        self.records: dict[str, PluginRecord] = {}
        self.objects: dict[str, dict[str, Any]] = {kind: {} for kind, _ in REGISTRIES.values()}
        self._owner: dict[tuple[str, str], str] = {}

    # --- loading ---------------------------------------------------------------------------

    def load(self) -> PluginHost:
        for module_name in DEFAULT_PLUGINS:
            self._load(
                module_name.rsplit(".", 1)[-1],
                "builtin",
                __version__,
                functools.partial(importlib.import_module, module_name),
            )
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            version = ep.dist.version if ep.dist else "0"
            self._load(ep.name, "entry-point", version, ep.load)
        if self.plugins_dir and self.plugins_dir.is_dir():
            for path in sorted(self.plugins_dir.glob("*.py")):
                self._load(path.stem, "plugins-dir", None, functools.partial(_import_file, path))
        self.collect()
        return self

    def _load(
        self, name: str, source: str, version: str | None, importer: Callable[[], ModuleType]
    ) -> None:
        if name in self.records:
            self.records[name].warnings.append(
                f"a second plugin named {name!r} ({source}) was ignored"
            )
            return
        record = PluginRecord(name=name, source=source, version=version or "0")
        self.records[name] = record
        if self.allow is not None and name not in self.allow:
            record.status = "disabled"
            record.error = "not in STUDIO_PLUGINS"
            return
        try:
            module = importer()
            if version is None:
                record.version = str(getattr(module, "__version__", "0"))
            self.pm.register(module, name=name)
        except Exception as exc:  # a broken plugin must never stop the studio
            self._fail(record, exc)
            return
        record.hooks = sorted(caller.name for caller in self.pm.get_hookcallers(module) or ())

    # --- collecting what plugins register ---------------------------------------------------

    def collect(self) -> None:
        """Call every registry hook once per plugin, so each object is attributed to its plugin."""
        for kinds in self.objects.values():
            kinds.clear()
        self._owner.clear()
        for record in self.records.values():
            record.registered.clear()
            if record.status == "loaded":
                record.attempted.clear()
        for hook_name, (kind, protocol) in REGISTRIES.items():
            hook = getattr(self.pm.hook, hook_name)
            for impl in hook.get_hookimpls():  # registration order
                owner = self.records.get(impl.plugin_name)
                if owner is None or owner.status != "loaded":
                    continue
                register = self._register_callback(owner, kind, protocol)
                try:
                    impl.function(register=register)
                except Exception as exc:
                    self._fail(owner, exc, f"while registering ({hook_name}): ")
                    self._forget(owner)

    def _fail(self, record: PluginRecord, exc: BaseException, doing: str = "") -> None:
        """Mark ``record`` failed, and log it once: every process says at start what failed."""
        record.status = "failed"
        record.reason = doing + _reason(exc)
        record.error = doing + _error_text(exc)
        logger.warning("plugin %s failed to load: %s", record.name, record.error)

    def _register_callback(
        self, record: PluginRecord, kind: str, protocol: type | None
    ) -> Callable[[Any], None]:
        def register(obj: Any) -> None:
            if kind == "templates":
                obj = Path(obj)
            name = _object_name(obj)
            record.attempted.append((kind, name))
            if protocol is not None:
                _check_contract(obj, name, protocol)
            owner = self._owner.get((kind, name))
            if owner is not None:
                record.warnings.append(f"{kind} {name!r} is already registered by {owner}; skipped")
                return
            self.objects[kind][name] = obj
            self._owner[(kind, name)] = record.name
            record.registered.append((kind, name))

        return register

    def _forget(self, record: PluginRecord) -> None:
        for kind, name in record.registered:
            self.objects[kind].pop(name, None)
            self._owner.pop((kind, name), None)
        record.registered.clear()

    def add_commands(self, cli: Any) -> None:
        """Let each plugin add CLI commands; a plugin that raises is reported, not fatal."""
        for impl in self.pm.hook.register_commands.get_hookimpls():
            record = self.records.get(impl.plugin_name)
            if record is None or record.status != "loaded":
                continue
            try:
                impl.function(cli=cli)
            except Exception as exc:
                self._fail(record, exc, "while adding commands: ")

    def describe(self, record: PluginRecord) -> dict[str, Any]:
        """A plugin as `studio plugins --json` and `GET /api/v1/plugins` show it."""
        provides = []
        for kind, name in record.registered:
            entry: dict[str, Any] = {"kind": kind, "name": name}
            obj: Any = self.objects[kind].get(name)
            if hasattr(obj, "version"):
                entry["version"] = str(obj.version)
            for attr, key in (("capabilities", "capabilities"), ("configuration", "configuration")):
                method = getattr(obj, attr, None)
                if callable(method):
                    try:
                        value = method()
                        entry[key] = (
                            value.model_dump(mode="json") if hasattr(value, "model_dump") else value
                        )
                    except Exception as exc:
                        entry[key] = {"error": _error_text(exc)}
            provides.append(entry)
        status = record.status
        if status == "loaded" and any(
            isinstance(p.get("configuration"), dict)
            and p["configuration"].get("configured") is False
            for p in provides
        ):
            status = "not configured"
        return {
            "name": record.name,
            "version": record.version,
            "kind": ", ".join(record.kinds) or "none",
            "source": record.source,
            "status": status,
            "error": record.error,
            "hooks": record.hooks,
            "provides": provides,
            "warnings": record.warnings,
        }

    # --- temporary registration (tests, the plugin author's kit) ----------------------------

    @contextlib.contextmanager
    def temporary(self, plugin: Any, name: str) -> Iterator[PluginRecord]:
        """Register ``plugin`` for the duration of a ``with`` block, then always unregister it."""
        record = PluginRecord(name=name, source="temporary")
        self.records[name] = record
        try:
            self.pm.register(plugin, name=name)
            record.hooks = sorted(c.name for c in self.pm.get_hookcallers(plugin) or ())
            self.collect()
            yield record
        finally:
            if self.pm.get_plugin(name) is not None:
                self.pm.unregister(name=name)
            self.records.pop(name, None)
            self.collect()

    # --- lookups ---------------------------------------------------------------------------

    def failure(self, kind: str, name: str) -> PluginRecord | None:
        """The failed plugin a missing ``kind`` ``name`` was to come from: the plugin of that
        name, or one that tried to register it before it failed."""
        for record in self.records.values():
            if record.status == "failed" and (record.name == name
                                              or (kind, name) in record.attempted):
                return record
        return None

    def get(self, kind: str, name: str) -> Any:
        try:
            return self.objects[kind][name]
        except KeyError:
            known = ", ".join(sorted(self.objects[kind])) or "none"
            raise LookupError(f"no {kind} named {name!r} (available: {known})") from None


def _import_file(path: Path) -> ModuleType:
    module_name = f"studio_local_plugin_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


_host: PluginHost | None = None
_loading = threading.RLock()  # the API loads plugins on a thread at start while requests may ask


def get_host() -> PluginHost:
    """The process-wide plugin host, loaded once on first use."""
    global _host
    if _host is not None:
        return _host
    with _loading:
        if _host is None:
            settings = get_settings()
            allow = ({name.strip() for name in settings.plugins.split(",") if name.strip()}
                     if settings.plugins is not None else None)
            _host = PluginHost(allow=allow, plugins_dir=settings.plugins_dir).load()
    return _host


def reset_host() -> None:
    """Forget the loaded plugins (tests change settings and load again)."""
    global _host
    with _loading:  # after a load under way: it must not come back as the host afterwards
        _host = None


def get_plugin_manager() -> pluggy.PluginManager:
    return get_host().pm


def get_generator(name: str) -> VideoGenerator:
    return get_host().get("generator", name)


def get_analyzer(name: str) -> AIService:
    return get_host().get("ai-service", name)


def get_data_source(name: str) -> DataSource:
    return get_host().get("data-source", name)


def template_paths() -> dict[str, Path]:
    return dict(get_host().objects["templates"])


def plugin_templates() -> list[tuple[str, Path]]:
    """(plugin, path) of every template a plugin registered, in registration order."""
    host = get_host()
    return [(record.name, host.objects["templates"][name])
            for record in host.records.values()
            for kind, name in record.registered if kind == "templates"]
