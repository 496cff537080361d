"""Public summary figures."""
from datetime import date

from matchmaking.extensions import db
from matchmaking.projects.models import FollowUp


def test_stats_count_what_the_public_sees(api, pair, make):
    make.need(pair.enterprise, status="draft")
    make.programme(make.school(status="pending"))
    enterprise, school = api.as_(pair.enterprise_user), api.as_(pair.school_user)
    pairing = enterprise.post("/pairings", json={"need_id": pair.need.id, "programme_id": pair.programme.id}).get_json()
    project_id = school.post(f"/pairings/{pairing['id']}/accept").get_json()["project_id"]
    for placed, trained in ((5, 0), (7, 3)):
        db.session.add(FollowUp(project_id=project_id, organisation_id=pair.school.id, date=date(2025, 1, 1),
                                content="记录", students_placed=placed, employees_trained=trained))
    db.session.commit()
    stats = api.anonymous.get("/stats").get_json()
    assert stats["organisations"] == {"schools": 1, "enterprises": 1}
    assert stats["programmes"] == 1 and stats["needs"] == 1
    assert stats["pairings"] == {"proposed": 0, "accepted": 1, "declined": 0, "withdrawn": 0, "expired": 0}
    assert stats["projects"]["negotiating"] == 1 and sum(stats["projects"].values()) == 1
    assert stats["outcomes"] == {"students_placed": 12, "apprentices_enrolled": 0, "employees_trained": 3}


def test_stats_carry_every_plan_target_as_the_public_dashboard_counts_it(api, make):
    from matchmaking.referencedata import PLAN_TARGETS

    make.enterprise(certification="municipal")
    make.enterprise(certification="provincial")
    make.enterprise(certification="none")
    targets = {row["code"]: row for row in api.anonymous.get("/stats").get_json()["plan_targets"]}
    assert set(targets) == {code for code, *_ in PLAN_TARGETS}
    assert targets["provincial_enterprises"]["value"] == 1 and targets["provincial_enterprises"]["target"] == 50
    assert targets["municipal_enterprises"]["value"] == 2  # provincial ones were recognised municipally first
    assert targets["vocational_groups"]["value"] == 0
    assert targets["above_scale_share"]["value"] is None and targets["above_scale_share"]["progress"] == 0  # none above scale
