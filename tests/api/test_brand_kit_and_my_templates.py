"""A seller's brand kit and the templates they save under names of their own (issue 18, 5).

The brand kit (logo, colours, font, call to action, language, store currency) dresses every
video; a saved template (a template plus the seller's texts, colours, music, voice-over and
language) is a template of its own in the list, the batch builder and ROI: its videos record
its id and its own version. What is asked for is written into each video's options when it is
submitted, so the worker renders exactly that; these tests follow it to the frame.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from studio.db import Product, Video, session_scope
from studio.templating import RenderStyle, default_registry, resolve_template

SHOE = Path(__file__).resolve().parents[2] / "media" / "samples" / "photos"


def _logo_png(color=(20, 90, 200, 255)) -> bytes:
    image = Image.new("RGBA", (400, 160), (0, 0, 0, 0))  # transparent around the mark
    image.paste(Image.new("RGBA", (200, 160), color), (100, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _product(settings, tenant, **fields) -> int:
    data = {"title": "Trail Running Sneaker", "description": "Light mesh. Grippy sole.",
            "price": Decimal("89.95"), "compare_at_price": Decimal("119.00"), "currency": "EUR",
            "images": ["photos/trail-running-sneaker.jpg", "photos/trail-running-sneaker-2.jpg"]}
    data.update(fields)
    with session_scope(settings.resolved_database_url()) as session:
        product = Product(workspace_id=tenant.workspace_id, **data)
        session.add(product)
        session.flush()
        return product.id


def _videos(settings, ids):
    with session_scope(settings.resolved_database_url()) as session:
        rows = [session.get(Video, i) for i in ids]
        return [{"template_id": v.template_id, "template_version": v.template_version,
                 "options": dict(v.options or {}), "product_id": v.product_id} for v in rows]


def _batch(client, tenant, items):
    answer = client.post("/api/v1/batches", headers=tenant.headers, json={"items": items})
    assert answer.status_code in (200, 202), answer.text
    return answer.json()


def test_the_brand_kit_is_kept_and_cleared_field_by_field(client, tenant):
    empty = client.get("/api/v1/brand-kit", headers=tenant.headers).json()
    assert (empty["has_logo"], empty["font"], empty["currency"]) == (False, None, "USD")
    assert set(empty["fonts"]) == {"sans", "serif", "condensed"}
    changed = client.patch("/api/v1/brand-kit", headers=tenant.headers, json={
        "primary_color": "#6a1b9a", "font": "serif", "language": "zh", "currency": "cny",
        "call_to_action": {"en": "Shop the drop", "zh": "马上抢购"}}).json()
    assert changed["primary_color"] == "#6A1B9A" and changed["currency"] == "CNY"
    assert changed["call_to_action"] == {"en": "Shop the drop", "zh": "马上抢购"}
    again = client.patch("/api/v1/brand-kit", headers=tenant.headers,
                         json={"language": None}).json()
    assert again["language"] is None and again["font"] == "serif"  # the rest stays
    bad = client.patch("/api/v1/brand-kit", headers=tenant.headers,
                       json={"primary_color": "purple", "font": "comic"})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"body.primary_color", "body.font"}


def test_a_logo_is_kept_with_its_transparency_and_a_non_picture_is_refused(client, tenant):
    headers = tenant.headers
    made = client.put("/api/v1/brand-kit/logo", headers=headers,
                      files={"file": ("logo.png", _logo_png(), "image/png")}).json()
    assert made["has_logo"] and made["logo_url"] == "/api/v1/brand-kit/logo"
    served = client.get("/api/v1/brand-kit/logo", headers=headers)
    assert served.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(served.content)) as logo:
        assert logo.mode == "RGBA" and logo.getpixel((10, 10))[3] == 0
    refused = client.put("/api/v1/brand-kit/logo", headers=headers,
                         files={"file": ("logo.png", b"%PDF-1.4 not a picture", "image/png")})
    assert refused.status_code == 422 and refused.json()["code"] == "brand.logo_unreadable"
    assert client.delete("/api/v1/brand-kit/logo", headers=headers).json()["has_logo"] is False
    gone = client.get("/api/v1/brand-kit/logo", headers=headers)
    assert gone.status_code == 404 and gone.json()["code"] == "brand.no_logo"


def test_a_saved_template_is_a_template_of_its_own(client, tenant, other_tenant):
    base = default_registry().get("price-drop")
    answer = client.post("/api/v1/my-templates", headers=tenant.headers, json={
        "name": "Autumn sale", "base": "price-drop", "voiceover": False, "language": "en",
        "fields": {"cta": "Fall deals", "accent": "#8D6E63", "urgency": "Today only"}})
    assert answer.status_code == 201, answer.text
    saved = answer.json()
    assert saved["id"] == "my-autumn-sale" and saved["base"] == "price-drop"
    assert len(saved["version"]) == 12 and saved["version"] != base.version
    listed = client.get("/api/v1/templates", headers=tenant.headers).json()["data"]
    mine = [t for t in listed if t["source"] == "mine"]
    assert [(t["id"], t["name"], t["base"]) for t in mine] == [
        ("my-autumn-sale", "Autumn sale", "price-drop")]
    assert mine[0]["version"] == saved["version"]
    detail = client.get("/api/v1/templates/my-autumn-sale", headers=tenant.headers).json()
    assert detail["fields"]["cta"]["default"] == "Fall deals"
    assert detail["saved"]["voiceover"] is False
    # another workspace sees nothing of it
    theirs = client.get("/api/v1/templates", headers=other_tenant.headers).json()["data"]
    assert not [t for t in theirs if t["source"] == "mine"]
    assert client.get("/api/v1/templates/my-autumn-sale",
                      headers=other_tenant.headers).status_code == 404
    # new settings are a new version; the id stays
    changed = client.patch("/api/v1/my-templates/my-autumn-sale", headers=tenant.headers,
                           json={"fields": {"cta": "Last days"}}).json()
    assert changed["id"] == "my-autumn-sale" and changed["version"] != saved["version"]
    assert client.delete("/api/v1/my-templates/my-autumn-sale",
                         headers=tenant.headers).status_code == 204
    assert client.get("/api/v1/my-templates", headers=tenant.headers).json()["count"] == 0


@pytest.mark.parametrize(("body", "code", "field"), [
    ({"fields": {"colour": "#FF0000"}}, "my_template.unknown_field", "fields.colour"),
    ({"fields": {"accent": "red"}}, "my_template.bad_color", "fields.accent"),
    ({"fields": {"price": "9.99"}}, "my_template.field_not_saved", "fields.price"),
    ({"fields": {"urgency": "Forever"}}, "my_template.bad_choice", "fields.urgency"),
    ({"base": "no-such-template"}, "my_template.base_unknown", "base"),
    ({"music": "no-such-track"}, "my_template.bad_music", "music"),
])
def test_what_a_saved_template_cannot_keep_is_refused_naming_it(client, tenant, body, code,
                                                                 field):
    answer = client.post("/api/v1/my-templates", headers=tenant.headers,
                         json={"name": "Mine", "base": "price-drop", **body})
    assert answer.status_code in (404, 422) and answer.json()["code"] == code, answer.text
    assert answer.json()["params"]["field"] == f"body.{field}"


def test_the_same_name_twice_is_refused(client, tenant):
    body = {"name": "Autumn sale", "base": "showcase"}
    assert client.post("/api/v1/my-templates", headers=tenant.headers, json=body).status_code \
        == 201
    again = client.post("/api/v1/my-templates", headers=tenant.headers,
                        json={**body, "name": "  Autumn   sale "})
    assert again.status_code == 409 and again.json()["code"] == "my_template.name_taken"
    chinese = client.post("/api/v1/my-templates", headers=tenant.headers,
                          json={"name": "秋季促销", "base": "showcase"}).json()
    assert chinese["id"] == "my-showcase" and chinese["name"] == "秋季促销"


def test_a_name_without_latin_letters_gets_an_id_after_its_base_unique_in_the_workspace(
        client, tenant):
    """Not one generic ``my-template`` for every Chinese name: the base template names it,
    a second one is numbered, and each opens as itself."""
    ids = [client.post("/api/v1/my-templates", headers=tenant.headers,
                       json={"name": name, "base": "price-drop"}).json()["id"]
           for name in ("海港大促", "双十一", "秋季促销")]
    print(f"\nsaved ids of 海港大促, 双十一, 秋季促销: {ids}")
    assert ids == ["my-price-drop", "my-price-drop-2", "my-price-drop-3"]
    for saved_id, name in zip(ids, ("海港大促", "双十一", "秋季促销"), strict=True):
        assert client.get(f"/api/v1/templates/{saved_id}",
                          headers=tenant.headers).json()["name"] == name


def test_a_batch_records_the_saved_template_and_wears_the_brand_kit(client, settings,
                                                                    tenant, tmp_path):
    headers = tenant.headers
    client.put("/api/v1/brand-kit/logo", headers=headers,
               files={"file": ("logo.png", _logo_png(), "image/png")})
    client.patch("/api/v1/brand-kit", headers=headers, json={
        "primary_color": "#6A1B9A", "font": "serif", "call_to_action": {"en": "Shop the drop"}})
    saved = client.post("/api/v1/my-templates", headers=headers, json={
        "name": "Autumn sale", "base": "price-drop", "voiceover": False,
        "fields": {"cta": "Fall deals", "accent": "#8D6E63"}}).json()
    shoe = _product(settings, tenant)
    batch = _batch(client, tenant, [{"product": shoe, "template": "my-autumn-sale"},
                                    {"product": shoe, "template": "showcase"}])
    mine, showcase = _videos(settings, batch["video_ids"])
    # ROI tells the saved template apart: its own id and version on its videos
    assert (mine["template_id"], mine["template_version"]) == ("my-autumn-sale",
                                                               saved["version"])
    assert mine["options"]["base_template"] == "price-drop"
    assert mine["options"]["fields"]["cta"] == "Fall deals"  # the saved value beats the kit
    assert mine["options"]["fields"]["accent"] == "#8D6E63"
    assert mine["options"]["voiceover"] is False
    assert showcase["template_version"] == default_registry().get("showcase").version
    assert showcase["options"]["fields"]["accent"] == "#6A1B9A"
    assert showcase["options"]["fields"]["logo"].startswith(f"brand/{tenant.workspace_id}/")
    assert showcase["options"]["style"]["font"] == "serif"
    # the same batch again is the same batch; a changed brand kit makes new videos
    assert _batch(client, tenant, [{"product": shoe, "template": "showcase"}])["video_ids"] \
        == [batch["video_ids"][1]]
    client.patch("/api/v1/brand-kit", headers=headers, json={"primary_color": "#00897B"})
    fresh = _batch(client, tenant, [{"product": shoe, "template": "showcase"}])["video_ids"]
    assert fresh != [batch["video_ids"][1]]
    # what the worker draws from those options: the saved texts, the kit's logo and font
    from studio.product_media import product_data, with_local_photos
    from studio.templating.rendering import local_pictures

    with session_scope(settings.resolved_database_url()) as session:
        product = with_local_photos(product_data(session.get(Product, shoe)), tmp_path / "p")
    base = default_registry().get("price-drop")
    fields = local_pictures(base, dict(mine["options"]["fields"]), tmp_path / "w")
    video = resolve_template(base, product, "9:16", work_dir=tmp_path / "r", overrides=fields,
                             style=RenderStyle.from_options(mine["options"].get("style")))
    assert "Fall deals" in video.texts.values() and "Shop the drop" not in video.texts.values()
    assert set(video.prices.values()) == {"€89.95"}
    logo_layers = [o for s in video.plan.scenes for o in s.overlays
                   if o.image.name not in video.texts and o.image.name not in video.prices]
    assert logo_layers  # the product scene carries the kit's logo


def test_with_no_brand_kit_a_video_is_asked_for_exactly_as_before(client, settings, tenant):
    """No kit, no saved template: the options stay as sent (the same request keys)."""
    shoe = _product(settings, tenant)
    batch = _batch(client, tenant, [{"product": shoe, "template": "showcase",
                                     "options": {"fields": {"cta": "Go"}}}])
    [video] = _videos(settings, batch["video_ids"])
    assert video["options"] == {"fields": {"cta": "Go"}}


def test_the_requests_language_is_written_for_the_worker(client, settings, tenant):
    shoe = _product(settings, tenant, title="轻量透气跑步鞋", currency="CNY",
                    price=Decimal("499"))
    batch = _batch(client, tenant, [{"product": shoe, "template": "price-drop",
                                     "options": {"language": "en"}}])
    [video] = _videos(settings, batch["video_ids"])
    assert video["options"]["style"] == {"language": "en"}


def test_template_names_come_in_the_sellers_language(client, tenant):
    chinese = client.get("/api/v1/templates", headers={**tenant.headers,
                                                        "Accept-Language": "zh-CN,zh;q=0.9"})
    names = {t["id"]: t["name"] for t in chinese.json()["data"]}
    assert names["price-drop"] == "降价促销" and names["showcase"] == "产品展示"
    detail = client.get("/api/v1/templates/price-drop",
                        headers={**tenant.headers, "Accept-Language": "zh-CN"}).json()
    assert detail["fields"]["cta"]["label"] == "行动号召"
    assert detail["fields"]["cta"]["default"] == "今天就入手"
    assert detail["fields"]["urgency"]["option_labels"]["Today only"] == "仅限今天"
    english = client.get("/api/v1/templates", headers=tenant.headers).json()["data"]
    assert {t["id"]: t["name"] for t in english}["price-drop"] == "Price drop"


def test_a_preview_of_a_saved_template_shows_its_settings_and_the_kit(client, settings,
                                                                      tenant):
    """The template editor's preview goes through the same settings as the videos."""
    from studio.db import Job, Scope
    from studio.schemas.templates import PreviewRequest
    from studio.services import previews

    client.put("/api/v1/brand-kit/logo", headers=tenant.headers,
               files={"file": ("logo.png", _logo_png(), "image/png")})
    client.post("/api/v1/my-templates", headers=tenant.headers, json={
        "name": "Autumn sale", "base": "price-drop", "fields": {"cta": "Fall deals"}})
    shoe = _product(settings, tenant)
    with session_scope(settings.resolved_database_url()) as session:
        job = previews.ask_for_preview(Scope(session, tenant.workspace_id), "my-autumn-sale",
                                       PreviewRequest(product_id=shoe, at=11.0))
        job_id = job.id
        assert job.payload["base"] == "price-drop"
        assert job.payload["fields"]["cta"] == "Fall deals"
        assert job.payload["fields"]["logo"].startswith("brand/")
    outcome = previews.run_preview(job_id)
    assert outcome["status"] == "succeeded", outcome
    with session_scope(settings.resolved_database_url()) as session:
        assert session.get(Job, job_id).payload["template"] == "my-autumn-sale"
    still = client.get(f"/api/v1/previews/{job_id}/file", headers=tenant.headers)
    with Image.open(io.BytesIO(still.content)) as frame:
        assert frame.size == (1080, 1920)


def test_the_template_editor_starts_from_the_brand_kit(client, tenant):
    """What the form shows is what the videos get: the kit's colour, then saved values."""
    client.patch("/api/v1/brand-kit", headers=tenant.headers, json={"primary_color": "#6A1B9A"})
    accent = client.get("/api/v1/templates/showcase", headers=tenant.headers).json()[
        "fields"]["accent"]
    assert (accent["default"], accent["from_brand"]) == ("#6A1B9A", True)
    client.post("/api/v1/my-templates", headers=tenant.headers, json={
        "name": "Teal", "base": "showcase", "fields": {"accent": "#00897B"}})
    mine = client.get("/api/v1/templates/my-teal", headers=tenant.headers).json()
    assert mine["fields"]["accent"]["default"] == "#00897B"
    assert not mine["fields"]["accent"]["from_brand"]


def test_the_worker_renders_a_saved_template_from_the_videos_options(client, settings,
                                                                     tenant, tmp_path):
    """The template generator reads nothing but the video's options (as a worker does)."""
    from plugins.template_generator import TemplateGenerator
    from studio.contracts import GenerationRequest
    from studio.product_media import product_data, with_local_photos

    client.put("/api/v1/brand-kit/logo", headers=tenant.headers,
               files={"file": ("logo.png", _logo_png(), "image/png")})
    saved = client.post("/api/v1/my-templates", headers=tenant.headers, json={
        "name": "Autumn sale", "base": "price-drop", "music": "off",
        "fields": {"cta": "Fall deals"}}).json()
    shoe = _product(settings, tenant, title="轻量透气跑步鞋", currency="CNY",
                    price=Decimal("499"), compare_at_price=Decimal("699"))
    [video_id] = _batch(client, tenant, [{"product": shoe, "template": "my-autumn-sale"}])[
        "video_ids"]
    [video] = _videos(settings, [video_id])
    with session_scope(settings.resolved_database_url()) as session:
        product = with_local_photos(product_data(session.get(Product, shoe)), tmp_path / "p")
    (tmp_path / "scratch").mkdir()
    result = TemplateGenerator().generate(GenerationRequest(
        output_path=tmp_path / "out.mp4", product=product, template_id=video["template_id"],
        scratch_dir=tmp_path / "scratch", preview=True, options=video["options"]),
        lambda fraction, message: None)
    assert (result.metadata["template_id"], result.metadata["template_version"]) == (
        "my-autumn-sale", saved["version"])
    assert result.path.is_file() and abs(result.duration - 12.0) < 0.6
    # "music": "off" (and price-drop has no voice-over): the sound track is silence
    loudness = subprocess.run(
        ["ffmpeg", "-hide_banner", "-i", str(result.path), "-af", "volumedetect", "-f", "null",
         "-"], capture_output=True, text=True, check=True).stderr
    loudest = float(re.search(r"max_volume: (-?[\d.]+|-inf) dB", loudness).group(1))
    assert loudest < -80, loudness[-400:]


@pytest.mark.parametrize("name", ["Harbour sale", "海港大促"])
def test_ad_names_and_the_zip_manifest_carry_the_saved_templates_name(client, settings, tenant,
                                                                      name):
    """The suggested ad name says the seller's name for their template, not its id, and still
    ends with the creative code the ad import finds; the batch ZIP's manifest says the same."""
    from studio.db import Scope
    from studio.linking import CodeMatcher
    from studio.services.batch_zip import manifest_csv

    saved = client.post("/api/v1/my-templates", headers=tenant.headers, json={
        "name": name, "base": "price-drop"}).json()
    shoe = _product(settings, tenant)
    batch = _batch(client, tenant, [{"product": shoe, "template": saved["id"]},
                                    {"product": shoe, "template": "showcase"}])
    mine, builtin = (client.get(f"/api/v1/videos/{i}", headers=tenant.headers).json()
                     for i in batch["video_ids"])
    listed = {v["id"]: v for v in client.get("/api/v1/videos", headers=tenant.headers,
                                             params={"batch_id": batch["id"]}).json()["data"]}
    print(f"\n{saved['id']}: {mine['suggested_ad_name']!r}; "
          f"showcase: {builtin['suggested_ad_name']!r}")
    for video in (mine, listed[mine["id"]]):
        assert video["template_id"] == saved["id"]
        assert video["suggested_ad_name"] == \
            f"Trail Running Sneaker | {name} | {mine['creative_code']}"
    assert builtin["suggested_ad_name"] == \
        f"Trail Running Sneaker | showcase | {builtin['creative_code']}"
    # the ad import still finds the video by the code in the name, copied or not
    matcher = CodeMatcher({mine["creative_code"]: mine["id"],
                           builtin["creative_code"]: builtin["id"]})
    for ad_name in (mine["suggested_ad_name"], f"Copy of {mine['suggested_ad_name']} v2"):
        assert matcher.match("meta", None, ad_name, None).video_id == mine["id"]

    with session_scope(settings.resolved_database_url()) as session:
        videos = Scope(session, tenant.workspace_id).list(
            Video, Video.id.in_(batch["video_ids"]), order_by=Video.id)
        rows = list(csv.DictReader(io.StringIO(
            manifest_csv(videos, set()).decode("utf-8-sig"))))
    print(f"manifest template column: {[r['template'] for r in rows]}")
    assert [r["template"] for r in rows] == [name, "showcase"]
    assert rows[0]["suggested_ad_name"] == mine["suggested_ad_name"]


def test_a_bar_in_a_saved_templates_name_keeps_the_ad_name_in_three_parts(client, settings,
                                                                          tenant):
    saved = client.post("/api/v1/my-templates", headers=tenant.headers, json={
        "name": "Sale | week 2", "base": "showcase"}).json()
    shoe = _product(settings, tenant)
    [video_id] = _batch(client, tenant, [{"product": shoe, "template": saved["id"]}])[
        "video_ids"]
    video = client.get(f"/api/v1/videos/{video_id}", headers=tenant.headers).json()
    assert video["suggested_ad_name"].split(" | ") == [
        "Trail Running Sneaker", "Sale / week 2", video["creative_code"]]
