"""Demo pairings and projects in every state, made through the real services so the
demo platform looks lived-in: open proposals waiting on both demo logins, projects
from 洽谈中 to 已完成 and 已终止, follow-ups, milestones and one silent project."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ..accounts.models import User
from ..core.timeutil import local_today, utcnow
from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..pairings import services as pairings
from ..pairings.models import Pairing
from ..programmes.models import Programme
from ..projects import services as projects

DEMO_SCHOOL = "宜宾三江职业技术学院"
DEMO_ENTERPRISE = "宜宾锂源动力电池有限公司"

#: (need ref, programme ref, who proposes, outcome, project status, days ago, message)
STORY = [
    ("N001", "P001", "enterprise", "accepted", "implementing", 120, "希望以订单班方式共同培养涂布、辊压工序操作工，首期 40 人。"),
    ("N003", "P004", "enterprise", "accepted", "signed", 60, "拟共建新型学徒制班，企业导师与学校教师双导师带徒。"),
    ("N005", "P006", "school", "accepted", "completed", 200, "学校可为贵司班组长开设精益生产与安全管理专题培训。"),
    ("N007", "P005", "enterprise", "accepted", "negotiating", 50, "希望大数据专业学生参与 MES 数据运维实习。"),
    ("N006", "P007", "school", "accepted", "terminated", 150, "愿意联合申报低温性能提升技术攻关项目。"),
    ("N008", "P002", "enterprise", "proposed", None, 2, "我司电池测试岗位每年需求约 20 人，希望建立长期合作。"),
    ("N002", "P004", "school", "proposed", None, 1, "我校工业机器人专业学生具备设备维修基础，可推荐顶岗实习。"),
    ("N004", "P003", "enterprise", "declined", None, 20, "希望合作开展顶岗实习。"),
    ("N002", "P007", "school", "withdrawn", None, 25, "可提供设备数字化运维方向实习生。"),
    ("N008", "P001", "enterprise", "expired", None, 40, "希望订单班学生毕业后进入测试岗位。"),
]


def _posting(model, organisation, ref):
    posting = db.session.scalar(select(model).where(model.organisation_id == organisation.id, model.external_ref == ref))
    if posting is not None and posting.status != "published":
        posting.status, posting.published_at = "published", utcnow() - timedelta(days=240)
    return posting


def _contact_user(organisation, password):
    """The demo login of an organisation: its contact email, the demo password."""
    user = db.session.scalar(select(User).where(User.organisation_id == organisation.id).order_by(User.id))
    if user is None:
        user = User(organisation=organisation, email=organisation.email, name=organisation.contact_name, is_org_admin=True)
        user.set_password(password)
        db.session.add(user)
        db.session.flush()
    return user


def _age(pairing, project, days):
    """Move the story back in time so the timeline and flags look real."""
    start = utcnow() - timedelta(days=days)
    pairing.created_at = start
    pairing.expires_at = start + timedelta(days=current_app.config["PAIRING_EXPIRY_DAYS"])
    if pairing.responded_at:
        pairing.responded_at = start + timedelta(days=2)
    if project is not None:
        project.created_at = start + timedelta(days=2)
        project.last_activity_at = start + timedelta(days=2)
        for index, event in enumerate(sorted(project.events, key=lambda e: e.id)):
            event.at = start + timedelta(days=2 + index * 7)


def _advance(project, status, school_user, enterprise_user, days):
    today = local_today()
    if status in ("signed", "implementing", "completed"):
        projects.transition(project, "sign", by=school_user, agreement_date=today - timedelta(days=max(days - 10, 1)))
    if status in ("implementing", "completed"):
        projects.transition(project, "start", by=enterprise_user)
        projects.add_milestone(project, "完成人才培养方案与课程标准", today - timedelta(days=days // 2), by=school_user)
        projects.add_milestone(project, "首批学员进入企业岗位", today - timedelta(days=5), by=enterprise_user)
        projects.complete_milestone(project, project.milestones[0].id, by=school_user)
        projects.add_follow_up(project, {"date": today - timedelta(days=days // 3), "content": "双方召开推进会，确定课程模块与企业导师名单。",
                                         "students_placed": 0, "apprentices_enrolled": 12, "employees_trained": 0}, by=school_user)
        projects.add_follow_up(project, {"date": today - timedelta(days=8), "content": "首批学员已进入产线跟岗，企业反馈操作规范、出勤良好。",
                                         "students_placed": 18, "apprentices_enrolled": 0, "employees_trained": 35}, by=enterprise_user)
    if status == "completed":
        projects.submit_summary(project, "本期合作共完成班组长培训 3 期 96 人次，形成精益生产案例 12 个，安全事故率同比下降。", by=school_user)
        projects.confirm_results(project, by=enterprise_user)
    if status == "terminated":
        projects.transition(project, "terminate", by=enterprise_user, reason="企业研发方向调整，双方同意暂停本项目。")


def seed_cooperation(password):
    """Create the demo story once (nothing happens if pairings already exist)."""
    if db.session.scalar(select(func.count(Pairing.id))):
        return 0
    school = db.session.scalar(select(Organisation).where(Organisation.name == DEMO_SCHOOL))
    enterprise = db.session.scalar(select(Organisation).where(Organisation.name == DEMO_ENTERPRISE))
    if school is None or enterprise is None:
        return 0
    school_user, enterprise_user = _contact_user(school, password), _contact_user(enterprise, password)
    created = 0
    for need_ref, programme_ref, proposer, outcome, status, days, message in STORY:
        need, programme = _posting(Need, enterprise, need_ref), _posting(Programme, school, programme_ref)
        if need is None or programme is None:
            continue
        db.session.flush()
        by = enterprise_user if proposer == "enterprise" else school_user
        other = school_user if proposer == "enterprise" else enterprise_user
        pairing = pairings.propose(need_id=need.id, programme_id=programme.id, message=message, by=by, source="suggestion")
        project = None
        if outcome == "accepted":
            project = pairings.accept(pairing, by=other)
            _advance(project, status, school_user, enterprise_user, days)
        elif outcome == "declined":
            pairings.decline(pairing, "本学年该专业学生已全部安排顶岗实习，明年再议。", by=other)
        elif outcome == "withdrawn":
            pairings.withdraw(pairing, by=by)
        elif outcome == "expired":
            pairing.expires_at = utcnow() - timedelta(days=1)
            pairings.expire_overdue()
        db.session.flush()
        _age(pairing, project, days)
        if project is not None and status == "implementing":
            project.last_activity_at = utcnow() - timedelta(days=8)
        created += 1
    created += _seed_city_wide(password)
    db.session.flush()
    return created


def _seed_city_wide(password):
    """A few projects between other schools and enterprises, for the bureau's desk."""
    enterprises = db.session.scalars(
        select(Organisation).where(Organisation.kind == "enterprise", Organisation.status == "verified",
                                   Organisation.name != DEMO_ENTERPRISE).order_by(Organisation.id).limit(6)
    ).all()
    statuses = ["implementing", "completed", "signed", "negotiating", "implementing", "signed"]
    created = 0
    for enterprise, status in zip(enterprises, statuses):
        need = db.session.scalar(select(Need).where(Need.organisation_id == enterprise.id, Need.status == "published").order_by(Need.id))
        if need is None:
            continue
        programme = db.session.scalar(
            select(Programme).join(Organisation, Programme.organisation_id == Organisation.id)
            .where(Programme.cluster_code == need.cluster_code, Programme.status == "published",
                   Organisation.status == "verified", Organisation.name != DEMO_SCHOOL)
            .order_by(Programme.id)
        )
        if programme is None:
            continue
        enterprise_user, school_user = _contact_user(enterprise, password), _contact_user(programme.organisation, password)
        pairing = pairings.propose(need_id=need.id, programme_id=programme.id, message="希望建立校企合作关系。", by=enterprise_user, source="search")
        project = pairings.accept(pairing, by=school_user)
        days = 90 + created * 20
        _advance(project, status, school_user, enterprise_user, days)
        db.session.flush()
        _age(pairing, project, days)
        if status == "negotiating":
            project.last_activity_at = utcnow() - timedelta(days=40)  # flagged on the desk
        created += 1
    return created
