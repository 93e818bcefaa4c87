"""The one place a template id becomes what is rendered: (base template, overrides, style).

Every door renders through here — a batch's or an API call's videos (at submission, into the
video's options, so the worker needs nothing else), a seller's preview, the gallery's
thumbnails. The order, lowest first:

1. the template's own defaults, in the video's language (``texts.yaml``);
2. the workspace's brand kit: logo, primary and secondary colour, font, call to action in
   each language, default language (:func:`studio.templating.brand_overrides`);
3. a saved template's settings (texts, colours, logo, music, voice-over, language);
4. what the request itself says (``options.fields``, ``options.language``).

A saved template's videos record the saved id and its own version (a hash of the base
template's version and the settings), so ROI tells it apart from its base.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from studio.db import Scope
from studio.errors import NotFound
from studio.services.brand import brand_row
from studio.services.my_templates import base_of, find_saved, saved_version
from studio.services.requests import VideoRequest, canonical, template_version

if TYPE_CHECKING:  # the template engine is imported on first use: the API starts without it
    from studio.templating import Brand, RenderStyle, Template


@dataclass(frozen=True)
class TemplateChoice:
    template: Template  # the template rendered (a saved template's base)
    template_id: str  # what the video records: the saved id, or the template's
    version: str
    overrides: dict[str, Any]
    style: RenderStyle
    voiceover: bool | None = None  # None: as the request says (on by default)

    @property
    def saved(self) -> bool:
        return self.template_id != self.template.id


def brand_of(scope: Scope) -> Brand:
    from studio.templating import Brand

    row = brand_row(scope)
    if row is None:
        return Brand()
    return Brand(logo=row.logo_key, primary_color=row.primary_color,
                 secondary_color=row.secondary_color, font=row.font,
                 call_to_action=dict(row.call_to_action or {}), language=row.language)


def choose(scope: Scope, template_id: str, fields: dict[str, Any] | None = None, *,
           language: str | None = None, brand: Brand | None = None) -> TemplateChoice:
    """What rendering ``template_id`` in this workspace means (see the module's order)."""
    from studio.templating import RenderStyle, TemplateNotFound, brand_overrides, default_registry
    from studio.templating.words import normalize_language

    brand = brand if brand is not None else brand_of(scope)
    saved = None
    try:
        template = default_registry().get(template_id)
    except TemplateNotFound as exc:
        saved = find_saved(scope, template_id)
        if saved is None:
            raise NotFound("template", template_id, code="template.not_found",
                           detail=str(exc).strip("'\"")) from None
        template = base_of(saved)
    settings = dict(saved.settings or {}) if saved is not None else {}
    overrides = {**brand_overrides(template.spec, brand),
                 **dict(settings.get("fields") or {}), **dict(fields or {})}
    style = RenderStyle(
        language=normalize_language(language) or normalize_language(settings.get("language")),
        default_language=brand.language, font=brand.font,
        call_to_action=dict(brand.call_to_action), music=settings.get("music"))
    version = saved_version(template.version, settings) if saved is not None \
        else template.version
    return TemplateChoice(template, template_id, version, overrides, style,
                          bool(settings.get("voiceover", True)) if saved is not None else None)


Choices = dict[str, TemplateChoice]


def settle(scope: Scope, request: VideoRequest, *, brand: Brand | None = None,
           apply: bool = True, known: Choices | None = None) -> tuple[VideoRequest, str]:
    """The request (of the ``template`` generator) with its template's settings written into
    its options, and the version its video records. Options that already hold a ``style``
    were settled before (a re-render): they stay as they are, so the same request finds the
    same video. ``known``: choices already made in this batch."""
    assert request.template_id is not None  # the template renderer's requests name one
    options = dict(request.options)
    fields = options.get("fields") or options.get("overrides") or {}
    fields = fields if isinstance(fields, dict) else {}
    language = options.get("language")
    key = canonical([request.template_id, fields, language])
    choice = known.get(key) if known is not None else None
    if choice is None:
        choice = choose(scope, request.template_id, fields, language=language, brand=brand)
        if known is not None:
            known[key] = choice
    if not apply or "style" in options:
        return request, choice.version
    if choice.saved:
        options["base_template"] = choice.template.id
        options["template_version"] = choice.version
    if choice.overrides:
        options.pop("overrides", None)
        options["fields"] = dict(sorted(choice.overrides.items()))
    if choice.voiceover is not None and "voiceover" not in options:
        options["voiceover"] = choice.voiceover
    if choice.style:
        options["style"] = choice.style.as_options()
    return replace(request, options=options), choice.version


def settle_all(scope: Scope, requests: Sequence[VideoRequest]
               ) -> tuple[list[VideoRequest], list[str]]:
    """:func:`settle` for a batch: the brand kit read once, each template and set of fields
    worked out once. Other generators' requests keep their options; their version is the
    template's, as before."""
    brand = brand_of(scope)
    known: Choices = {}
    plain: dict[str | None, str] = {}  # another generator may name no template
    settled: list[VideoRequest] = []
    versions: list[str] = []
    for request in requests:
        if request.generator != "template":
            if request.template_id not in plain:
                plain[request.template_id] = template_version(scope.session,
                                                              request.template_id)
            settled.append(request)
            versions.append(plain[request.template_id])
            continue
        done, version = settle(scope, request, brand=brand, known=known)
        settled.append(done)
        versions.append(version)
    return settled, versions


def for_preview(scope: Scope, template_id: str,
                overrides: dict[str, Any]) -> TemplateChoice:
    """A preview (or a gallery thumbnail) of ``template_id`` as this workspace's videos will
    look: brand kit and saved settings under the fields being tried."""
    return choose(scope, template_id, overrides)
