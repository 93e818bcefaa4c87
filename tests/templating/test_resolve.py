"""Template + product + format → RenderPlan, for every built-in template and format.

These tests stop before ffmpeg runs: sizes, safe zones, and what the ffmpeg command line holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from studio.product import ProductData
from studio.render import ff
from studio.render.video import QUIET, build_graph, canvas_for, output_options
from studio.templating import BUILTIN_DIR, FieldProblem, get_format, resolve_template
from studio.templating.layout import inside
from studio.templating.speech import set_synthesizer
from studio.templating.thumbnails import SAMPLES

from .conftest import HANDLES

FORMATS = ("9:16", "1:1", "16:9", "4:5")
MARKER = "Zq9MARK"
HOSTILE = (f"{MARKER}' : , ; [ ] = \\ % {{ }} -vf drawtext=x /etc/passwd $(id) `id`\n"
           "保温杯 😍 مرحبا " + "long " * 90)


@pytest.fixture(autouse=True)
def quick_voice(monkeypatch):
    """espeak-ng is real in the render tests; here a silent WAV of a length keeps it fast."""
    import wave

    def silent(text: str, voice: str, speed: int, out: Path) -> Path:
        with wave.open(str(out), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(22050)
            wav.writeframes(b"\0\0" * int(22050 * min(8.0, 0.3 + len(text) / 25)))
        return out

    set_synthesizer(silent)
    yield
    set_synthesizer(None)


def _boxes_ok(video, fmt_key):
    fmt = get_format(fmt_key)
    frame, safe = fmt.frame_box(), fmt.safe_box
    scenes = video.plan.scenes
    assert video.plan.output.width == fmt.width and video.plan.output.height == fmt.height
    overlays = [o for s in scenes for o in s.overlays] + list(video.plan.overlays)
    for overlay in overlays:
        with Image.open(overlay.image) as im:
            from studio.render.plan import Box

            box = Box(overlay.x, overlay.y, im.width, im.height)
        assert inside(box, frame), f"{overlay.image.name} leaves the frame: {box}"
        if overlay.image.name in video.texts:
            assert inside(box, safe), (
                f"{video.template_id} {fmt_key}: text {video.texts[overlay.image.name]!r} "
                f"at {box} is outside the safe zone {safe}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_template_resolves_in_every_format(registry, product_of, tmp_path, fmt):
    for template in registry.list():
        product, base = product_of("vacuum-thermos-500" if fmt == "1:1" else "wireless-earbuds-pro")
        video = resolve_template(template, product, fmt, work_dir=tmp_path / template.id,
                                 base_dir=base)
        assert abs(video.plan.duration - template.spec.duration) < 1e-6
        assert video.template_version == template.version
        assert video.plan.audio.music is not None and video.plan.audio.music.is_file()
        _boxes_ok(video, fmt)


@pytest.mark.parametrize("handle", HANDLES)
def test_every_sample_product_resolves(registry, product_of, tmp_path, handle):
    """Each sample product with two templates (rotating), so every pair of kinds meets once."""
    product, base = product_of(handle)
    templates = registry.list()
    start = HANDLES.index(handle)
    for template in (templates[start % len(templates)], templates[(start + 3) % len(templates)]):
        video = resolve_template(template, product, "9:16", work_dir=tmp_path / template.id,
                                 base_dir=base)
        _boxes_ok(video, "9:16")
        texts = " ".join(video.texts.values())
        assert product.title.split()[0] in texts


def _hostile_product() -> ProductData:
    return ProductData(
        title=HOSTILE, description=HOSTILE, price="19.99", compare_at_price="29.99",
        currency="USD", attributes={"material": HOSTILE},
        images=[str(SAMPLES / "photos" / "trail-running-sneaker.jpg"),
                str(SAMPLES / "photos" / "trail-running-sneaker-2.jpg")],
    )


@pytest.mark.parametrize("template_id", ["showcase", "price-drop", "feature-list", "comparison",
                                         "clip-hero", "ugc-captions"])
def test_hostile_title_never_reaches_the_ffmpeg_command(registry, tmp_path, template_id):
    template = registry.get(template_id)
    work = tmp_path / "work"
    video = resolve_template(template, _hostile_product(), "9:16", work_dir=work)
    _boxes_ok(video, "9:16")
    assert any(MARKER in text for text in video.texts.values()), "the title should be drawn"
    graph = build_graph(video.plan, canvas_for(video.plan, preview=True))
    try:
        args = ff.command(graph.video, graph.audio, str(tmp_path / "out.mp4"),
                          output_options=output_options(video.plan, True), global_args=QUIET)
    finally:
        for feed in graph.feeds:
            feed.discard()
    joined = "\n".join(args)
    for fragment in (MARKER, "passwd", "$(id)", "保温杯", "مرحبا", "long long"):
        assert fragment not in joined
    allowed = (str(work), str(BUILTIN_DIR), str(tmp_path / "out.mp4"))
    for arg in args:
        path = arg.removeprefix("file:")
        if "/" in path and not path.startswith(("pipe:", "http")) and "=" not in path:
            assert path.startswith(allowed), f"unexpected path in the command: {arg}"


def test_long_title_follows_the_templates_truncation_rule(registry, product_of, tmp_path):
    product, base = product_of()
    product = product.model_copy(update={"title": "Bamboo " * 80})
    video = resolve_template(registry.get("showcase"), product, "9:16", work_dir=tmp_path,
                             base_dir=base)
    title = [t for t in video.texts.values() if t.startswith("Bamboo")]
    assert title
    with Image.open(video.plan.scenes[0].overlays[0].image) as im:
        assert im.height < 0.2 * 1920  # stayed in its box: shrunk, then cut with an ellipsis


def test_clip_field_replaces_the_photo_and_empty_clip_falls_back(registry, product_of, tmp_path):
    from studio.render.plan import ClipLayer, PhotoLayer

    product, base = product_of("classic-smart-watch")
    template = registry.get("clip-hero")
    fallback = resolve_template(template, product, "9:16", work_dir=tmp_path / "a", base_dir=base)
    main = fallback.plan.scenes[0].main
    assert isinstance(main, PhotoLayer) and main.ken_burns is not None
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\0" * 2048)
    with_clip = resolve_template(template, product, "9:16", work_dir=tmp_path / "b",
                                 base_dir=base, overrides={"hero_clip": str(clip)})
    assert isinstance(with_clip.plan.scenes[0].main, ClipLayer)


def test_missing_photos_name_the_field(registry, tmp_path):
    product = ProductData(title="No photos", price="5")
    with pytest.raises(FieldProblem, match="photos"):
        resolve_template(registry.get("showcase"), product, "9:16", work_dir=tmp_path)


def test_unknown_override_is_refused(registry, product_of, tmp_path):
    product, base = product_of()
    with pytest.raises(FieldProblem, match="colour"):
        resolve_template(registry.get("showcase"), product, "9:16", work_dir=tmp_path,
                         base_dir=base, overrides={"colour": "#000000"})


def test_voiceover_captions_are_timed_within_the_speech(registry, product_of, tmp_path):
    from studio.templating.speech import wav_duration

    product, base = product_of("speckled-ceramic-mug")
    video = resolve_template(registry.get("ugc-captions"), product, "9:16", work_dir=tmp_path,
                             base_dir=base)
    audio = video.plan.audio
    assert audio.voiceover is not None and audio.duck_music_under_voice
    spoken = wav_duration(audio.voiceover)
    captions = video.plan.overlays
    assert len(captions) >= 3
    assert captions[0].start == pytest.approx(audio.voiceover_start)
    assert captions[-1].end == pytest.approx(audio.voiceover_start + spoken, abs=0.01)
    for a, b in zip(captions, captions[1:], strict=False):
        assert a.end == pytest.approx(b.start, abs=0.002)


def test_same_inputs_give_byte_identical_plan_files(registry, product_of, tmp_path):
    product, base = product_of("vacuum-thermos-500")
    template = registry.get("feature-list")
    first = resolve_template(template, product, "4:5", work_dir=tmp_path / "a", base_dir=base)
    second = resolve_template(template, product, "4:5", work_dir=tmp_path / "b", base_dir=base)
    files_a = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files_a == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files_a:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    strip = str(tmp_path / "a"), str(tmp_path / "b")
    assert repr(first.plan).replace(strip[0], "") == repr(second.plan).replace(strip[1], "")


def test_logo_field_places_a_logo_in_the_top_right(registry, product_of, tmp_path, photo):
    product, base = product_of()
    logo = photo(color=(0, 160, 255), size=(600, 300), name="logo.png")
    template = registry.get("showcase")
    without = resolve_template(template, product, "9:16", work_dir=tmp_path / "a", base_dir=base)
    with_logo = resolve_template(template, product, "9:16", work_dir=tmp_path / "b",
                                 base_dir=base, overrides={"logo": str(logo)})
    added = len(with_logo.plan.scenes[0].overlays) - len(without.plan.scenes[0].overlays)
    assert added == 1
    safe = get_format("9:16").safe_box
    overlay = with_logo.plan.scenes[0].overlays[-1]
    assert overlay.x > safe.x + safe.w * 0.75 and overlay.y < safe.y + safe.h * 0.1


def test_seller_value_longer_than_the_field_allows_is_refused(registry, product_of, tmp_path):
    product, base = product_of()
    with pytest.raises(FieldProblem, match="'title'.*allows 120"):
        resolve_template(registry.get("showcase"), product, "9:16", work_dir=tmp_path,
                         base_dir=base, overrides={"title": "x" * 121})
