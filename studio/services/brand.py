"""A workspace's brand kit: logo, colours, font, call to action, language, store currency.

It applies to every template unless the template (or a saved template) says otherwise; the
one place that decides how is :mod:`studio.services.template_settings`. The store currency
is the workspace's ``default_currency`` (what imports price a product in when the file does
not say).
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from pathlib import Path

from studio.db import BrandKit, Scope, Workspace
from studio.errors import InvalidInput, NotFound, TooLarge
from studio.schemas.branding import BrandKitPublic, BrandKitUpdate

LOGO_MAX_BYTES = 5 * 1024 * 1024
LOGO_SIDE = 1024  # a logo is drawn small: bigger is only weight
LOGO_URL = "/api/v1/brand-kit/logo"


def brand_row(scope: Scope) -> BrandKit | None:
    return scope.first(BrandKit)


def _workspace(scope: Scope) -> Workspace:
    workspace = scope.session.get(Workspace, scope.workspace_id)
    assert workspace is not None  # the scope's own workspace
    return workspace


def _public(scope: Scope, row: BrandKit | None) -> BrandKitPublic:
    from studio.templating.fonts import FAMILIES

    return BrandKitPublic(
        has_logo=bool(row and row.logo_key), logo_url=LOGO_URL if row and row.logo_key else None,
        primary_color=row.primary_color if row else None,
        secondary_color=row.secondary_color if row else None,
        font=row.font if row else None,  # type: ignore[arg-type]
        call_to_action=dict(row.call_to_action or {}) if row else {},
        language=row.language if row else None,  # type: ignore[arg-type]
        currency=_workspace(scope).default_currency, fonts=dict(FAMILIES),
    )


def brand_kit(scope: Scope) -> BrandKitPublic:
    return _public(scope, brand_row(scope))


def _row(scope: Scope) -> BrandKit:
    row = brand_row(scope)
    if row is None:
        row = scope.add(BrandKit(call_to_action={}))
    return row


def update_brand_kit(scope: Scope, body: BrandKitUpdate) -> BrandKitPublic:
    """Set what the seller sent (``null`` clears it); the rest stays."""
    sent = body.model_fields_set
    row = _row(scope)
    for name in ("primary_color", "secondary_color", "font", "language"):
        if name in sent:
            value = getattr(body, name)
            setattr(row, name, value.upper() if name.endswith("color") and value else value)
    if "call_to_action" in sent:
        row.call_to_action = dict(body.call_to_action or {})
    if "currency" in sent and body.currency:
        _workspace(scope).default_currency = body.currency.upper()
    scope.session.flush()
    return _public(scope, row)


def set_logo(scope: Scope, data: bytes, filename: str = "logo") -> BrandKitPublic:
    """Check the picture (a real image, not too big), keep it as a PNG with its
    transparency, at most 1024 px on a side, under a name made of its content."""
    from PIL import Image

    from studio.storage import open_storage
    from studio.templating.images import ImageProblem, open_checked

    if len(data) > LOGO_MAX_BYTES:
        raise TooLarge("brand.logo_too_large", field="file", limit=LOGO_MAX_BYTES)
    try:
        open_checked(data, filename)  # refuses what is not an image, and decompression bombs
    except ImageProblem:
        raise InvalidInput("brand.logo_unreadable", field="file", file=filename) from None
    with Image.open(io.BytesIO(data)) as image:
        image.seek(0)
        picture = image.convert("RGBA")
    picture.thumbnail((LOGO_SIDE, LOGO_SIDE), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=False, compress_level=6)
    digest = hashlib.sha256(buffer.getvalue()).hexdigest()[:16]
    key = f"brand/{scope.workspace_id}/logo-{digest}.png"
    with tempfile.TemporaryDirectory(prefix="studio-logo-") as tmp:
        path = Path(tmp) / "logo.png"
        path.write_bytes(buffer.getvalue())
        open_storage().put_file(key, path, content_type="image/png", move=True)
    row = _row(scope)
    row.logo_key = key  # the old file stays: videos made with it may be rendered again
    scope.session.flush()
    return _public(scope, row)


def remove_logo(scope: Scope) -> BrandKitPublic:
    row = brand_row(scope)
    if row is not None:
        row.logo_key = None
        scope.session.flush()
    return _public(scope, row)


def logo_key(scope: Scope) -> str:
    row = brand_row(scope)
    if row is None or not row.logo_key:
        raise NotFound("logo", None, code="brand.no_logo")
    return row.logo_key
