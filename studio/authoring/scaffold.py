"""`studio plugins new NAME --kind KIND`: a plugin package that installs and passes its tests.

The package is what a third party publishes: ``pyproject.toml`` with the ``studio`` entry
point, the module under ``src/``, tests written with ``studio.testing`` and a README. The
files are kept in ``studio/authoring/files/`` with ``@@name@@``-style placeholders; the
generator's module is the minimal generator of docs/plugins.md (a test keeps them equal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

KINDS = ("generator", "ai-service", "data-source", "template")
NAME = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
SUMMARIES = {
    "generator": "A video generator for the studio.",
    "ai-service": "An AI service for the studio: video and text analysis, prompts, ad copy.",
    "data-source": "A data source for the studio: products from a JSON Lines file.",
    "template": "Video templates for the studio.",
}


@dataclass(frozen=True)
class PluginNames:
    """Every spelling of one plugin's name."""

    name: str  # collage-maker: the entry point, the registered object, the template id

    @property
    def module(self) -> str:
        return "studio_" + self.name.replace("-", "_")

    @property
    def dist(self) -> str:
        return "studio-" + self.name

    @property
    def cls(self) -> str:
        return "".join(part.capitalize() for part in self.name.split("-"))

    @property
    def title(self) -> str:
        return " ".join(part.capitalize() for part in self.name.split("-"))


def check_name(name: str) -> PluginNames:
    if not NAME.match(name):
        raise ValueError(f"{name!r} cannot name a plugin: use 3 to 40 lower-case letters, "
                         "digits and hyphens, starting with a letter (e.g. collage-maker)")
    return PluginNames(name)


def render(text: str, names: PluginNames, kind: str) -> str:
    values = {"name": names.name, "module": names.module, "dist": names.dist,
              "Class": names.cls, "Title": names.title, "kind": kind,
              "summary": SUMMARIES[kind]}
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    return text


def _template(kind: str, name: str) -> str:
    return (files("studio.authoring") / "files" / kind / name).read_text(encoding="utf-8")


def package_files(names: PluginNames, kind: str) -> dict[str, str]:
    """The package's files, path -> text, without writing anything."""
    if kind not in KINDS:
        raise ValueError(f"--kind {kind!r}: choose one of {', '.join(KINDS)}")
    module = f"src/{names.module}"
    package_data = ""
    made = {
        f"{module}/__init__.py": _template(kind, "module.py.tmpl"),
        f"tests/test_{names.module.removeprefix('studio_')}.py": _template(kind, "test.py.tmpl"),
    }
    if kind == "template":
        made[f"{module}/templates/{names.name}/template.yaml"] = _template(
            kind, "template.yaml.tmpl")
        package_data = f'[tool.setuptools.package-data]\n{names.module} = ["templates/*/*"]\n\n'
    readme = _template("common", "README.md.tmpl").replace(
        "@@usage@@", _template(kind, "usage.md.tmpl").strip())
    made["README.md"] = readme
    made["pyproject.toml"] = _template("common", "pyproject.toml.tmpl").replace(
        "@@package_data@@", package_data)
    return {path: render(text, names, kind) for path, text in made.items()}


def new_plugin(name: str, kind: str, folder: Path | None = None) -> Path:
    """Write the package of plugin ``name`` into ``folder`` (default ``./studio-NAME``)."""
    names = check_name(name)
    made = package_files(names, kind)
    target = Path(folder) if folder is not None else Path.cwd() / names.dist
    if target.exists() and any(target.iterdir()):
        raise ValueError(f"{target} is not empty; choose another folder with --dir")
    for path, text in made.items():
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return target
