"""Sentences the server words itself for a seller, in Simplified Chinese (the English ones
live beside the figures they explain, in ``studio.roi.recommend``)."""

from __future__ import annotations

from collections.abc import Sequence

from studio.schemas.analytics import RecommendationItem

EXPLANATION_ZH = (
    "决定方式（汤普森采样）：对接下来的每一条视频，我们根据每个模板的视频至今的收益，为它设想一个"
    "可能的投资回报率，然后选用排在最前面的模板。明显更好的模板在多数抽样中胜出，分到大部分视频；"
    "仍不确定的模板偶尔胜出，所以会继续分到少量视频，直到数据稳定下来。一个模板分到的视频比例，"
    "就是它是最佳模板的概率。"
)


def summary_zh(total: int, category: str | None, items: Sequence[RecommendationItem],
               single: bool) -> str:
    parts = [
        f"{item.videos} 条用「{item.template}」（"
        + (f"有 {item.p_best:.0%} 的概率投资回报率最高" if item.enough_data
           else "数据还不够，再做几条就能看出")
        + "）"
        for item in items if item.videos
    ]
    where = f"（{category}）" if category else ""
    text = f"接下来的 {total} 条视频{where}建议这样做：" + "，".join(parts) + "。"
    if single:
        text += "目前只有一个模板有投放结果：试试其他模板以便比较。"
    return text


def wants_chinese(accept_language: str | None) -> bool:
    """True when Chinese comes before English in ``Accept-Language`` (q-values honoured)."""
    best: tuple[float, int, str] | None = None
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        tag = tag.strip().lower()
        if weight > 0 and (tag.startswith(("zh", "en"))):
            if best is None or (weight, -index) > (best[0], -best[1]):
                best = (weight, index, tag)
    return best is not None and best[2].startswith("zh")
