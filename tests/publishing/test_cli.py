"""`studio publish` and `studio sync` from a terminal: the same services as the API."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from typer.testing import CliRunner

from studio.cli import get_app
from studio.db import Job, Video, Workspace, session_scope
from studio.services.publish_runs import run_publish_job
from tests.fakes import meta_api
from tests.publishing.test_publish_api import META


def test_publish_by_creative_code_then_sync(client, tenant, meta, make_video):
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    video = make_video(tenant)
    with session_scope() as session:
        slug = session.get(Workspace, tenant.workspace_id).slug
        code = session.get(Video, video).creative_code
    runner, app = CliRunner(), get_app()
    ask = ["--account", str(account["connection"]["id"]), "--ad-set", meta_api.AD_SET["id"],
           "-w", slug]
    wrong = runner.invoke(app, ["publish", *ask[:2], "-w", slug, code])
    assert wrong.exit_code == 2 and "--ad-set" in wrong.output
    asked = runner.invoke(app, ["publish", code.lower(), *ask, "--json"])
    assert asked.exit_code == 0, asked.output
    (row,) = json.loads(asked.stdout)["data"]
    assert row["video_id"] == video and row["status"] == "queued" and row["start_paused"]
    with session_scope() as session:
        job = session.scalar(select(Job.id).where(Job.kind == "publish"))
    run_publish_job(job)
    (ad_id,) = meta.ads
    meta.add_results(ad_id, dt.date.today(), spend="12.00", impressions=3000, purchases=2,
                     revenue="60.00")
    pulled = runner.invoke(app, ["sync", "-w", slug])
    assert pulled.exit_code == 0, pulled.output
    assert "Ad results pulled" in pulled.stdout and "meta" in pulled.stdout
    assert meta_api.TOKEN not in pulled.stdout + asked.stdout
    shown = runner.invoke(app, ["sync", "-w", slug, "--json"])
    (result,) = json.loads(shown.stdout)
    assert result["rows"] == 1 and result["matched"] == 1 and result["videos_updated"] == []
    missing = runner.invoke(app, ["sync", "-w", slug, "--account", "999"])
    assert missing.exit_code == 1 and "was not found" in missing.output


def test_publish_shows_the_ad_sets_name_as_the_web_studio_does(client, tenant, meta,
                                                               make_video):
    account = client.post("/api/v1/connections", json=META, headers=tenant.headers).json()
    video = make_video(tenant)
    with session_scope() as session:
        slug = session.get(Workspace, tenant.workspace_id).slug
    runner, app = CliRunner(), get_app()
    ask = ["publish", str(video), "--account", str(account["connection"]["id"]), "-w", slug]
    shown = runner.invoke(app, [*ask, "--ad-set", meta_api.AD_SET["id"]],
                          env={"COLUMNS": "200"})
    print("\n" + shown.output)
    assert shown.exit_code == 0, shown.output
    assert "Broad 18-44" in shown.stdout and meta_api.AD_SET["id"] not in shown.stdout
    (ad,) = client.get(f"/api/v1/videos/{video}/ads", headers=tenant.headers).json()["data"]
    assert ad["ad_set_name"] == "Broad 18-44"  # stored, as a publish from the web studio
    wrong = runner.invoke(app, [*ask, "--ad-set", "999"])
    assert wrong.exit_code == 2
    assert "has no ad set / ad group 999" in wrong.output and "Broad 18-44" in wrong.output
