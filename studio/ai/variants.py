"""Prompts for the candidates of one request: the same product told from different angles.

A seller asking for three candidates wants three different takes, not one take rendered with
three seeds. The AI service (``local`` by default: offline and deterministic) writes the
base generator prompt and the product's hooks once; each candidate then gets its own angle
(a hero reveal, the product in use, macro details, ...) and hook on top of that base. The
same product and count always give the same prompts, so a seller can tell them apart and
ask again for the same set.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.contracts import AIService, AspectRatio, PromptContext
from studio.product import ProductData


@dataclass(frozen=True)
class Angle:
    name: str
    direction: str  # what the camera shows, in a video generator's words


# in the order candidates get them: the first ones are the takes that sell most products
ANGLES: tuple[Angle, ...] = (
    Angle("hero", "a slow hero reveal on a clean surface, soft light sweeping across the "
                  "product"),
    Angle("in use", "the product in use in an everyday setting, hands handling it naturally"),
    Angle("detail", "macro close-ups of the materials, textures and finish that show its "
                    "quality"),
    Angle("lifestyle", "a bright lifestyle scene at home, the product part of a good day"),
    Angle("problem-solution", "opens on an everyday annoyance, then the product solves it in "
                              "one smooth move"),
    Angle("unboxing", "an unboxing: the package opens and the product is lifted into the "
                      "light"),
    Angle("on the go", "carried and used on the go outdoors, handheld camera, natural light"),
    Angle("turntable", "a 360-degree turntable orbit, every side of the product visible"),
)
MAX_VARIANTS = len(ANGLES)


@dataclass(frozen=True)
class VariantPrompt:
    prompt: str
    angle: str
    hook: str
    negative_prompt: str = ""


def compose(base: str, angle: Angle, hook: str) -> str:
    """The base prompt turned towards ``angle``; the hook is the idea the take sells (the
    generator is not asked to write it on screen: the template's captions do that)."""
    text = f"{base.strip().rstrip('.')}. Angle: {angle.direction}."
    if hook:
        text += f" The take sells this idea: {hook}"
    return text


def variant_prompts(
    service: AIService,
    product: ProductData,
    count: int,
    *,
    template_id: str | None = None,
    aspect_ratio: AspectRatio = "9:16",
    base_prompt: str | None = None,
) -> list[VariantPrompt]:
    """``count`` distinct prompts for one product: one service call for the base prompt
    (skipped when the seller wrote one) and one for the hooks, then an angle per variant."""
    if not 1 <= count <= MAX_VARIANTS:
        raise ValueError(f"between 1 and {MAX_VARIANTS} variant prompts can be made")
    negative = ""
    if not (base_prompt and base_prompt.strip()):
        made = service.generate_prompt(PromptContext(
            product=product, template_id=template_id, aspect_ratio=aspect_ratio,
        ))
        base_prompt, negative = made.prompt, made.negative_prompt
    hooks = [h.strip() for h in service.generate_copy(product).hooks if h.strip()] or [""]
    return [
        VariantPrompt(prompt=compose(base_prompt, ANGLES[i], hooks[i % len(hooks)]),
                      angle=ANGLES[i].name, hook=hooks[i % len(hooks)],
                      negative_prompt=negative)
        for i in range(count)
    ]
