import pytest

from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing
from matchmaking.projects.models import Project


@pytest.fixture
def project(pair, login_as):
    """A project created the way users create one: propose, then accept."""
    enterprise = login_as(pair.enterprise_user)
    enterprise.post(f"/pairings/new/programme/{pair.programme.id}",
                    data={"counterpart_id": pair.programme.id, "own_id": pair.need.id, "message": "共建学徒制班"})
    pairing = db.session.scalar(db.select(Pairing))
    login_as(pair.school_user).post(f"/pairings/{pairing.id}/accept")
    return db.session.scalar(db.select(Project))
