"""Reading stored suggestions for pages: per item, per organisation, city-wide."""
from sqlalchemy import and_, exists, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..pairings.models import Pairing
from ..programmes.models import Programme
from .models import Recommendation

_SchoolOrg = aliased(Organisation)
_EnterpriseOrg = aliased(Organisation)


def _public_pairs():
    """Suggestions whose two items are both still public."""
    return (
        select(Recommendation)
        .join(Need, Recommendation.need_id == Need.id)
        .join(Programme, Recommendation.programme_id == Programme.id)
        .join(_EnterpriseOrg, Need.organisation_id == _EnterpriseOrg.id)
        .join(_SchoolOrg, Programme.organisation_id == _SchoolOrg.id)
        .where(Need.is_published, Programme.is_published, _EnterpriseOrg.is_verified, _SchoolOrg.is_verified)
    )


def for_need(need_id, *, top=10):
    query = _public_pairs().where(Recommendation.need_id == need_id, Recommendation.in_need_top.is_(True))
    return list(db.session.scalars(query.order_by(Recommendation.score.desc(), Recommendation.programme_id).limit(top)))


def for_programme(programme_id, *, top=10):
    query = _public_pairs().where(Recommendation.programme_id == programme_id, Recommendation.in_programme_top.is_(True))
    return list(db.session.scalars(query.order_by(Recommendation.score.desc(), Recommendation.need_id).limit(top)))


def _not_paired():
    return ~exists().where(and_(Pairing.need_id == Recommendation.need_id, Pairing.programme_id == Recommendation.programme_id,
                                Pairing.status.in_(("proposed", "accepted"))))


def for_organisation(organisation, *, top=10):
    """The organisation's best suggestions across all its items, not yet paired."""
    if organisation.kind == "school":
        query = _public_pairs().where(Programme.organisation_id == organisation.id, Recommendation.in_programme_top.is_(True))
    else:
        query = _public_pairs().where(Need.organisation_id == organisation.id, Recommendation.in_need_top.is_(True))
    query = query.where(_not_paired())
    return list(db.session.scalars(query.order_by(Recommendation.score.desc(), Recommendation.id).limit(top)))


def unmatched_citywide(*, cluster="", district=""):
    """The strongest pairs nobody has proposed yet, for the bureau to encourage."""
    query = _public_pairs().where(_not_paired())
    if cluster:
        query = query.where(Need.cluster_code == cluster)
    if district:
        query = query.where(Need.district_code == district)
    return query.order_by(Recommendation.score.desc(), Recommendation.id)
