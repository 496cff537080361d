"""Project lifecycle, follow-ups, milestones, files, the bureau's desk and its export."""
from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook

from matchmaking.core.timeutil import local_today, utcnow
from matchmaking.extensions import db
from matchmaking.notifications.models import Notification
from matchmaking.projects.models import Milestone, Project

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = local_today().isoformat()


def _refresh(project):
    db.session.expire_all()
    return db.session.get(Project, project.id)


def _sign(c, project, **extra):
    data = {"agreement_date": TODAY}
    data.update(extra)
    return c.post(f"/projects/{project.id}/sign", data=data, content_type="multipart/form-data")


def test_full_lifecycle_to_completion(project, pair, login_as):
    school, enterprise = login_as(pair.school_user), login_as(pair.enterprise_user)
    assert _sign(school, project, agreement_file=(BytesIO(PDF), "合作协议.pdf")).status_code == 302
    project = _refresh(project)
    assert project.status == "signed" and project.agreement_date.isoformat() == TODAY
    assert enterprise.get(f"/projects/{project.id}/agreement").data == PDF
    assert enterprise.post(f"/projects/{project.id}/start").status_code == 302
    assert _refresh(project).status == "implementing"

    school.post(f"/projects/{project.id}/follow-ups", data={"date": TODAY, "content": "首批 20 名学徒已入企培训", "apprentices_enrolled": "20"})
    enterprise.post(f"/projects/{project.id}/follow-ups", data={"date": TODAY, "content": "第二批学徒报到", "apprentices_enrolled": "8"})
    html = school.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "已招收学徒 28 人" in html

    # The enterprise cannot confirm before the school's summary; the school cannot confirm at all.
    assert "学校尚未提交项目总结" in enterprise.post(f"/projects/{project.id}/confirm", follow_redirects=True).get_data(as_text=True)
    assert "由企业确认" in school.post(f"/projects/{project.id}/confirm", follow_redirects=True).get_data(as_text=True)
    school.post(f"/projects/{project.id}/summary", data={"summary": "本期学徒制班共招收学徒 28 人，完成岗位课程与师带徒考核。"})
    enterprise.post(f"/projects/{project.id}/confirm")
    project = _refresh(project)
    assert project.status == "completed" and project.enterprise_confirmed_at and project.closed_at
    kinds = [e.kind for e in project.events]
    for kind in ("created", "status", "file", "follow_up", "summary", "confirmed"):
        assert kind in kinds
    assert "project_status" in [n.kind for n in db.session.scalars(db.select(Notification).where(Notification.user_id == pair.school_user.id))]


@pytest.mark.parametrize("action,from_status", [("start", "negotiating"), ("start", "implementing"), ("sign", "signed")])
def test_illegal_transitions_are_refused(project, pair, login_as, action, from_status):
    project.status = from_status
    db.session.commit()
    school = login_as(pair.school_user)
    response = (_sign(school, project) if action == "sign" else school.post(f"/projects/{project.id}/{action}"))
    assert "当前状态下不能执行此操作" in school.get(f"/projects/{project.id}").get_data(as_text=True) or response.status_code in (302, 400)
    assert _refresh(project).status == from_status


def test_signing_needs_a_date_not_in_the_future(project, pair, login_as):
    school = login_as(pair.school_user)
    assert _sign(school, project, agreement_date="").status_code == 400
    future = (local_today() + timedelta(days=3)).isoformat()
    assert "不能晚于今天" in _sign(school, project, agreement_date=future).get_data(as_text=True)
    assert _refresh(project).status == "negotiating"


@pytest.mark.parametrize("name,data,message", [
    ("合同.exe", b"MZ\x90\x00", "只能是 PDF"),
    ("合同.pdf", b"<html>not a pdf</html>", "与扩展名不符"),
    ("合同.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 10), "不能超过 5 MB"),
])
def test_bad_agreement_files_are_refused_and_nothing_changes(project, pair, login_as, name, data, message):
    school = login_as(pair.school_user)
    response = _sign(school, project, agreement_file=(BytesIO(data), name))
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    project = _refresh(project)
    assert project.status == "negotiating" and project.agreement_path is None


def test_agreement_file_only_for_the_parties_and_the_bureau(project, pair, login_as, make):
    school = login_as(pair.school_user)
    _sign(school, project, agreement_file=(BytesIO(PDF), "协议.pdf"))
    assert login_as(make.user(make.enterprise())).get(f"/projects/{project.id}/agreement").status_code == 404
    assert school.get(f"/projects/{project.id}/agreement").status_code == 200
    assert login_as(make.user(make.bureau())).get(f"/projects/{project.id}/agreement").status_code == 200
    assert school.get("/static/../instance/uploads").status_code == 404


def test_third_parties_get_404_on_every_project_route(project, login_as, make):
    outsider = login_as(make.user(make.school()))
    assert outsider.get(f"/projects/{project.id}").status_code == 404
    for path in ("start", "terminate", "summary", "confirm", "follow-ups", "milestones", "plan", "note"):
        assert outsider.post(f"/projects/{project.id}/{path}", data={"reason": "x", "content": "xxxxxx", "date": TODAY}).status_code == 404
    assert _refresh(project).status == "negotiating"


def test_termination_needs_a_reason_and_is_final(project, pair, login_as):
    enterprise = login_as(pair.enterprise_user)
    assert enterprise.post(f"/projects/{project.id}/terminate", data={"reason": ""}).status_code == 400
    enterprise.post(f"/projects/{project.id}/terminate", data={"reason": "企业产线调整，暂缓合作"})
    project = _refresh(project)
    assert project.status == "terminated" and project.termination_reason == "企业产线调整，暂缓合作"
    html = enterprise.post(f"/projects/{project.id}/follow-ups", data={"date": TODAY, "content": "再记录一次"}, follow_redirects=True).get_data(as_text=True)
    assert "不能再添加跟踪记录" in html


def test_bureau_terminates_adds_follow_up_and_notes_but_cannot_sign(project, login_as, make):
    bureau = login_as(make.user(make.bureau()))
    bureau.post(f"/projects/{project.id}/follow-ups", data={"date": TODAY, "content": "人社局电话回访，双方正在商议课程"})
    bureau.post(f"/projects/{project.id}/note", data={"note": "重点跟踪项目"})
    assert "只有合作双方" in bureau.post(f"/projects/{project.id}/start", follow_redirects=True).get_data(as_text=True)
    project = _refresh(project)
    assert project.bureau_note == "重点跟踪项目" and len(project.follow_ups) == 1
    bureau.post(f"/projects/{project.id}/terminate", data={"reason": "双方长期无进展"})
    assert _refresh(project).status == "terminated"


def test_parties_cannot_write_the_bureau_note(project, pair, login_as):
    school = login_as(pair.school_user)
    assert "只有人社局" in school.post(f"/projects/{project.id}/note", data={"note": "x"}, follow_redirects=True).get_data(as_text=True)


def test_follow_up_validation(project, pair, login_as):
    school = login_as(pair.school_user)
    future = (local_today() + timedelta(days=1)).isoformat()
    assert "不能晚于今天" in school.post(f"/projects/{project.id}/follow-ups", data={"date": future, "content": "未来的记录"}).get_data(as_text=True)
    assert school.post(f"/projects/{project.id}/follow-ups", data={"date": TODAY, "content": "短"}).status_code == 400
    assert school.post(f"/projects/{project.id}/follow-ups", data={"date": TODAY, "content": "正常记录内容", "students_placed": "-3"}).status_code == 400
    assert _refresh(project).follow_ups == []


def test_milestones_and_overdue_flag(project, pair, login_as, make):
    school = login_as(pair.school_user)
    school.post(f"/projects/{project.id}/milestones", data={"title": "完成课程标准", "due_date": (local_today() - timedelta(days=2)).isoformat()})
    milestone = db.session.scalar(db.select(Milestone))
    bureau = login_as(make.user(make.bureau()))
    assert project.title in bureau.get("/bureau/projects?flag=overdue").get_data(as_text=True)
    school.post(f"/projects/{project.id}/milestones/{milestone.id}/done")
    assert project.title not in bureau.get("/bureau/projects?flag=overdue").get_data(as_text=True)
    assert school.post(f"/projects/{project.id}/milestones/999999/done").status_code == 404


def test_thirty_day_flag_and_reminders(project, pair, login_as, make, runner):
    bureau = login_as(make.user(make.bureau()))
    assert project.title not in bureau.get("/bureau/projects?flag=stale").get_data(as_text=True)
    project.last_activity_at = utcnow() - timedelta(days=31)
    db.session.commit()
    assert project.title in bureau.get("/bureau/projects?flag=stale").get_data(as_text=True)
    result = runner.invoke(args=["send-reminders"])
    assert "Sent 2" in result.output  # one per party
    assert "Sent 0" in runner.invoke(args=["send-reminders"]).output  # not twice in a week
    # A follow-up clears the flag.
    login_as(pair.school_user).post(f"/projects/{project.id}/follow-ups", data={"date": TODAY, "content": "恢复跟踪记录"})
    assert project.title not in bureau.get("/bureau/projects?flag=stale").get_data(as_text=True)


def test_desk_filters_and_excel_export_match(project, pair, login_as, make):
    other_school, other_enterprise = make.school(), make.enterprise()
    make.user(other_school), make.user(other_enterprise)
    project.title = "=HYPERLINK(\"http://evil\",\"点我\")"
    db.session.commit()
    bureau = login_as(make.user(make.bureau()))
    assert 'href="/projects/' not in bureau.get("/bureau/projects?cluster=baijiu").get_data(as_text=True)
    assert 'href="/projects/' in bureau.get("/bureau/projects?cluster=power_battery").get_data(as_text=True)
    response = bureau.get("/bureau/projects/export.xlsx?cluster=power_battery")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号" and len(rows) == 2
    assert rows[1][0] == project.id
    assert rows[1][1].startswith("'=")  # formula neutralised
    empty = load_workbook(BytesIO(bureau.get("/bureau/projects/export.xlsx?cluster=baijiu").data)).active
    assert empty.max_row == 1


def test_desk_is_for_the_bureau_only(project, pair, login_as):
    assert login_as(pair.school_user).get("/bureau/projects").status_code == 403
    assert login_as(pair.school_user).get("/bureau/projects/export.xlsx").status_code == 403


def test_plan_update_validation(project, pair, login_as):
    school = login_as(pair.school_user)
    ok = school.post(f"/projects/{project.id}/plan", data={"type_code": "order_class", "planned_students": "35", "planned_apprentices": "0",
                                                         "planned_trainees": "0", "duration_months": "24"})
    assert ok.status_code == 302
    project = _refresh(project)
    assert project.type_code == "order_class" and project.planned_students == 35
    bad = school.post(f"/projects/{project.id}/plan", data={"type_code": "spaceships", "planned_students": "x", "planned_apprentices": "0",
                                                          "planned_trainees": "0", "duration_months": "24"})
    assert bad.status_code == 400
