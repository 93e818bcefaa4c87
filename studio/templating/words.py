"""The words a template says itself, in English and Simplified Chinese, and a video's language.

A template's own words — section labels ("PRICE DROP"), call-to-action defaults, urgency lines,
the voice-over script — live in ``texts.yaml`` beside ``template.yaml``, each in every
language::

    name: {en: Price drop, zh: 降价促销}
    words:
      price_drop: {en: PRICE DROP, zh: 限时直降}
    defaults:
      cta: {en: Grab yours today, zh: 今天就入手}
    choices:
      urgency: {"Today only": {en: Today only, zh: 仅限今天}}

``{{ words.price_drop }}`` in a layer's text is replaced by the entry of the video's language
before the text is merged, so an entry may itself use fields (``满{{ money(50) }}包邮``): the
entries are the template author's, like template.yaml, and product text still only ever
arrives as a value. A field's default in the video's language comes from ``defaults``; a
choice's value reads as ``choices`` says. A language without an entry falls back to English.

A video's language: the request's (or a saved template's), else the product's own
``attributes.language``, else the brand kit's default, else the product's script (Chinese
characters in its title or description → ``zh``), else English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from studio.product import ProductData
from studio.templating.fonts import is_cjk

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
TEXTS_NAME = "texts.yaml"
WORD_REF = re.compile(r"\{\{-?\s*words\.([a-z][a-z0-9_]*)\s*-?\}\}")

Localized = dict[str, str]


class TextsError(ValueError):
    """texts.yaml cannot be read; the message names the file and the entry."""


def normalize_language(value: Any) -> str | None:
    """``zh-CN``, ``zh_Hans``, ``Chinese``, ``中文`` → ``zh``; ``en-US`` → ``en``; else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower().replace("_", "-")
    if text in ("zh", "chinese", "中文", "简体中文", "汉语") or text.startswith("zh-"):
        return "zh"
    if text in ("en", "english", "英文", "英语") or text.startswith("en-"):
        return "en"
    return None


def detect_language(product: ProductData) -> str:
    """``zh`` when the product's title or description is written in Chinese characters."""
    text = f"{product.title} {product.description}"
    return "zh" if any(is_cjk(ch) for ch in text) else DEFAULT_LANGUAGE


def video_language(product: ProductData, requested: str | None = None,
                   default: str | None = None) -> str:
    """The language a video speaks: asked for > the product's own > the brand kit's default >
    the product's script."""
    attributes = product.attributes or {}
    for candidate in (requested, attributes.get("language"), default):
        chosen = normalize_language(candidate)
        if chosen:
            return chosen
    return detect_language(product)


def _check_languages(entry: Localized, where: str) -> Localized:
    unknown = sorted(set(entry) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"{where}: unknown language(s) {', '.join(unknown)}; use "
                         f"{', '.join(LANGUAGES)}")
    return entry


class TemplateTexts(BaseModel):
    """A template's texts.yaml: its name and its own words in every language."""

    model_config = ConfigDict(extra="forbid")

    name: Localized = Field(default_factory=dict)
    style: Localized = Field(default_factory=dict)
    description: Localized = Field(default_factory=dict)
    words: dict[str, Localized] = Field(
        default_factory=dict, description="{{ words.KEY }} in a text: the entry in the "
        "video's language (may use fields, e.g. {{ money(50) }})")
    defaults: dict[str, Localized] = Field(
        default_factory=dict, description="a text field's default in each language")
    choices: dict[str, dict[str, Localized]] = Field(
        default_factory=dict, description="how each option of a choice field reads")
    labels: dict[str, Localized] = Field(default_factory=dict)
    help: dict[str, Localized] = Field(default_factory=dict)

    @field_validator("name", "style", "description")
    @classmethod
    def _one(cls, value: Localized) -> Localized:
        return _check_languages(value, "text")

    @field_validator("words", "defaults", "labels", "help")
    @classmethod
    def _many(cls, value: dict[str, Localized]) -> dict[str, Localized]:
        for key, entry in value.items():
            if not re.match(r"^[a-z][a-z0-9_]*$", key):
                raise ValueError(f"{key!r}: use lower_snake_case")
            _check_languages(entry, key)
        return value

    @field_validator("choices")
    @classmethod
    def _choices(cls, value: dict[str, dict[str, Localized]]) -> dict[str, dict[str, Localized]]:
        for name, options in value.items():
            for option, entry in options.items():
                _check_languages(entry, f"{name}.{option}")
        return value

    def words_for(self, language: str) -> dict[str, str]:
        return {key: text for key, entry in self.words.items()
                if (text := pick(entry, language)) is not None}

    def default_for(self, field: str, language: str) -> str | None:
        entry = self.defaults.get(field)
        return pick(entry, language) if entry else None

    def choice_text(self, field: str, value: Any, language: str) -> Any:
        entry = self.choices.get(field, {}).get(value) if isinstance(value, str) else None
        return (pick(entry, language) or value) if entry else value


def pick(entry: Mapping[str, str], language: str) -> str | None:
    """The entry in ``language``, else in English."""
    return entry.get(language) or entry.get(DEFAULT_LANGUAGE)


def expand_words(source: str, words: Mapping[str, str], *, where: str) -> str:
    """``{{ words.key }}`` replaced by the entry's text (the template's own words, in the
    video's language), before the text is merged."""
    if "words." not in source:
        return source

    def entry(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in words:
            known = ", ".join(sorted(words)) or "none (no texts.yaml)"
            raise TextsError(f"{where}: no word {key!r} in texts.yaml; it has {known}")
        return words[key]

    return WORD_REF.sub(entry, source)


def yaml_mapping(text: str, where: str, expected: str,
                 error: type[ValueError]) -> dict[str, Any]:
    """A YAML file that must be a mapping (a template's spec, its texts)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise error(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise error(f"{where}: {expected}")
    return data


def parse_texts(text: str, where: str) -> TemplateTexts:
    data = yaml_mapping(text, where, "texts are a YAML mapping (name:, words:, defaults:, ...)",
                        TextsError)
    try:
        return TemplateTexts.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {str(e['msg']).removeprefix('Value error, ')}"
            for e in exc.errors())
        raise TextsError(f"{where}: {problems}") from None


def load_texts(folder: Path | None) -> TemplateTexts:
    """The folder's texts.yaml (none: no words of its own), read once per change."""
    if folder is None:
        return TemplateTexts()
    path = Path(folder) / TEXTS_NAME
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return TemplateTexts()
    return _load(str(path), stamp)


@lru_cache(maxsize=64)
def _load(path: str, stamp: int) -> TemplateTexts:
    return parse_texts(Path(path).read_text(encoding="utf-8"), path)


# Field labels and hints the built-in templates share, in Chinese (a template's own label
# goes in its texts.yaml ``labels``).
GLOSSARY_ZH = {
    "Title": "标题",
    "Price": "价格",
    "Sale price": "促销价",
    "Was price": "原价",
    "Compare-at price": "原价",
    "Usual price": "常规价",
    "Photos": "图片",
    "Call to action": "行动号召",
    "Accent colour": "主色",
    "Second colour": "辅助色",
    "Sale colour": "促销色",
    "Logo (optional)": "标志（可选）",
    "Tagline": "标语",
    "One line about it": "一句话介绍",
}


def label_in(label: str, language: str, own: Mapping[str, str] | None = None) -> str:
    """A field's label in ``language``: the template's own translation, else the shared one."""
    if language == DEFAULT_LANGUAGE:
        return label
    if own and own.get(language):
        return own[language]
    return GLOSSARY_ZH.get(label, label) if language == "zh" else label
