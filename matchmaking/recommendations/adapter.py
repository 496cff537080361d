"""Turning database rows into the engine's plain documents, and back."""
from sqlalchemy import select

from ..extensions import db
from ..needs.models import Need
from ..postings.queries import listed
from ..programmes.models import Programme
from ..recommender import NeedDoc, ProgrammeDoc, Reason, Reference, describe
from ..reference.models import Level


def programme_doc(programme):
    return ProgrammeDoc(
        id=str(programme.id), title=programme.title, cluster=programme.cluster_code, level=programme.level_code,
        district=programme.district_code, description=programme.description, skills=list(programme.skills or []),
        modes=programme.mode_codes, capacity=programme.capacity or 0,
    )


def need_doc(need):
    return NeedDoc(
        id=str(need.id), title=need.title, cluster=need.cluster_code, kind=need.kind_code, level=need.level_code,
        district=need.district_code, description=need.description, skills=list(need.skills or []),
        headcount=need.headcount or 0,
    )


def is_eligible(posting):
    """Only published items of verified organisations are ever suggested."""
    return posting.is_listed


def eligible(model):
    return db.session.scalars(listed(model).order_by(model.id))


def all_documents():
    return [programme_doc(p) for p in eligible(Programme)], [need_doc(n) for n in eligible(Need)]


def reference():
    """The engine's reference data from the bureau-editable tables (level ranks)."""
    base = Reference()
    ranks = {level.code: level.rank for level in db.session.scalars(select(Level))}
    return Reference(level_ranks=ranks or base.level_ranks, kind_modes=base.kind_modes,
                     neighbours=base.neighbours, modes=base.modes)


def encode_reasons(reasons):
    return [[reason.code, list(reason.terms)] for reason in reasons]


def reason_texts(stored, translate):
    """The stored reasons as sentences in the reader's language."""
    return [describe(Reason(code, tuple(terms)), translate=translate) for code, terms in stored or []]
