"""AI candidates: the N variants made for one request, and the seller's choice among them.
Variants differ by generator, prompt and seed (``variants``), or are made up from ``count``
(each its own seed and product angle); the group shows per candidate what differs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, ConfigDict, Field

from api.deps import ScopeDep
from studio.schemas.videos import CandidatesCreate, CandidatesPublic
from studio.services import candidates
from studio.services.requests import VideoRequest

router = APIRouter(prefix="/candidates", tags=["candidates"])
Group = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


class CandidateSelect(BaseModel):
    model_config = ConfigDict(extra="forbid")

    video_id: int = Field(ge=1, le=2**63 - 1)


@router.post("", response_model=CandidatesPublic, status_code=202,
             operation_id="create_candidates")
def create_candidates(body: CandidatesCreate, scope: ScopeDep) -> CandidatesPublic:
    """Ask for variants of one video — `count` of them, or the listed `variants` (generators,
    prompts, seeds) — to render in parallel; pick one when they are done."""
    request = VideoRequest(product_id=body.product, template_id=body.template,
                           format=body.format, generator=body.generator, options=body.options)
    variants = None if body.variants is None else [
        candidates.Variant(generator=v.generator, prompt=v.prompt, seed=v.seed)
        for v in body.variants
    ]
    submission = candidates.submit_candidates(scope, request, count=body.count,
                                              variants=variants)
    group = candidates.group_of(scope, submission.video_ids[0])
    return candidates.candidate_group(scope, group)


@router.get("/{group}", response_model=CandidatesPublic, operation_id="get_candidates")
def get_candidates(group: Group, scope: ScopeDep) -> CandidatesPublic:
    return candidates.candidate_group(scope, group)


@router.post("/{group}/select", response_model=CandidatesPublic,
             operation_id="select_candidate")
def select_candidate(group: Group, body: CandidateSelect, scope: ScopeDep) -> CandidatesPublic:
    """Pick one variant; the other finished variants are archived (picking again restores)."""
    return candidates.select_candidate(scope, group, body.video_id)
