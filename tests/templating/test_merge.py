"""Merge fields: money formats, bindings, and a sandbox product text cannot escape."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio.money import Money
from studio.product import ProductData
from studio.templating.merge import (
    MergeError,
    discount_percent,
    format_money,
    render_text,
    resolve_binding,
)


@pytest.mark.parametrize(
    ("amount", "currency", "kwargs", "expected"),
    [
        ("19.99", "USD", {}, "$19.99"),
        ("199", "CNY", {}, "¥199"),
        ("199.00", "CNY", {}, "¥199"),
        ("1299.5", "EUR", {}, "€1,299.50"),
        ("2500", "JPY", {}, "¥2,500"),
        ("19.99", "USD", {"style": "code"}, "19.99 USD"),
        ("20", "USD", {"trim": False}, "$20.00"),
        ("7", "ZAR", {}, "7 ZAR"),
    ],
)
def test_money_filter(amount, currency, kwargs, expected):
    assert format_money(Money(Decimal(amount), currency), **kwargs) == expected
    ctx = {"price": Money(Decimal(amount), currency)}
    args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    source = "{{ price | money(" + args + ") }}" if args else "{{ price | money }}"
    assert render_text(source, ctx, where="t") == expected


def test_discount_percent():
    assert discount_percent(Money("34.99", "USD"), Money("49.99", "USD")) == 30
    assert discount_percent(Money("50", "USD"), Money("40", "USD")) == 0
    assert discount_percent(Money("50", "USD"), None) == 0
    ctx = {"p": Money("75", "USD"), "c": Money("100", "USD")}
    assert render_text("-{{ discount_percent(p, c) }}%", ctx, where="t") == "-25%"


def test_text_filters():
    ctx = {"t": "bamboo desk organizer"}
    assert render_text("{{ t | upper }}", ctx, where="t") == "BAMBOO DESK ORGANIZER"
    assert render_text("{{ t | title }}", ctx, where="t") == "Bamboo Desk Organizer"
    assert render_text("{{ t | truncate(10) }}", ctx, where="t") == "bamboo de…"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ product.__class__ }}",
        "{{ price.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ t.format.__self__ }}",
        "{% set x = [].append(1) %}{{ x }}",
        "{{ product.attributes.update({'x': 1}) }}",
    ],
)
def test_sandbox_refuses_attribute_tricks(source):
    ctx = {"t": "x", "price": Money("1", "USD"), "product": {"attributes": {}}}
    with pytest.raises(MergeError) as info:
        result = render_text(source, ctx, where="scenes[0].layers[0].text")
        pytest.fail(f"sandbox rendered {result!r}")
    assert "scenes[0].layers[0].text" in str(info.value)


def test_product_text_is_data_not_syntax():
    hostile = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} ${HOME} $(rm -rf /)"
    assert render_text("{{ title }}", {"title": hostile}, where="t") == hostile


def test_unknown_variable_names_the_place():
    with pytest.raises(MergeError, match="scenes\\[2\\].layers\\[1\\].text.*titel"):
        render_text("{{ titel }}", {"title": "x"}, where="scenes[2].layers[1].text")


def test_bindings_follow_paths_only():
    product = ProductData(title="Mug", price="5", images=["a.jpg", "b.jpg"],
                          attributes={"material": "stoneware"})
    assert resolve_binding(product, "product.title") == "Mug"
    assert resolve_binding(product, "product.images[1]") == "b.jpg"
    assert resolve_binding(product, "product.images[5]") is None
    assert resolve_binding(product, "product.attributes.material") == "stoneware"
    assert resolve_binding(product, "product.attributes.missing") is None
    assert resolve_binding(product, "product.model_config") is None


def test_first_sentence_keeps_prices_and_knows_chinese_punctuation():
    assert render_text("{{ d | first_sentence }}", {"d": "Only 34.99 today! Hurry."},
                       where="t") == "Only 34.99 today!"
    assert render_text("{{ d | first_sentence }}", {"d": "保温12小时。304不锈钢"},
                       where="t") == "保温12小时。"


# --- a merge text naming something it cannot show says what works (issue 17) ---------------

SPEC = """\
id: merge-check
name: Merge check
fields:
  title: {{type: text, bind: product.title}}
  photos: {{type: image_list, bind: product.images, min_items: 1}}
scenes:
  - duration: 2
    main: {{image: photos}}
    layers:
      - {{type: text, text: "{text}"}}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ photos }}", "scenes[0].layers[0].text: 'photos' is a list of photos, which a text "
                         "cannot show: write {{ photos_count }} for how many, or show a photo "
                         "with an image layer (image: photos[0])"),
        ("{{ photos[0] }}", "'photos' is a list of photos, which a text cannot show"),
        ("{{ titel | upper }}", "scenes[0].layers[0].text: 'titel' is undefined; this text can "
                                "use format, index, "),
        ("{{ titel | upper }}", "photos_count, product, title"),
        ("{{ titel | upper }}", "(did you mean {{ title }}?)"),
        ("{{ product.titel }}", "'dict object' has no attribute 'titel'; this text can use "
                                "product.title"),
        ("{{ product.titel }}", "(did you mean {{ product.title }}?)"),
    ],
)
def test_a_merge_text_naming_what_it_cannot_show_says_what_works(tmp_path, text, expected):
    from studio.templating import resolve
    from studio.templating.registry import parse_spec
    from studio.testing import sample_product

    spec = parse_spec(SPEC.format(text=text), "merge-check/template.yaml")
    with pytest.raises(MergeError) as caught:
        resolve(spec, sample_product(), "9:16", work_dir=tmp_path, voiceover=False)
    print(caught.value)
    assert expected in str(caught.value)


def test_the_right_forms_fill_in(tmp_path):
    from studio.templating import resolve
    from studio.templating.registry import parse_spec
    from studio.testing import sample_product

    text = "{{ title | upper }} · {{ photos_count }} · {{ product.price | money }}"
    spec = parse_spec(SPEC.format(text=text), "merge-check/template.yaml")
    resolved = resolve(spec, sample_product(), "9:16", work_dir=tmp_path, voiceover=False)
    assert resolved.plan.scenes
