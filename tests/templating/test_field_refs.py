"""A layer naming its field in a wrong form is told the form that works (issue 17:
`{{ photos[0] }}`, `photos.0` and `{{ photos }}` all said "names no field" of a template
whose field is `photos`)."""

from __future__ import annotations

import pytest

from studio.templating.registry import TemplateError, parse_spec

SPEC = """\
id: refs
name: Refs
fields:
  title: {{type: text, bind: product.title}}
  photos: {{type: image_list, bind: product.images, min_items: 1}}
scenes:
  - duration: 2
    main: {{image: "{image}"}}
"""


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("{{ photos[0] }}", "refs/template.yaml: scenes[0].main.image: '{{ photos[0] }}' is merge "
                            "text; a layer names its field without {{ }}: write 'photos[0]'"),
        ("photos.0", "'photos.0' puts the index after a dot; an index goes in square brackets: "
                     "write 'photos[0]'"),
        ("{{ photos }}", "'{{ photos }}' is merge text; a layer names its field without {{ }}: "
                         "write 'photos'"),
        ("{{ photos.1 }}", "without {{ }}, and an index goes in square brackets: write "
                           "'photos[1]'"),
        ("product.images[0]", "'product.images[0]' names the product, but a layer names a "
                              "template field: declare one bound to it (e.g. `photos: {type: "
                              "image_list, bind: product.images}`) and write 'photos[0]'"),
        ("photo", "'photo' names no field of this template (its fields: title, photos); did "
                  "you mean 'photos'?"),
    ],
)
def test_a_wrong_field_reference_says_the_form_that_works(image: str, expected: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_spec(SPEC.format(image=image), "refs/template.yaml")
    print(caught.value)
    assert expected in str(caught.value)
    assert "Value error" not in str(caught.value) and "(top)" not in str(caught.value)


@pytest.mark.parametrize("image", ["photos", "photos[1]", "photos[{index}]"])
def test_the_forms_the_guide_shows_load(image: str) -> None:
    assert parse_spec(SPEC.format(image=image), "refs/template.yaml").id == "refs"
