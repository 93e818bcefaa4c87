"""The autopilot: its rules (off by default), pause / resume at once, and its log — every
automatic action with its reason."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ScopeDep
from studio.schemas.events import EventsPublic
from studio.schemas.publishing import AutopilotPublic, AutopilotUpdate
from studio.services import autopilot

router = APIRouter(prefix="/autopilot", tags=["autopilot"])


@router.get("", response_model=AutopilotPublic, operation_id="get_autopilot")
def get_autopilot(scope: ScopeDep) -> AutopilotPublic:
    """Its rules, today's count against the caps, and how the next 10 videos would be shared
    between templates (and why)."""
    return autopilot.autopilot_public(scope)


@router.patch("", response_model=AutopilotPublic, operation_id="update_autopilot")
def update_autopilot(body: AutopilotUpdate, scope: ScopeDep) -> AutopilotPublic:
    """Turn it on or off, set the daily caps, the fallback templates, formats, video options,
    the ad sets to publish to (paused) and where the daily digest goes."""
    return autopilot.update_autopilot(scope, body)


@router.post("/pause", response_model=AutopilotPublic, operation_id="pause_autopilot")
def pause_autopilot(scope: ScopeDep) -> AutopilotPublic:
    """Stop now: nothing new starts, and its renders and ads still waiting are cancelled."""
    return autopilot.pause(scope)


@router.post("/resume", response_model=AutopilotPublic, operation_id="resume_autopilot")
def resume_autopilot(scope: ScopeDep) -> AutopilotPublic:
    return autopilot.resume(scope)


@router.get("/log", response_model=EventsPublic, operation_id="autopilot_log")
def autopilot_log(
    scope: ScopeDep,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="Older than this "
                                        "seq (the page before).")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> EventsPublic:
    """What the autopilot did, newest first; each event's `reason` says why."""
    return autopilot.log_page(scope, before=before, limit=limit)
