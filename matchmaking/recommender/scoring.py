"""The scoring formula: text similarity weighed the way an HR officer would.

    raw(n, p)   = text(n, p) · C(n, p) · L(n, p) · M(n, p) + D(n, p)
    score(n, p) = raw(n, p) / (1 + same_district)            ∈ [0, 1]

text  cosine of the field-weighted TF-IDF vectors (vectorise.py), in [0, 1];
C     1 in the need's own cluster, ``cross_cluster`` outside it (never 0: a distillery's
      data engineer comes from a data programme);
L     ``level_below`` ** (ranks the programme is below the need's minimum level);
      ``level_above`` when the need is an operator post (talent, apprenticeship or
      internship) and the programme is ``above_gap`` or more ranks above it; else 1;
M     1 when the programme offers the need kind's ideal mode (KIND_MODES[kind][0]),
      ``mode_other`` for another mode that serves the kind, ``mode_none`` otherwise;
D     ``same_district`` or ``nearby_district`` (NEIGHBOURS): small, a tie-breaker only.

C·L·M depends only on the need's (cluster, kind, level) and the programme's (cluster,
level, modes), which is what lets the engine fold it into sparse products exactly.
Unknown levels or kinds (reference data the bureau added later) get factor 1.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matchmaking import referencedata

OPERATOR_KINDS = ("talent", "apprenticeship", "internship")


@dataclass(frozen=True)
class Weights:
    """Tuned on the dev set with held-out folds (docs/recommender.md)."""

    cross_cluster: float = 0.5
    level_below: float = 0.5
    level_above: float = 0.35
    above_gap: int = 2
    mode_other: float = 0.95
    mode_none: float = 0.9
    same_district: float = 0.002
    nearby_district: float = 0.001


@dataclass
class Reference:
    """Reference data the rules read; defaults come from matchmaking.referencedata."""

    level_ranks: dict[str, int] = field(default_factory=lambda: {r[0]: r[3] for r in referencedata.LEVELS})
    kind_modes: dict[str, list[str]] = field(default_factory=lambda: dict(referencedata.KIND_MODES))
    neighbours: dict[str, list[str]] = field(default_factory=lambda: dict(referencedata.NEIGHBOURS))
    modes: list[str] = field(default_factory=lambda: referencedata.codes(referencedata.MODES))


# Codes of the structured parts of a pair, computed in bulk and turned into reasons.
LEVEL_UNKNOWN, LEVEL_FITS, LEVEL_BELOW, LEVEL_ABOVE = 0, 1, 2, 3
DISTRICT_OTHER, DISTRICT_SAME, DISTRICT_NEAR = 0, 1, 2


class Rules:
    """Vectorised C·L·M factors, district bonus and structured pair codes."""

    def __init__(self, weights: Weights | None = None, reference: Reference | None = None):
        self.weights = weights or Weights()
        self.reference = reference or Reference()
        self.mode_bit = {m: 1 << i for i, m in enumerate(self.reference.modes)}
        self._districts: dict[str, int] = {}
        self._near = np.zeros((0, 0), dtype=bool)

    # -- encodings --------------------------------------------------------------------------
    def rank(self, level: str) -> float:
        """A level's rank, NaN when the level is unknown."""
        rank = self.reference.level_ranks.get(level)
        return float("nan") if rank is None else float(rank)

    def mode_mask(self, modes) -> int:
        """Bit mask of a programme's modes (unknown modes ignored)."""
        mask = 0
        for mode in modes or ():
            mask |= self.mode_bit.get(mode, 0)
        return mask

    def district_id(self, name: str) -> int:
        """A stable small integer for a district name (new names are added)."""
        if name not in self._districts:
            self._districts[name] = len(self._districts)
            self._near = None
        return self._districts[name]

    def near_matrix(self) -> np.ndarray:
        """near[a, b]: district b borders district a."""
        if self._near is None or len(self._near) != len(self._districts):
            size = len(self._districts)
            near = np.zeros((size, size), dtype=bool)
            for name, i in self._districts.items():
                for other in self.reference.neighbours.get(name, ()):
                    j = self._districts.get(other)
                    if j is not None:
                        near[i, j] = True
            self._near = near
        return self._near

    # -- factors ------------------------------------------------------------------------------
    def factors(self, cluster: int, kind: str, rank: float, p_cluster, p_rank, p_modes) -> np.ndarray:
        """C·L·M of one need group (cluster, kind, rank) against arrays of programmes."""
        w = self.weights
        factor = np.where(p_cluster == cluster, 1.0, w.cross_cluster)
        if not np.isnan(rank):
            gap = p_rank - rank
            below = np.where(gap < 0, np.power(w.level_below, -np.minimum(gap, 0)), 1.0)
            level = np.where(np.isnan(gap), 1.0, below)
            if kind in OPERATOR_KINDS:
                level = np.where(gap >= w.above_gap, w.level_above, level)
            factor = factor * level
        modes = self.reference.kind_modes.get(kind)
        if modes:
            ideal = self.mode_bit.get(modes[0], 0)
            serving = 0
            for mode in modes:
                serving |= self.mode_bit.get(mode, 0)
            mode_factor = np.where(
                (p_modes & ideal) != 0, 1.0, np.where((p_modes & serving) != 0, w.mode_other, w.mode_none)
            )
            factor = factor * mode_factor
        return factor

    def district_bonus(self, n_district, p_district) -> np.ndarray:
        """D for arrays of (need district id, programme district id) pairs."""
        code = self.district_codes(n_district, p_district)
        w = self.weights
        return np.where(code == DISTRICT_SAME, w.same_district, np.where(code == DISTRICT_NEAR, w.nearby_district, 0.0))

    def district_codes(self, n_district, p_district) -> np.ndarray:
        """DISTRICT_SAME / DISTRICT_NEAR / DISTRICT_OTHER for pairs."""
        n_district = np.asarray(n_district)
        p_district = np.asarray(p_district)
        near = self.near_matrix()
        is_near = near[n_district, p_district] if near.size else np.zeros(len(n_district), bool)
        return np.where(n_district == p_district, DISTRICT_SAME, np.where(is_near, DISTRICT_NEAR, DISTRICT_OTHER))

    @property
    def max_bonus(self) -> float:
        """The largest D, which bounds how far D can reorder candidates."""
        return max(self.weights.same_district, self.weights.nearby_district, 0.0)

    def normaliser(self) -> float:
        """Divide raw scores by this to land in [0, 1]."""
        return 1.0 + self.max_bonus

    # -- structured codes for reasons -------------------------------------------------------
    def level_codes(self, kind: str, rank: float, p_rank) -> np.ndarray:
        """LEVEL_* per programme for one need group."""
        p_rank = np.asarray(p_rank, dtype=np.float64)
        if np.isnan(rank):
            return np.full(len(p_rank), LEVEL_UNKNOWN)
        gap = p_rank - rank
        code = np.where(np.isnan(gap), LEVEL_UNKNOWN, np.where(gap < 0, LEVEL_BELOW, LEVEL_FITS))
        if kind in OPERATOR_KINDS:
            code = np.where(gap >= self.weights.above_gap, LEVEL_ABOVE, code)
        return code

    def mode_codes(self, kind: str, p_modes) -> np.ndarray:
        """Index into Reference.modes of the best mode the programme offers for the kind, or -1."""
        p_modes = np.asarray(p_modes)
        code = np.full(len(p_modes), -1)
        for mode in reversed(self.reference.kind_modes.get(kind, ())):
            bit = self.mode_bit.get(mode)
            if bit is not None:
                code = np.where((p_modes & bit) != 0, self.reference.modes.index(mode), code)
        return code
