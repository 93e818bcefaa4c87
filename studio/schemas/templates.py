"""Templates: what a seller can render, with the fields the UI builds its form from."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from studio.schemas.products import ProductCreate

FormatName = Literal["9:16", "1:1", "16:9", "4:5"]


class TemplatePublic(BaseModel):
    id: str
    name: str
    version: str
    style: str = ""
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    duration: float
    voiceover: bool = False
    source: str = Field("", description="builtin, plugin, or mine (saved by this workspace).")
    base: str | None = Field(None, description="A saved template's: the template it is "
                             "made from.")


class TemplateDetail(TemplatePublic):
    fields: dict[str, dict[str, Any]] = Field(
        description="Field name -> type, label, help, binding to a product attribute, default."
    )
    music_license: str | None = None
    saved: dict[str, Any] | None = Field(None, description="A saved template's settings: "
                                         "fields, voiceover, language, music.")


class TemplatesPublic(BaseModel):
    data: list[TemplatePublic]
    count: int


class PreviewRequest(BaseModel):
    """Render a quick preview of a template with one product (yours or one sent inline)."""

    model_config = ConfigDict(extra="forbid")

    product_id: int | None = Field(None, ge=1, le=2**63 - 1)
    product: ProductCreate | None = None
    sample: bool = Field(False, strict=True,
                         description="Use the studio's sample product instead.")
    format: FormatName = "9:16"
    overrides: dict[str, Any] = Field(default_factory=dict, description="Field values to use.")
    output: Literal["jpeg", "mp4"] = Field("jpeg", description="A still frame or a low-res MP4.")
    # strict: a JSON `true` is not a number of seconds (lax pydantic would read 1.0)
    at: float = Field(1.0, ge=0, le=600, strict=True,
                      description="Seconds into the video for the still.")

    @model_validator(mode="after")
    def _one_product(self) -> PreviewRequest:
        if (self.product_id is not None) + (self.product is not None) + self.sample != 1:
            raise ValueError("send exactly one of product_id (a saved product), product or "
                             "sample")
        return self


class PreviewPublic(BaseModel):
    """A preview being made (202) or made: follow ``status_url``; fetch ``file_url``."""

    id: int
    status: str = Field(description="pending, running, succeeded or failed.")
    template: str
    output: str
    status_url: str
    file_url: str | None = Field(None, description="The JPEG or MP4, once succeeded.")
    error: str | None = None
    notes: list[str] = Field(default_factory=list)


class GalleryPreviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: FormatName = "9:16"


class GalleryPreviewPublic(BaseModel):
    """A template's moving preview for the gallery (a short low-resolution clip and its
    poster, on the studio's sample product), made once per template version and kept."""

    template: str
    version: str = Field(description="The template version the clip shows.")
    format: str
    status: Literal["ready", "pending", "running", "failed"]
    clip_url: str | None = Field(None, description="The MP4, once ready.")
    poster_url: str | None = Field(None, description="Its still (JPEG), once ready.")
    status_url: str | None = Field(None, description="The preview job while it is made.")
    error: str | None = None
