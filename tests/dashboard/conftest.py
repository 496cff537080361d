"""A small city with known figures: every dashboard figure of it can be worked out by hand."""
from datetime import date, timedelta

import pytest

from matchmaking.core.timeutil import local_today, utcnow
from matchmaking.dashboard.models import PlanRecord
from matchmaking.extensions import db
from matchmaking.pairings.models import Pairing
from matchmaking.projects.models import FollowUp, Project


class World:
    pass


def _pairing(need, programme, status, *, created_days_ago=3):
    pairing = Pairing(need=need, programme=programme, proposer=need.organisation, responder=programme.organisation,
                      status=status, created_at=utcnow() - timedelta(days=created_days_ago),
                      expires_at=utcnow() + timedelta(days=14))
    db.session.add(pairing)
    db.session.flush()
    return pairing


def _project(need, programme, status, **fields):
    pairing = _pairing(need, programme, "accepted")
    project = Project(pairing=pairing, need=need, programme=programme, school=programme.organisation,
                      enterprise=need.organisation, title=f"{need.title}合作", type_code="order_class",
                      cluster_code=need.cluster_code, district_code=need.district_code, status=status, **fields)
    db.session.add(project)
    db.session.flush()
    return project


def _follow_up(project, **figures):
    db.session.add(FollowUp(project=project, organisation_id=project.school_id, date=local_today(), content="跟踪",
                            **figures))


def _record(organisation, kind, level, status="approved", **fields):
    fields.setdefault("name", f"{kind}-{level}-{status}")
    fields.setdefault("recognised_on", date(2025, 3, 1))
    record = PlanRecord(organisation=organisation, kind=kind, level=level, status=status, evidence="认定文件", **fields)
    db.session.add(record)
    return record


@pytest.fixture
def world(make):
    w = World()
    w.bureau = make.bureau(name="测试人社局")
    w.bureau_user = make.user(w.bureau)
    w.school = make.school(name="宜宾测试职业学院", district_code="翠屏区", contact_name="王老师", contact_phone="13912345678",
                           email="wang@school.example.cn")
    w.school_user = make.user(w.school)
    w.other_school = make.school(name="叙州测试职业学校", district_code="叙州区")
    w.other_school_user = make.user(w.other_school)
    # Enterprises: above-scale / state-owned / certified in several combinations.
    w.e_battery = make.enterprise(name="测试电池公司", cluster_code="power_battery", district_code="三江新区", above_scale=True,
                                  state_owned=True, certification="provincial", contact_name="李经理", contact_phone="13987654321",
                                  email="li@battery.example.cn")
    w.e_baijiu = make.enterprise(name="测试酒业公司", cluster_code="baijiu", district_code="叙州区", above_scale=True,
                                 certification="municipal")
    w.e_state = make.enterprise(name="测试国有酒厂", cluster_code="baijiu", district_code="叙州区", state_owned=True)
    w.e_digital = make.enterprise(name="测试数字公司", cluster_code="digital_economy", district_code="翠屏区", above_scale=True)
    w.enterprise_user = make.user(w.e_battery)
    make.enterprise(name="待审核规上企业", above_scale=True, status="pending", certification="provincial")

    w.p_battery = make.programme(w.school, cluster_code="power_battery", district_code="翠屏区")
    w.p_baijiu = make.programme(w.other_school, cluster_code="baijiu", district_code="叙州区")
    make.programme(w.school, status="draft")
    w.n_battery = make.need(w.e_battery, cluster_code="power_battery", district_code="三江新区")
    w.n_battery2 = make.need(w.e_battery, cluster_code="power_battery", district_code="三江新区")
    w.n_baijiu = make.need(w.e_baijiu, cluster_code="baijiu", district_code="叙州区")
    w.n_state = make.need(w.e_state, cluster_code="baijiu", district_code="叙州区")
    w.n_digital = make.need(w.e_digital, cluster_code="digital_economy", district_code="翠屏区")
    make.need(w.e_digital, status="closed")

    # Projects: battery implementing (counts), baijiu negotiating (does not count), state-owned completed (counts).
    w.pr_battery = _project(w.n_battery, w.p_battery, "implementing")
    _project(w.n_baijiu, w.p_baijiu, "negotiating")
    w.pr_state = _project(w.n_state, w.p_baijiu, "completed")
    _pairing(w.n_battery2, w.p_battery, "proposed")
    _pairing(w.n_digital, w.p_battery, "declined", created_days_ago=40)
    _follow_up(w.pr_battery, students_placed=12, apprentices_enrolled=5)
    _follow_up(w.pr_battery, students_placed=8)
    _follow_up(w.pr_state, employees_trained=30)

    # Plan records: only approved ones count; "provincial+" counts provincial and national.
    _record(w.school, "vocational_group", "national", cluster_code="power_battery")
    _record(w.school, "vocational_group", "provincial")
    _record(w.other_school, "vocational_group", "national", status="submitted")
    _record(w.school, "industry_college", "provincial")
    _record(w.other_school, "industry_college", "national")
    _record(w.other_school, "industry_college", "municipal")
    _record(w.school, "simulation_base", "provincial", status="rejected", rejection_reason="材料不全")
    _record(w.e_battery, "high_skill_base", "national")
    _record(w.school, "high_skill_base", "provincial", status="draft")
    _record(w.school, "dual_qualified", "municipal", recognised_on=date(2024, 3, 1), teachers_total=100, dual_qualified=20)
    _record(w.school, "dual_qualified", "municipal", recognised_on=date(2025, 3, 1), teachers_total=200, dual_qualified=110)
    _record(w.other_school, "dual_qualified", "municipal", teachers_total=50, dual_qualified=15)
    _record(w.other_school, "dual_qualified", "municipal", status="submitted", recognised_on=date(2025, 6, 1),
            teachers_total=50, dual_qualified=50)
    db.session.commit()
    return w


#: What the world's figures must be, worked out by hand (no filter).
EXPECTED = {
    "provincial_enterprises": 1,
    "municipal_enterprises": 2,
    "above_scale_share": (1, 3),   # battery cooperates; baijiu only negotiates; digital has none
    "state_owned_share": (2, 2),   # battery (implementing) and the state-owned distillery (completed)
    "vocational_groups": 1,
    "industry_colleges": 2,
    "simulation_bases": 0,
    "high_skill_bases": 1,
    "dual_qualified_share": (125, 250),  # the school's latest (110/200) and the other school's (15/50)
    "programmes": 2,
    "needs": 5,
    "pairings_proposed": 1,
    "pairings_accepted": 3,
    "pairings_declined": 1,
    "pairings_withdrawn": 0,
    "pairings_expired": 0,
    "projects_negotiating": 1,
    "projects_signed": 0,
    "projects_implementing": 1,
    "projects_completed": 1,
    "projects_terminated": 0,
    "students_placed": 20,
    "apprentices_enrolled": 5,
    "employees_trained": 30,
}
