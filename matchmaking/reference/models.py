"""Reference tables: seeded from `matchmaking.referencedata`, editable by the bureau."""
from ..extensions import db


class _Labelled:
    #: Chinese label shown by default.
    name_zh = db.Column(db.String(80), nullable=False)
    #: English label for the English interface.
    name_en = db.Column(db.String(120), nullable=False, default="")
    #: Display order.
    sort = db.Column(db.Integer, nullable=False, default=0)


class Cluster(_Labelled, db.Model):
    __tablename__ = "clusters"
    code = db.Column(db.String(40), primary_key=True)


class Level(_Labelled, db.Model):
    __tablename__ = "levels"
    code = db.Column(db.String(40), primary_key=True)
    #: Higher is more advanced; used for "level fits" rules.
    rank = db.Column(db.Integer, nullable=False, default=0)


class Mode(_Labelled, db.Model):
    __tablename__ = "modes"
    code = db.Column(db.String(40), primary_key=True)


class NeedKind(_Labelled, db.Model):
    __tablename__ = "need_kinds"
    code = db.Column(db.String(40), primary_key=True)


class District(_Labelled, db.Model):
    """A county or district; its Chinese name is the natural key used by the exchange format."""

    __tablename__ = "districts"
    code = db.Column(db.String(40), primary_key=True)
    #: Administrative division code (used in 统一社会信用代码).
    division_code = db.Column(db.String(6), nullable=False, default="")


class PlanTarget(_Labelled, db.Model):
    """One of the implementation plan's 2025 targets."""

    __tablename__ = "plan_targets"
    code = db.Column(db.String(40), primary_key=True)
    figure = db.Column(db.Integer, nullable=False)
    #: "count" or "percent".
    unit = db.Column(db.String(10), nullable=False, default="count")


REFERENCE_MODELS = {
    "clusters": Cluster,
    "levels": Level,
    "modes": Mode,
    "need_kinds": NeedKind,
    "districts": District,
    "plan_targets": PlanTarget,
}
