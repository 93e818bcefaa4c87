"""Control characters in text the studio keeps: refused, with where they are.

A NUL byte or another C0 control character (and DEL) has no place in a product title, a
media-library path, a name or an id: a path with a NUL cannot be opened, a title with an
escape sequence is not what the seller meant. Free text (a description, a prompt, a value of a
free-form object) may keep its line breaks and tabs; nothing else.

The API refuses them at the door (``api/text_guard.py``), a catalog import rejects the row
(:class:`studio.product.ProductData`), and a photo path is checked again where it is used
(:func:`studio.product_media.check_image_reference`). Positions count from 0, as a program
indexes the string.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from studio.errors import InvalidInput

_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f]")
_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # \t \n \r kept


def control_character_at(text: str, *, free_text: bool = False) -> int | None:
    """The position of the first refused character in ``text``, or None."""
    found = (_FREE_TEXT if free_text else _SINGLE_LINE).search(text)
    return None if found is None else found.start()


def refuse_control_characters(text: str, what: str, *, free_text: bool = False) -> str:
    """``text`` unchanged, or :class:`InvalidInput` (``text.control_characters``) naming
    ``what`` (the field) and the position."""
    position = control_character_at(text, free_text=free_text)
    if position is not None:
        raise InvalidInput("text.control_characters", field=what, what=what, position=position,
                           character=f"U+{ord(text[position]):04X}")
    return text


def refuse_in_document(document: Any, where: str, *, free_text: Collection[str] = (),
                       free_form: Collection[str] = (), free: bool = False) -> None:
    """Every key and string of a JSON-like document, in document order; the first with a
    control character is refused, named like ``body.images[0]``. Strings under a key in
    ``free_text``, and every value inside an object under a key in ``free_form``, may keep
    line breaks and tabs; keys never. (A stack, not recursion: a deep document costs a list,
    never the call stack.)"""
    pending: list[tuple[Any, str, bool, bool]] = [(document, where, free, False)]
    while pending:
        value, path, loose, is_key = pending.pop()
        if is_key or isinstance(value, str):
            refuse_control_characters(value, path, free_text=loose)
        elif isinstance(value, list | tuple):
            pending.extend((item, f"{path}[{i}]", loose, False)
                           for i, item in reversed(list(enumerate(value))))
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                name = str(key)
                inside = loose or name in free_form or name in free_text
                pending.append((item, f"{path}.{name}", inside, False))
                pending.append((name, f"{path}[{ascii(name)}]", False, True))
