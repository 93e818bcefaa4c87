"""End to end: built-in templates rendered by the local renderer, checked with ffprobe and by
looking at frames (the photo's colours where the layout puts it, text drawn, motion)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageStat
from typer.testing import CliRunner

from studio.render import render_video
from studio.render.geometry import visible_rect
from studio.render.plan import PhotoLayer
from studio.render.video import canvas_for
from studio.templating import resolve_template
from studio.templating.still import compose_frame

from .conftest import frame_at, probe, write_product

FORMATS = ("9:16", "1:1", "16:9", "4:5")
# template → sample product it is rendered with (every template, every product kind covered)
PAIRS = {
    "showcase": "trail-running-sneaker",
    "price-drop": "vacuum-thermos-500",
    "feature-list": "speckled-ceramic-mug",
    "comparison": "wireless-earbuds-pro",
    "clip-hero": "classic-smart-watch",
    "ugc-captions": "lavender-soy-candle",
}


def _streams(info: dict) -> tuple[dict, dict]:
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    audio = next(s for s in info["streams"] if s["codec_type"] == "audio")
    return video, audio


def _small(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB").resize((60, round(60 * image.height / image.width)),
                                                  Image.Resampling.BOX)).astype(float)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("template_id", list(PAIRS))
def test_every_template_previews_in_every_format(registry, product_of, tmp_path, template_id,
                                                 fmt):
    template = registry.get(template_id)
    product, base = product_of(PAIRS[template_id])
    video = resolve_template(template, product, fmt, work_dir=tmp_path / "work", base_dir=base)
    out = tmp_path / "preview.mp4"
    result = render_video(video.plan, out, preview=True)
    canvas = canvas_for(video.plan, preview=True)
    v, a = _streams(probe(out))
    assert (v["width"], v["height"]) == (canvas.width, canvas.height)
    assert v["codec_name"] == "h264" and a["codec_name"] == "aac"
    assert abs(float(probe(out)["format"]["duration"]) - template.spec.duration) <= 0.1
    assert result.duration == pytest.approx(template.spec.duration, abs=0.05)

    # the frame matches the layout the plan describes (Pillow's composition of the same plan)
    t = 1.0
    rendered = frame_at(out, t, tmp_path / "f.png")
    expected = compose_frame(video.plan, t)
    diff = np.abs(_small(rendered) - _small(expected)).mean()
    assert diff < 12, f"rendered frame differs from the layout by {diff:.1f}/255 on average"
    later = frame_at(out, template.spec.duration - 1.0, tmp_path / "g.png")
    assert np.abs(_small(rendered) - _small(later)).mean() > 3, "frames should change over time"


def _red_share(image: Image.Image) -> float:
    rgb = np.asarray(image.convert("RGB")).astype(int)
    red = (rgb[..., 0] > 170) & (rgb[..., 1] < 100) & (rgb[..., 2] < 100)
    return float(red.mean())


@pytest.mark.parametrize("fmt", FORMATS)
def test_full_size_render_per_format(registry, product_of, tmp_path, fmt):
    """A shortened showcase at full size: ffprobe facts, photo colours, text, motion."""
    template = registry.get("showcase")
    spec = template.spec
    short = spec.model_copy(update={"scenes": [
        scene.model_copy(update={"duration": 1.5, "repeat": 1}) for scene in spec.scenes]})
    product, base = product_of("trail-running-sneaker")  # a red sneaker on a grey backdrop
    from studio.templating import resolve

    video = resolve(short, product, fmt, work_dir=tmp_path / "work", template_dir=template.folder,
                    base_dir=base)
    out = tmp_path / "full.mp4"
    render_video(video.plan, out)
    info = probe(out)
    v, a = _streams(info)
    width, height = video.plan.output.width, video.plan.output.height
    assert (v["width"], v["height"]) == (width, height)
    assert v["r_frame_rate"] == "30/1"
    assert v["codec_name"] == "h264" and v["pix_fmt"] == "yuv420p"
    assert a["codec_name"] == "aac"
    assert abs(float(info["format"]["duration"]) - video.plan.duration) <= 0.1

    frame = frame_at(out, 0.7, tmp_path / "a.png")
    main = video.plan.scenes[0].main
    assert isinstance(main, PhotoLayer)
    with Image.open(main.image) as photo:
        rect = visible_rect(photo.width, photo.height, main.box, main.fit)
    inside = frame.crop((rect.x, rect.y, rect.x + rect.w, rect.y + rect.h))
    assert _red_share(inside) > 0.08, "the red sneaker should fill part of the photo's box"
    outside = frame.crop((0, 0, width, max(2, rect.y // 2)))
    assert _red_share(outside) < 0.02

    title = video.plan.scenes[0].overlays[0]
    with Image.open(title.image) as im:
        region = frame.crop((title.x, title.y, title.x + im.width, title.y + im.height))
    assert ImageStat.Stat(region.convert("L")).stddev[0] > 25, "the title region is drawn"

    later = frame_at(out, 1.3, tmp_path / "b.png")
    a_px = np.asarray(inside.convert("L")).astype(float)
    b_px = np.asarray(later.crop((rect.x, rect.y, rect.x + rect.w, rect.y + rect.h))
                      .convert("L")).astype(float)
    assert np.abs(a_px - b_px).mean() > 0.5, "Ken Burns should move the photo"


def test_template_generator_plugin(tmp_path, product_of):
    from plugins.template_generator import TemplateGenerator
    from studio.product_media import with_local_photos
    from studio.testing import check_generator

    product, base = product_of("organic-linen-tote")
    # a generator gets local files: the studio fetches a product's photos before it runs
    product = with_local_photos(product, tmp_path / "photos", base_dir=base)
    result = check_generator(TemplateGenerator(), tmp_path, product=product,
                             template_id="price-drop", aspect_ratio="4:5", preview=True,
                             options={"creative_code": "AB12CD34"})
    assert result.metadata["template_id"] == "price-drop"
    assert result.metadata["template_version"]
    comment = probe(result.path)["format"]["tags"]["comment"]
    assert comment.startswith("creative=AB12CD34 template=price-drop version=")


def test_generator_reports_a_bad_photo_as_a_plugin_error(tmp_path):
    from plugins.template_generator import TemplateGenerator
    from studio.contracts import GenerationRequest, PluginError
    from studio.product import ProductData

    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    request = GenerationRequest(
        output_path=tmp_path / "out.mp4", template_id="showcase", preview=True,
        product=ProductData(title="Broken", price="5", images=[str(broken)]),
    )
    with pytest.raises(PluginError, match=r"photos.*broken\.jpg"):
        TemplateGenerator().generate(request, lambda f, m: None)
    assert not (tmp_path / "out.mp4").exists()


def test_cli_render_with_progress_and_json_summary(tmp_path):
    from studio.cli import get_app

    product_file = write_product(tmp_path, title="CLI 测试 Product 😍", compare_at_price="29.99")
    out = tmp_path / "cli.mp4"
    runner = CliRunner()
    result = runner.invoke(get_app(), ["render", "--template", "price-drop", "--product-file",
                                       str(product_file), "--format", "1:1", "-o", str(out),
                                       "--preview", "--set", "cta=Buy it now"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["template"] == "price-drop" and Path(summary["path"]) == out
    assert out.is_file()
    bad = runner.invoke(get_app(), ["render", "--template", "price-drop", "--product-file",
                                    str(product_file), "-o", str(out), "--set", "colour=red"])
    assert bad.exit_code == 1 and "colour" in bad.output


def test_hostile_product_renders_end_to_end(tmp_path):
    """Quotes, filter syntax, a newline, CJK, emoji, RTL and 500 characters: a video, no crash."""
    from studio.cli import get_app

    title = "' : , ; [ ] = \\ % { } [0:v] drawtext=text='x'\n保温杯 😍 مرحبا " + "z" * 420
    product_file = write_product(tmp_path, title=title, description=title,
                                 compare_at_price="25", attributes={"material": title})
    out = tmp_path / "hostile.mp4"
    for template in ("feature-list", "ugc-captions"):
        result = CliRunner().invoke(get_app(), ["render", "-t", template, "-p", str(product_file),
                                                "-o", str(out), "--preview"])
        assert result.exit_code == 0, result.output
        assert out.is_file()


def test_generator_puts_an_ai_clip_into_the_clip_slot(tmp_path, product_of):
    """The render pipeline hands AI clips over as options["clips"]; clip-hero shows one."""
    import subprocess

    from plugins.template_generator import TemplateGenerator
    from studio.contracts import GenerationRequest

    clip = tmp_path / "ai.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=0x00ff00:s=320x568:r=30:d=2", "-pix_fmt", "yuv420p", str(clip)],
                   check=True)
    from studio.product_media import with_local_photos

    product, base = product_of("classic-smart-watch")
    product = with_local_photos(product, tmp_path / "photos", base_dir=base)
    request = GenerationRequest(output_path=tmp_path / "hero.mp4", template_id="clip-hero",
                                preview=True, product=product, options={"clips": [str(clip)]})
    result = TemplateGenerator().generate(request, lambda f, m: None)
    frame = np.asarray(frame_at(result.path, 1.0, tmp_path / "f.png")).astype(int)
    top = frame[: frame.shape[0] // 3]
    green = (top[..., 1] > 180) & (top[..., 0] < 90) & (top[..., 2] < 90)
    assert green.mean() > 0.5, "the AI clip should fill the hero shot"
