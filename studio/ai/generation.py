"""What every cloud video generator does around the provider call: pick the first frame,
choose the provider's size and duration, normalize the downloaded clip, price it."""

from __future__ import annotations

import mimetypes
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from studio.ai.clips import normalize_clip, slot_size
from studio.ai.usage import check_budget, record_usage
from studio.contracts import GenerationRequest, GenerationResult, PluginError, ProgressCallback


@dataclass(frozen=True)
class FirstFrame:
    """The product photo a clip starts from (image-to-video)."""

    data: bytes
    mime_type: str
    source: str  # the path or URL it came from (for metadata, never for logs of secrets)


def first_frame(request: GenerationRequest, *, max_bytes: int = 20_000_000) -> FirstFrame | None:
    """The request's reference image, else the product's first photo, else None (text only)."""
    source: str | None = None
    if request.reference_image is not None:
        source = str(request.reference_image)
    elif request.product is not None and request.product.images:
        source = request.product.images[0]
    if source is None or request.options.get("text_only"):
        return None
    if source.startswith(("http://", "https://")):
        import httpx

        try:
            response = httpx.get(source, timeout=30, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise PluginError(f"could not download the product photo {source}: {exc}") from exc
        data = response.content
        mime = response.headers.get("content-type", "").split(";")[0] or "image/jpeg"
    else:
        path = _local_photo(source, request)
        if not path.is_file():
            raise PluginError(f"product photo {source} does not exist; fix the product's images")
        data = path.read_bytes()
        mime = mimetypes.guess_type(path.name)[0] or "image/jpeg"
    if len(data) > max_bytes:
        raise PluginError(f"product photo {source} is larger than {max_bytes // 1_000_000} MB")
    if not mime.startswith("image/"):
        raise PluginError(f"{source} is not an image ({mime}); use a JPEG or PNG product photo")
    return FirstFrame(data=data, mime_type=mime, source=source)


def _local_photo(source: str, request: GenerationRequest) -> Path:
    """A photo path as written in the catalog: absolute, or relative to the render's
    ``base_dir`` or to the media root (where the API keeps uploads: ``photos/mug.jpg``)."""
    path = Path(source)
    if path.is_absolute() or path.is_file():
        return path
    roots = [request.options.get("base_dir")]
    try:
        from studio.config import get_settings

        roots.append(get_settings().media_root)
    except Exception:  # a plugin used outside the studio (the author's kit): no settings
        pass
    for root in roots:
        if not root:
            continue
        base = Path(str(root)).resolve()
        candidate = (base / path).resolve()
        # a relative path may not climb out of its folder (``../../etc/passwd``)
        if candidate.is_relative_to(base) and candidate.is_file():
            return candidate
    return path


def pick_duration(requested: float | None, allowed: Sequence[float], provider: str) -> float:
    """The provider duration closest to the request, never shorter when one is long enough."""
    if not allowed:
        raise PluginError(f"{provider} declares no durations")
    if requested is None:
        return min(allowed)
    longer = [d for d in allowed if d >= requested]
    return min(longer) if longer else max(allowed)


def check_clip_budget(price_per_second: Decimal, seconds: float, currency: str) -> None:
    """Refuse the clip before any provider call if the workspace cannot afford it."""
    check_budget(price_per_second * Decimal(str(seconds)), currency)


def prompt_for(request: GenerationRequest, provider: str) -> str:
    if request.prompt and request.prompt.strip():
        return request.prompt.strip()
    if request.product is not None:
        product = request.product
        return (
            f"A short vertical product video of {product.title}. "
            f"{product.description[:300]} Clean studio lighting, smooth camera motion, "
            "the product stays in focus and in frame."
        ).strip()
    raise PluginError(
        f"{provider} needs a prompt or a product to describe; the request has neither"
    )


def finish_clip(
    raw: Path,
    request: GenerationRequest,
    *,
    provider: str,
    job_id: str,
    cost: Decimal,
    currency: str,
    progress: ProgressCallback,
    metadata: dict[str, object],
) -> GenerationResult:
    """Normalize the provider's file into the request's slot and describe the result."""
    progress(0.9, f"{provider}: fitting the clip to the template slot")
    size = request.options.get("slot_size")
    if size:
        width, height = int(size[0]), int(size[1])
    else:
        width, height = slot_size(request.aspect_ratio, preview=request.preview)
    info = normalize_clip(raw, request.output_path, width=width, height=height, fps=30)
    record_usage(provider=str(metadata.get("provider", provider)),
                 model=str(metadata.get("model", "")), kind="ai_seconds",
                 quantity=float(metadata.get("billed_seconds") or info.duration),  # type: ignore[arg-type]
                 cost=cost, currency=currency)
    progress(1.0, f"{provider}: clip ready")
    return GenerationResult(
        path=request.output_path,
        duration=info.duration,
        width=info.width,
        height=info.height,
        cost=cost,
        currency=currency,
        provider_job_id=job_id,
        metadata={**metadata, "fps": info.fps, "has_audio": info.has_audio},
    )


def scratch_file(suffix: str = ".mp4") -> Path:
    handle = tempfile.NamedTemporaryFile(prefix="studio-ai-", suffix=suffix, delete=False)
    handle.close()
    return Path(handle.name)


def fit_photo(frame: FirstFrame, width: int, height: int) -> FirstFrame:
    """The photo cropped and scaled to exactly ``width``x``height`` (JPEG): providers that use
    it as the first frame want it in the video's own size."""
    import io

    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(frame.data)) as image:
            fitted = ImageOps.fit(image.convert("RGB"), (width, height), Image.Resampling.LANCZOS)
    except OSError as exc:
        raise PluginError(
            f"product photo {frame.source} cannot be read as an image: {exc}"
        ) from exc
    out = io.BytesIO()
    fitted.save(out, "JPEG", quality=92)
    return FirstFrame(data=out.getvalue(), mime_type="image/jpeg", source=frame.source)
