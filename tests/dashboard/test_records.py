"""Plan records: school entry and submission, bureau entry and review, visibility, the evidence PDF."""
from io import BytesIO

from matchmaking.audit.models import AuditEntry
from matchmaking.core.errors import Forbidden
from matchmaking.dashboard import queries, services
from matchmaking.dashboard.models import PlanRecord
from matchmaking.extensions import db

FORM = {"kind": "industry_college", "name": "新能源汽车现代产业学院", "level": "provincial", "recognised_on": "2025-05-30",
        "cluster_code": "power_battery", "evidence": "川教函〔2025〕12 号", "evidence_url": ""}


def _colleges():
    return queries.figure(queries.METRICS["industry_colleges"], {})["value"]


def _latest():
    return db.session.scalar(db.select(PlanRecord).order_by(PlanRecord.id.desc()))


def test_school_enters_submits_and_bureau_approves(world, login_as):
    before = _colleges()
    school = login_as(world.school_user)
    response = school.post("/plan-records/new", data=FORM)
    assert response.status_code == 302
    record = _latest()
    assert (record.status, record.organisation_id) == ("draft", world.school.id)
    assert _colleges() == before  # a draft does not count
    assert school.post(f"/plan-records/{record.id}/submit").status_code == 302
    db.session.refresh(record)
    assert record.status == "submitted" and record.submitted_at
    # Submitting twice is refused, and a submitted record can no longer be edited by the school.
    school.post(f"/plan-records/{record.id}/submit")
    edit = school.post(f"/plan-records/{record.id}/edit", data=dict(FORM, name="改名"))
    assert edit.status_code == 302
    db.session.refresh(record)
    assert record.name == FORM["name"] and record.status == "submitted"
    bureau = login_as(world.bureau_user)
    queue = bureau.get("/bureau/plan-records").get_data(as_text=True)
    assert FORM["name"] in queue
    assert bureau.post(f"/plan-records/{record.id}/approve").status_code == 302
    db.session.refresh(record)
    assert record.status == "approved" and record.reviewed_by_id == world.bureau_user.id
    assert _colleges() == before + 1
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "plan_record.approve",
                                                        AuditEntry.object_id == str(record.id)))
    # Approving again is a conflict, not a second audit entry.
    bureau.post(f"/plan-records/{record.id}/approve")
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry).where(AuditEntry.action == "plan_record.approve")) == 1


def test_bureau_rejects_with_a_reason_and_school_resubmits(world, login_as):
    record = PlanRecord(organisation=world.school, kind="simulation_base", name="仿真基地", level="provincial",
                        recognised_on=FORM and __import__("datetime").date(2025, 1, 1), status="submitted", evidence="文件")
    db.session.add(record)
    db.session.commit()
    bureau = login_as(world.bureau_user)
    empty = bureau.post(f"/plan-records/{record.id}/reject", data={"reason": ""})
    assert empty.status_code == 400 and "请填写驳回原因" in empty.get_data(as_text=True)
    assert bureau.post(f"/plan-records/{record.id}/reject", data={"reason": "请补充认定文件"}).status_code == 302
    db.session.refresh(record)
    assert (record.status, record.rejection_reason) == ("rejected", "请补充认定文件")
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "plan_record.reject"))
    school = login_as(world.school_user)
    assert "请补充认定文件" in school.get(f"/plan-records/{record.id}").get_data(as_text=True)
    data = dict(FORM, kind="simulation_base", name="仿真基地（补充材料）")
    assert school.post(f"/plan-records/{record.id}/edit", data=data).status_code == 302
    assert school.post(f"/plan-records/{record.id}/submit").status_code == 302
    db.session.refresh(record)
    assert (record.status, record.name, record.rejection_reason) == ("submitted", "仿真基地（补充材料）", "")


def test_school_cannot_approve_or_reject_its_own_record(world, login_as):
    school = login_as(world.school_user)
    school.post("/plan-records/new", data=FORM)
    record = _latest()
    school.post(f"/plan-records/{record.id}/submit")
    assert school.post(f"/plan-records/{record.id}/approve").status_code == 403
    assert school.post(f"/plan-records/{record.id}/reject", data={"reason": "x"}).status_code == 403
    db.session.refresh(record)
    assert record.status == "submitted"
    try:
        services.approve(record, by=world.school_user)
    except Forbidden:
        pass
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("a school approved a record")


def test_schools_see_only_their_own_records_and_the_bureau_no_drafts(world, login_as):
    mine = login_as(world.school_user)
    mine.post("/plan-records/new", data=dict(FORM, name="我的草稿"))
    draft = _latest()
    other = login_as(world.other_school_user)
    assert other.get(f"/plan-records/{draft.id}").status_code == 404
    assert other.get(f"/plan-records/{draft.id}/edit").status_code == 404
    assert other.post(f"/plan-records/{draft.id}/submit").status_code == 404
    assert "我的草稿" not in other.get("/plan-records").get_data(as_text=True)
    assert "我的草稿" in mine.get("/plan-records").get_data(as_text=True)
    bureau = login_as(world.bureau_user)
    assert bureau.get(f"/plan-records/{draft.id}").status_code == 404
    assert "我的草稿" not in bureau.get("/plan-records").get_data(as_text=True)
    assert login_as(world.enterprise_user).get("/plan-records").status_code == 403
    assert login_as(world.enterprise_user).get("/plan-records/new").status_code == 403


def test_bureau_enters_a_record_that_counts_at_once(world, login_as):
    before = _colleges()
    bureau = login_as(world.bureau_user)
    response = bureau.post("/plan-records/new", data=dict(FORM, organisation_id=str(world.other_school.id)))
    assert response.status_code == 302
    record = _latest()
    assert (record.status, record.organisation_id, record.created_by_id) == ("approved", world.other_school.id, world.bureau_user.id)
    assert _colleges() == before + 1
    assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "plan_record.create"))
    # The bureau must name a verified school or enterprise.
    missing = bureau.post("/plan-records/new", data=dict(FORM, organisation_id=""))
    assert missing.status_code == 400 and "请选择所属学校/机构" in missing.get_data(as_text=True)
    bureau_org = bureau.post("/plan-records/new", data=dict(FORM, organisation_id=str(world.bureau.id)))
    assert bureau_org.status_code == 400


def test_bad_input_is_refused_with_messages_and_kept(world, login_as):
    school = login_as(world.school_user)
    before = db.session.scalar(db.select(db.func.count()).select_from(PlanRecord))
    cases = [
        (dict(FORM, name=""), "请填写名称"),
        (dict(FORM, level="galactic"), "不是有效的选择"),
        (dict(FORM, recognised_on="2025-02-30"), "不是有效的日期"),
        (dict(FORM, recognised_on="2099-01-01"), "不晚于今天"),
        (dict(FORM, evidence="", evidence_url=""), "至少一项"),
        (dict(FORM, evidence_url="javascript:alert(1)"), "http"),
        (dict(FORM, kind="dual_qualified", teachers_total="", dual_qualified="3"), "专业课教师总数"),
        (dict(FORM, kind="dual_qualified", teachers_total="10", dual_qualified="11"), "不能超过"),
    ]
    for data, message in cases:
        response = school.post("/plan-records/new", data=data)
        html = response.get_data(as_text=True)
        assert response.status_code == 400, data
        assert message in html, message
        assert "川教函〔2025〕12 号" in html or data["evidence"] == ""  # what was typed is kept
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanRecord)) == before


def test_dual_qualified_record_counts_only_its_latest_approved_figures(world):
    ratio = queries.figure(queries.METRICS["dual_qualified_share"], {})
    assert (ratio["part"], ratio["whole"]) == (125, 250)
    services.approve(db.session.scalar(db.select(PlanRecord).where(PlanRecord.kind == "dual_qualified",
                                                                     PlanRecord.status == "submitted")), by=world.bureau_user)
    db.session.commit()
    ratio = queries.figure(queries.METRICS["dual_qualified_share"], {})
    assert (ratio["part"], ratio["whole"]) == (160, 250)  # the other school's newer 50/50 replaces its 15/50


def test_evidence_pdf_is_checked_stored_and_served_to_the_holder_and_bureau(world, login_as):
    school = login_as(world.school_user)
    fake = school.post("/plan-records/new", data=dict(FORM, evidence_file=(BytesIO(b"MZ not a pdf"), "x.pdf")),
                       content_type="multipart/form-data")
    assert fake.status_code == 400 and "文件内容与扩展名不符" in fake.get_data(as_text=True)
    image = school.post("/plan-records/new", data=dict(FORM, evidence_file=(BytesIO(b"\x89PNG\r\n\x1a\n"), "x.png")),
                        content_type="multipart/form-data")
    assert image.status_code == 400 and "只能是 PDF" in image.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanRecord)) == 13
    ok = school.post("/plan-records/new", data=dict(FORM, evidence="", evidence_file=(BytesIO(b"%PDF-1.7 test"), "认定文件.pdf")),
                     content_type="multipart/form-data")
    assert ok.status_code == 302
    record = _latest()
    assert record.evidence_name == "认定文件.pdf"
    download = school.get(f"/plan-records/{record.id}/evidence")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    assert login_as(world.other_school_user).get(f"/plan-records/{record.id}/evidence").status_code == 404
    school.post(f"/plan-records/{record.id}/submit")
    assert login_as(world.bureau_user).get(f"/plan-records/{record.id}/evidence").status_code == 200


def test_get_changes_nothing(world, login_as):
    record = db.session.scalar(db.select(PlanRecord).where(PlanRecord.status == "submitted"))
    bureau = login_as(world.bureau_user)
    assert bureau.get(f"/plan-records/{record.id}/approve").status_code == 405
    db.session.refresh(record)
    assert record.status == "submitted"
