"""ROI per template: formulas, the engine over rows, posterior statistics, recommendations."""

from studio.roi.engine import AdResult, GroupResult, Rates, RoiReport, VideoInfo, roi_report
from studio.roi.formulas import FORMULAS
from studio.roi.recommend import Recommendation, recommend
from studio.roi.rollup import refresh

__all__ = [
    "FORMULAS",
    "AdResult",
    "GroupResult",
    "Rates",
    "Recommendation",
    "RoiReport",
    "VideoInfo",
    "recommend",
    "refresh",
    "roi_report",
]
