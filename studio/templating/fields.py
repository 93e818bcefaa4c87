"""Field values: a seller's override, else the product binding, else the template default.

Images are checked here (images.prepare_image) so a bad photo is reported once, naming the
field and the file, before any scene is built.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio.money import Money
from studio.product import ProductData
from studio.templating.images import CheckedImage, ImageProblem, prepare_image
from studio.templating.merge import product_context, resolve_binding
from studio.templating.spec import FIELD_REF, HEX_COLOR, FieldSpec, TemplateSpec

log = logging.getLogger(__name__)


class FieldProblem(ValueError):
    """A field has no usable value; the message names the field."""


@dataclass
class FieldValues:
    values: dict[str, Any]
    notes: list[str] = field(default_factory=list)

    def context(self, product: ProductData, **extra: Any) -> dict[str, Any]:
        """What merge texts see: text/money/colour/choice fields, ``product``, extras."""
        ctx: dict[str, Any] = {"product": product_context(product)}
        for name, value in self.values.items():
            if isinstance(value, CheckedImage):
                continue
            if isinstance(value, list):
                ctx[f"{name}_count"] = len(value)
                continue
            ctx[name] = "" if value is None else value if not isinstance(value, Path) else ""
        ctx.update(extra)
        return ctx

    def image(self, ref: str, index: int = 0) -> CheckedImage | None:
        match = FIELD_REF.match(ref.replace("{index}", str(index)))
        if not match:
            return None
        value = self.values.get(match.group(1))
        if isinstance(value, CheckedImage):
            return value
        if isinstance(value, list) and value:
            position = int(match.group(2)) if match.group(2) is not None else 0
            return value[position % len(value)]  # fewer photos than scenes: cycle them
        return None

    def filled(self, name: str) -> bool:
        match = FIELD_REF.match(name)
        value = self.values.get(match.group(1) if match else name)
        return value not in (None, "", [])


def _raw_value(name: str, spec: FieldSpec, product: ProductData, overrides: dict[str, Any],
               defaults: dict[str, Any]) -> Any:
    if name in overrides and overrides[name] not in (None, ""):
        return overrides[name]
    if spec.bind:
        bound = resolve_binding(product, spec.bind)
        if bound not in (None, "", []):
            return bound
    if defaults.get(name) not in (None, ""):
        return defaults[name]
    return spec.default


def resolve_fields(
    template: TemplateSpec,
    product: ProductData,
    *,
    work_dir: Path,
    overrides: dict[str, Any] | None = None,
    base_dir: Path | None = None,
    defaults: dict[str, Any] | None = None,
) -> FieldValues:
    """Each field's value: the seller's override, else the product's, else ``defaults`` (the
    template's defaults in the video's language, and the brand kit's), else the spec's."""
    overrides = overrides or {}
    defaults = defaults or {}
    unknown = set(overrides) - set(template.fields)
    if unknown:
        raise FieldProblem(
            f"unknown field(s) {', '.join(sorted(unknown))}; template {template.id!r} has "
            f"{', '.join(template.fields)}"
        )
    result = FieldValues({})
    for name, spec in template.fields.items():
        given = overrides.get(name)
        if spec.max_length and isinstance(given, str) and len(given) > spec.max_length:
            raise FieldProblem(f"field {name!r}: {len(given)} characters; the template allows "
                               f"{spec.max_length}")
        raw = _raw_value(name, spec, product, overrides, defaults)
        result.values[name] = _convert(name, spec, raw, product, work_dir, base_dir, result.notes)
        if spec.required and result.values[name] in (None, "", []):
            raise FieldProblem(f"field {name!r} ({spec.label or spec.type}) is required; "
                               f"fill it or give the product {spec.bind or 'a value'}")
    return result


def _convert(name: str, spec: FieldSpec, raw: Any, product: ProductData, work_dir: Path,
             base_dir: Path | None, notes: list[str]) -> Any:
    where = f"field {name!r}"
    if spec.type == "text":
        return "" if raw is None else str(raw)
    if spec.type == "money":
        if raw in (None, ""):
            return None
        if isinstance(raw, Money):
            return raw
        try:
            return Money(raw, product.currency)
        except ValueError as exc:
            raise FieldProblem(f"{where}: {exc}") from None
    if spec.type == "color":
        if raw is None:
            return None
        if not isinstance(raw, str) or not HEX_COLOR.match(raw):
            raise FieldProblem(f"{where}: {raw!r} is not a colour; write #RRGGBB")
        return raw
    if spec.type == "choice":
        if raw is not None and raw not in spec.options:
            raise FieldProblem(f"{where}: {raw!r} is not one of {', '.join(spec.options)}")
        return raw
    if spec.type == "clip":
        if raw in (None, ""):
            return None
        path = Path(str(raw))
        path = path if path.is_absolute() or base_dir is None else base_dir / path
        if not path.is_file() or path.stat().st_size == 0:
            raise FieldProblem(f"{where}: clip {raw} is missing or empty; generate it again or "
                               "leave the field empty to use the template's fallback")
        return path.resolve()
    if spec.type == "image":
        if raw in (None, ""):
            return None
        try:
            return prepare_image(str(raw), work_dir, base_dir=base_dir)
        except ImageProblem as exc:
            raise FieldProblem(f"{where}: {exc}") from None
    # image_list: a bad extra photo is skipped with a note; too few good ones is an error
    sources = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
    good: list[CheckedImage] = []
    first_problem: ImageProblem | None = None
    for source in sources:
        try:
            good.append(prepare_image(str(source), work_dir, base_dir=base_dir))
        except ImageProblem as exc:
            first_problem = first_problem or exc
            notes.append(f"{where}: skipped {exc}")
            log.warning("%s: skipped %s", where, exc)
    need = max(spec.min_items, 1 if spec.required else 0)
    if len(good) < need:
        if first_problem is not None:
            raise FieldProblem(f"{where}: {first_problem}")
        raise FieldProblem(f"{where}: the template needs at least {need} photo(s); "
                           "add product images")
    return good
