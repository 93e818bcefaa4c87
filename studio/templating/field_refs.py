"""How a layer names a field (``image: photos[0]``), and what to say when it is written wrong.

A layer's ``image``, ``clip``, ``price``, ``compare_at`` and ``when`` name a template field:
``photos`` (an image list's first photo), ``photos[1]``, ``photos[{index}]`` in a repeated
scene. Merge text (``{{ title }}``) belongs in ``text`` and ``voiceover.script`` only. An
author who writes ``{{ photos[0] }}``, ``photos.0`` or ``product.images[0]`` is told the
form that works.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

# photos, photos[1]
FIELD_REF = re.compile(r"^([a-z][a-z0-9_]*)(?:\[(\d+)\])?$")
_DOTTED = re.compile(r"^([a-z][a-z0-9_]*)\.(\d+)$")  # photos.0
_PRODUCT = re.compile(r"^product(?:\.|\[)")


def field_reference_problem(ref: str, fields: Mapping[str, Any]) -> str:
    """Why ``ref`` names no field of a template with ``fields``, and what to write instead."""
    known = ", ".join(fields) or "none"
    text = ref.strip()
    braced = text.startswith("{{") and text.endswith("}}")
    inner = text[2:-2].strip() if braced else text
    fixed = _as_field_ref(inner)
    if fixed is not None and FIELD_REF.match(fixed.replace("{index}", "0")):
        name = FIELD_REF.match(fixed.replace("{index}", "0")).group(1)  # type: ignore[union-attr]
        if name in fields:
            why = ("is merge text; a layer names its field without {{ }}" if braced
                   else "puts the index after a dot; an index goes in square brackets")
            if braced and fixed != inner:
                why += ", and an index goes in square brackets"
            return f"{ref!r} {why}: write {fixed!r}"
    if _PRODUCT.match(inner):
        return (f"{ref!r} names the product, but a layer names a template field: declare "
                f"one bound to it (e.g. `photos: {{type: image_list, bind: product.images}}`) "
                f"and write 'photos[0]'; this template's fields are {known}")
    name_match = re.match(r"[a-z][a-z0-9_]*", inner)
    guess = difflib.get_close_matches(name_match.group(0), list(fields), n=1) \
        if name_match else []
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    return f"{ref!r} names no field of this template (its fields: {known}){hint}"


def _as_field_ref(text: str) -> str | None:
    """``photos.0`` → ``photos[0]``; a plain reference as it is; anything else None."""
    dotted = _DOTTED.match(text)
    if dotted:
        return f"{dotted.group(1)}[{dotted.group(2)}]"
    if FIELD_REF.match(text.replace("{index}", "0")):
        return text
    return None
