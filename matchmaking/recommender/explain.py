"""Reasons: language-neutral codes from the engine, Chinese text from ``describe``.

Template strings are wrapped in ``N_`` (a no-op) so Flask-Babel's extractor (keyword
N_) finds them; ``describe(reason, translate=gettext)`` translates before formatting.
The shared key terms themselves are found by terms.py.
"""
from __future__ import annotations

from typing import Callable

from . import scoring as S
from .documents import Reason


def N_(s: str) -> str:
    """Mark a string for extraction; translation happens later, in describe()."""
    return s


TEMPLATES = {
    "shared_terms": N_("共同关键词：{terms}"),
    "same_cluster": N_("同一产业集群"),
    "level_fits": N_("学历层次符合"),
    "level_below": N_("学历层次低于要求"),
    "level_above": N_("学历层次高于岗位需要"),
    "mode_fits:order_class": N_("可开设订单班"),
    "mode_fits:apprenticeship": N_("支持新型学徒制"),
    "mode_fits:internship": N_("提供实习实训"),
    "mode_fits:employee_training": N_("提供在职培训"),
    "mode_fits:joint_rd": N_("可开展联合研发"),
    "same_district": N_("同区县"),
    "nearby_district": N_("邻近区县"),
}
OTHER_MODE_TEMPLATE = N_("支持合作方式：{mode}")
TERM_SEPARATOR = N_("、")


def describe(reason: Reason, translate: Callable[[str], str] | None = None) -> str:
    """The UI text of a reason, e.g. "共同关键词：电芯、极片" or "同一产业集群"."""
    tr = translate or (lambda s: s)
    template = TEMPLATES.get(reason.code)
    if reason.code == "shared_terms":
        return tr(template).format(terms=tr(TERM_SEPARATOR).join(reason.terms))
    if template is not None:
        return tr(template)
    if reason.code.startswith("mode_fits:"):
        return tr(OTHER_MODE_TEMPLATE).format(mode=reason.code.partition(":")[2])
    return reason.code


# -- structured reasons, built once and shared between suggestions ------------------------------
SAME_CLUSTER = Reason("same_cluster")
LEVEL_REASONS = {
    S.LEVEL_FITS: Reason("level_fits"),
    S.LEVEL_BELOW: Reason("level_below"),
    S.LEVEL_ABOVE: Reason("level_above"),
}
DISTRICT_REASONS = {S.DISTRICT_SAME: Reason("same_district"), S.DISTRICT_NEAR: Reason("nearby_district")}


class StructuredReasons:
    """Tuples of shared Reason objects, indexed by the pair's structured codes."""

    def __init__(self, modes: list[str]):
        self.mode_reasons = [Reason(f"mode_fits:{m}") for m in modes]
        self._cache: dict[tuple[int, int, int, int], tuple[Reason, ...]] = {}

    def get(self, same_cluster: int, level: int, mode: int, district: int) -> tuple[Reason, ...]:
        """Reasons for one combination of codes, in display order."""
        key = (same_cluster, level, mode, district)
        found = self._cache.get(key)
        if found is None:
            out = []
            if same_cluster:
                out.append(SAME_CLUSTER)
            if level in LEVEL_REASONS:
                out.append(LEVEL_REASONS[level])
            if mode >= 0:
                out.append(self.mode_reasons[mode])
            if district in DISTRICT_REASONS:
                out.append(DISTRICT_REASONS[district])
            found = self._cache[key] = tuple(out)
        return found
