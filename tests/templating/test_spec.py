"""Template specs: validation errors name the field; the schema is published; versions move."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from studio.cli import get_app
from studio.templating import BUILTIN_DIR, TemplateError, load_template, template_json_schema
from studio.templating.registry import parse_spec

MINIMAL = {
    "id": "mini",
    "name": "Mini",
    "fields": {"title": {"type": "text", "bind": "product.title"},
               "photos": {"type": "image_list", "bind": "product.images"}},
    "scenes": [{"duration": 2, "main": {"image": "photos[0]"},
                "layers": [{"type": "text", "text": "{{ title }}"}]}],
}


def _spec_text(**changes) -> str:
    data = json.loads(json.dumps(MINIMAL))
    for path, value in changes.items():
        target = data
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        target[keys[-1]] = value
    return yaml.safe_dump(data)


def test_minimal_spec_is_valid():
    spec = parse_spec(_spec_text(), "mini.yaml")
    assert spec.duration == 2


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"scenes.0.layers.0.size": -1}, "scenes.0.layers.0.text.size"),
        ({"scenes.0.duration": 0}, "scenes.0.duration"),
        ({"fields.title.bind": "__import__('os')"}, "fields.title.bind"),
        ({"fields.title.type": "video"}, "fields.title.type"),
        ({"scenes.0.main.image": "pictures[0]"}, "scenes[0].main.image"),
        ({"scenes.0.layers.0.color": "red"}, "scenes.0.layers.0.text.color"),
    ],
)
def test_validation_errors_name_the_field(change, named):
    text = _spec_text(**change)
    with pytest.raises(TemplateError) as info:
        parse_spec(text, "mini.yaml")
    assert "mini.yaml" in str(info.value)
    assert named in str(info.value)


def test_unknown_keys_are_refused_by_name():
    data = json.loads(json.dumps(MINIMAL))
    data["scenes"][0]["layers"][0]["colour"] = "#FFFFFF"
    with pytest.raises(TemplateError, match="colour"):
        parse_spec(yaml.safe_dump(data), "mini.yaml")


def test_json_schema_is_published_and_describes_fields():
    schema = template_json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"id", "fields", "scenes"} <= set(schema["properties"])
    field_types = schema["$defs"]["FieldSpec"]["properties"]["type"]["enum"]
    assert set(field_types) == {"text", "money", "image", "image_list", "color", "choice", "clip"}


def test_cli_prints_the_schema_and_lists_templates():
    runner = CliRunner()
    app = get_app()
    result = runner.invoke(app, ["templates", "schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["title"] == "TemplateSpec"
    listed = runner.invoke(app, ["templates", "list", "--json"])
    ids = {row["id"] for row in json.loads(listed.output)["data"]}
    assert len(ids) >= 6
    shown = runner.invoke(app, ["templates", "show", "showcase", "--json"])
    assert json.loads(shown.output)["fields"]["title"]["bind"] == "product.title"
    missing = runner.invoke(app, ["templates", "show", "nope"])
    assert missing.exit_code == 1


def test_builtin_templates_are_six_different_styles(registry):
    templates = registry.list()
    assert len(templates) >= 6
    assert len({t.spec.style for t in templates}) == len(templates)
    for template in templates:
        assert template.thumbnail is not None, f"{template.id} has no thumbnail.jpg"
        assert template.spec.music is not None and "CC0" in template.spec.music.license
        kinds = {f.type for f in template.spec.fields.values()}
        assert {"text", "money", "image_list"} <= kinds


def test_version_is_a_content_hash_of_spec_and_assets(tmp_path):
    folder = tmp_path / "showcase"
    shutil.copytree(BUILTIN_DIR / "showcase", folder)
    first = load_template(folder).version
    assert load_template(folder).version == first
    (folder / "thumbnail.jpg").write_bytes(b"not an asset")
    assert load_template(folder).version == first
    with (folder / "music.m4a").open("ab") as fh:
        fh.write(b"\0")
    second = load_template(folder).version
    assert second != first
    spec = folder / "template.yaml"
    spec.write_text(spec.read_text() + "\n# edited\n")
    assert load_template(folder).version not in (first, second)
