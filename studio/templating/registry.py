"""Loading templates from folders, their versions, and the registry the studio asks.

A template is a folder with ``template.yaml`` and its assets (music, overlays). Its version
is a content hash of the spec and every asset file (the preview thumbnail excluded, since it
is made from the template), so editing a spec or swapping a song gives a new version.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from studio.templating.spec import TemplateSpec
from studio.templating.words import (
    DEFAULT_LANGUAGE,
    TemplateTexts,
    TextsError,
    label_in,
    load_texts,
    pick,
    yaml_mapping,
)

log = logging.getLogger(__name__)

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "templates"
SPEC_NAME = "template.yaml"
NOT_ASSETS = {"thumbnail.jpg", "README.md"}


class TemplateError(ValueError):
    """A template could not be loaded; the message names the file and the field."""


class TemplateNotFound(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Template:
    spec: TemplateSpec
    folder: Path
    version: str
    source: str = "builtin"  # or the plugin that registered it
    # its own words in every language (texts.yaml)
    texts: TemplateTexts = field(default_factory=TemplateTexts)

    @property
    def id(self) -> str:
        return self.spec.id

    def said(self, what: str, language: str) -> str:
        """The template's name, style or description in ``language`` (English: the spec's)."""
        own = str(getattr(self.spec, what))
        if language == DEFAULT_LANGUAGE:
            return own
        return pick(getattr(self.texts, what), language) or own

    @property
    def thumbnail(self) -> Path | None:
        path = self.folder / "thumbnail.jpg"
        return path if path.exists() else None

    def summary(self, language: str = DEFAULT_LANGUAGE) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.said("name", language),
            "version": self.version,
            "style": self.said("style", language),
            "description": self.said("description", language),
            "tags": self.spec.tags,
            "formats": self.spec.formats,
            "duration": self.spec.duration,
            "voiceover": self.spec.voiceover is not None,
            "source": self.source,
            "thumbnail": str(self.thumbnail) if self.thumbnail else None,
        }

    def describe(self, language: str = DEFAULT_LANGUAGE) -> dict[str, object]:
        """Summary plus the fields a UI turns into a form, worded in ``language``: labels,
        hints, a text's default and how each option of a choice reads."""
        return {
            **self.summary(language),
            "fields": {name: self._field(name, language) for name in self.spec.fields},
            "music_license": self.spec.music.license if self.spec.music else None,
        }

    def _field(self, name: str, language: str) -> dict[str, object]:
        spec = self.spec.fields[name]
        data: dict[str, object] = spec.model_dump(exclude_none=True)
        texts = self.texts
        data["label"] = label_in(spec.label, language, texts.labels.get(name))
        if spec.help:
            data["help"] = label_in(spec.help, language, texts.help.get(name))
        if spec.type == "text" and (own := texts.default_for(name, language)):
            data["default"] = own
        if spec.type == "choice":
            data["option_labels"] = {option: texts.choice_text(name, option, language)
                                     for option in spec.options}
        return data


def format_validation_error(exc: ValidationError, where: str) -> str:
    lines = []
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"] if part not in ("function-after",))
        # a check of the whole spec names its own place (scenes[0].main.image: …)
        message = str(error["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {loc + ': ' if loc else ''}{message}")
    return "\n".join(lines)


def parse_spec(text: str, where: str) -> TemplateSpec:
    data = yaml_mapping(text, where, "a template is a YAML mapping (id:, name:, fields:, ...)",
                        TemplateError)
    try:
        return TemplateSpec.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(format_validation_error(exc, where)) from None


def content_version(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name in NOT_ASSETS or path.name.startswith("."):
            continue
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def load_template(path: Path, *, source: str = "builtin") -> Template:
    """Load one template folder (or its template.yaml)."""
    path = Path(path)
    folder = path.parent if path.is_file() else path
    spec_file = path if path.is_file() else folder / SPEC_NAME
    if not spec_file.is_file():
        raise TemplateError(f"{folder}: no {SPEC_NAME} in this folder")
    spec = parse_spec(spec_file.read_text(encoding="utf-8"), str(spec_file))
    if spec.music and not (folder / spec.music.file).is_file():
        raise TemplateError(f"{spec_file}: music.file: {spec.music.file} is not in the folder")
    try:
        texts = load_texts(folder)
    except TextsError as exc:
        raise TemplateError(str(exc)) from None
    return Template(spec=spec, folder=folder.resolve(), version=content_version(folder),
                    source=source, texts=texts)


class TemplateRegistry:
    """Templates by id: the built-in folder, extra folders, and plugin registrations."""

    def __init__(self) -> None:
        self._templates: dict[str, Template] = {}
        self.problems: list[str] = []
        # plugin name -> what is wrong with the templates it registered
        self.plugin_problems: dict[str, list[str]] = {}

    def add(self, template: Template, *, replace: bool = False) -> None:
        if template.id in self._templates and not replace:
            other = self._templates[template.id]
            raise TemplateError(f"template id {template.id!r} from {template.folder} is "
                                f"already used by {other.folder} ({other.source})")
        self._templates[template.id] = template

    def load_folder(self, root: Path, *, source: str = "builtin") -> None:
        """Every sub-folder with a template.yaml; broken ones are recorded, not fatal."""
        for spec_file in sorted(Path(root).glob(f"*/{SPEC_NAME}")):
            try:
                self.add(load_template(spec_file.parent, source=source))
            except TemplateError as exc:
                self.problems.append(str(exc))

    def list(self) -> list[Template]:
        return sorted(self._templates.values(), key=lambda t: t.id)

    def ids(self) -> Iterable[str]:
        return sorted(self._templates)

    def get(self, template_id: str) -> Template:
        try:
            return self._templates[template_id]
        except KeyError:
            raise TemplateNotFound(
                f"no template {template_id!r}; available: {', '.join(self.ids()) or 'none'}"
            ) from None


_default: TemplateRegistry | None = None


def default_registry(*, reload: bool = False) -> TemplateRegistry:
    """Built-ins plus templates plugins register through ``register_templates``."""
    global _default
    if _default is None or reload:
        registry = TemplateRegistry()
        registry.load_folder(BUILTIN_DIR)
        _add_plugin_templates(registry)
        _default = registry
    return _default


def _add_plugin_templates(registry: TemplateRegistry) -> None:
    """Folders plugins registered through ``register_templates`` (collected by the host)."""
    try:
        from studio.plugins import plugin_templates

        registered = plugin_templates()
    except Exception as exc:  # no plugin host, or a broken one: the built-ins still work
        registry.problems.append(f"plugin templates not loaded: {exc}")
        return
    builtin = BUILTIN_DIR.resolve()
    for plugin, path in registered:
        folder = Path(path).resolve()
        folder = folder.parent if folder.is_file() else folder
        if folder.parent == builtin:
            continue  # the built-in plugin registering the built-in folders
        try:
            registry.add(load_template(folder, source="plugin"))
        except TemplateError as exc:
            registry.problems.append(str(exc))
            registry.plugin_problems.setdefault(plugin, []).append(str(exc))
            log.warning("plugin %s loaded with errors: template %s: %s", plugin, folder.name,
                        exc)


def template_problems(path: Path) -> list[str]:
    """What is wrong with a template a plugin registered (empty: it loads). Cheaper than
    the registry: nothing else is loaded, and a clash is looked for among built-in ids."""
    try:
        template = load_template(path, source="plugin")
    except TemplateError as exc:
        return str(exc).splitlines()
    if (BUILTIN_DIR / template.id / SPEC_NAME).is_file() \
            and template.folder != (BUILTIN_DIR / template.id).resolve():
        return [f"{template.folder}: template id {template.id!r} is already used by a "
                "built-in template; choose another id"]
    return []
