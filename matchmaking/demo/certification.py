"""The certification story of the demo city: departments with their logins, certifications in
effect (municipal and provincial), one in public notice with an objection, one returned for
corrections, one refused and one waiting for the two departments. The demo enterprise has not
applied yet, so a visitor can walk the whole process with it."""
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from ..accounts.models import User
from ..certification import services
from ..certification.models import Certification
from ..core.timeutil import local_today
from ..extensions import db
from ..organisations.departments import find, seed_departments
from ..organisations.models import Organisation
from ..workdays import services as workdays
from .cooperation import _contact_user

#: (login, remit, district, name of the officer)
DEPARTMENT_LOGINS = (
    ("ndrc@demo.yibin.cn", "ndrc", None, "市发展改革委社会发展科"),
    ("education@demo.yibin.cn", "education", None, "市教育体育局职业教育科"),
    ("finance@demo.yibin.cn", "finance", None, "市财政局教科文科"),
    ("cuiping@demo.yibin.cn", "district", "翠屏区", "翠屏区人民政府产教融合办"),
    ("xuzhou@demo.yibin.cn", "district", "叙州区", "叙州区人民政府产教融合办"),
)
#: Provincial certifications as the province published them (document numbers).
PROVINCIAL_DOCUMENTS = ("川发改社会〔2023〕415号", "川发改社会〔2024〕388号", "川发改社会〔2024〕402号", "川发改社会〔2025〕97号")

#: A minimal one-page PDF standing in for the scanned evidence.
EVIDENCE_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

PLANS = {
    "四川锐芯光电科技有限公司": (
        "2027—2029年，公司与宜宾职业技术学院共建光电显示模组产业学院，每年联合开设订单班2个、培养学生80人；"
        "在翠屏区生产基地建设600平方米的模组贴合与检测实训车间，向合作院校开放；每年接收顶岗实习学生120人，"
        "选派20名工程师担任兼职教师；围绕Mini LED背光模组良率提升与院校联合攻关2项技术课题，"
        "三年累计投入实训设备及课程开发经费不少于600万元，并对在岗职工开展新型学徒制培训300人次。"),
    "宜宾蜀南算力科技有限公司": (
        "公司围绕数据中心运维和算力调度岗位，计划三年内与宜宾职业技术学院、宜宾学院共建“算力运维实训基地”，"
        "每年开设数据中心运维订单班1个、培养学生50人，接收顶岗实习学生60人，联合开发《数据中心基础设施运维》"
        "《云平台与算力调度》等课程4门；每年为区内企业职工开展信创与云计算技能培训200人次，三年累计投入不少于300万元。"),
    "宜宾声朗电子科技有限公司": (
        "公司计划与院校合作开展声学器件装配工订单培养，每年接收实习学生30人，建设声学测试实训室一间，"
        "三年投入实训设备经费约80万元，并安排技术骨干参与课程建设，开展职工技能提升培训。"
        "目前正在与宜宾职业技术学院洽谈合作协议，预计2027年上半年签约，首批订单班计划招收学生20人。"),
    "宜宾启航机器人科技有限公司": (
        "公司与四川轻化工大学、宜宾职业技术学院共建工业机器人应用实训中心，三年内联合培养机器人运维与集成方向学生240人，"
        "共同申报市级以上科研项目3项，开发工作站实训课程6门，向院校开放协作机器人实训工位30个，"
        "每年为区内制造企业开展机器人操作与维护培训400人次，三年累计投入不少于900万元。"),
}


def _officer(email, remit, district, name, password):
    department = find(remit, district)
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(organisation=department, email=email, name=name, is_org_admin=True)
        user.set_password(password)
        db.session.add(user)
    db.session.flush()
    return user


def _in_effect(records):
    """The certifications enterprises held before the platform reviewed them, as records in effect."""
    provincial = iter(PROVINCIAL_DOCUMENTS)
    for record in sorted(records, key=lambda r: (r.get("certified_on") or "", r["name"])):
        if record.get("kind") != "enterprise" or record.get("certification") not in ("municipal", "provincial"):
            continue
        enterprise = db.session.scalar(select(Organisation).where(Organisation.name == record["name"]))
        if enterprise is None or enterprise.certifications:
            continue
        effective_on = date.fromisoformat(record["certified_on"])
        db.session.add(Certification(enterprise=enterprise, district_code=enterprise.district_code, level="municipal",
                                     status="in_effect", origin="recorded", effective_on=effective_on,
                                     certificate_no=services.next_certificate_no(effective_on.year)))
        db.session.flush()
        if record["certification"] == "provincial":
            db.session.add(Certification(enterprise=enterprise, level="provincial", status="in_effect", origin="recorded",
                                         effective_on=min(effective_on + timedelta(days=300), local_today() - timedelta(days=30)),
                                         certificate_no=next(provincial, f"川发改社会〔{effective_on.year + 1}〕{enterprise.id}号")))
    db.session.flush()


def _apply(name, password):
    enterprise = db.session.scalar(select(Organisation).where(Organisation.name == name))
    if enterprise is None or enterprise.certifications:
        return None
    applicant = _contact_user(enterprise, password)
    return services.apply(enterprise, by=applicant, plan=PLANS[name], pledge_agreed=True,
                          pledge_signed_by=enterprise.contact_name or applicant.name,
                          uploads=[("营业执照及校企合作协议.pdf", EVIDENCE_PDF)])


def seed_certifications(records, password):
    """Idempotent: enterprises that already have a certification record are left alone."""
    seed_departments()
    officers = {email: _officer(email, remit, district, name, password) for email, remit, district, name in DEPARTMENT_LOGINS}
    cuiping, xuzhou = officers["cuiping@demo.yibin.cn"], officers["xuzhou@demo.yibin.cn"]
    ndrc, education = officers["ndrc@demo.yibin.cn"], officers["education@demo.yibin.cn"]
    _in_effect(records)

    # In public notice, with an objection waiting for an answer.
    noticed = _apply("四川锐芯光电科技有限公司", password)
    if noticed is not None:
        services.decide(noticed, by=cuiping, decision="pass", comment="企业在区内依法经营，合作项目属实。")
        services.decide(noticed, by=ndrc, decision="pass", comment="符合市级产教融合型企业认定条件。")
        services.decide(noticed, by=education, decision="pass", comment="与院校合作育人成效明显。")
        # The notice has been running since the latest working day (today, if it is one).
        start = local_today()
        while not workdays.is_working_day(start):
            start -= timedelta(days=1)
        noticed.notice_starts_on = start
        noticed.notice_ends_on = workdays.add_working_days(start, current_app.config["CERTIFICATION_NOTICE_WORKING_DAYS"] - 1)
        services.file_objection(noticed, name="王先生", contact="13990912345",
                                text="该企业2026年第三季度实习学生反映，顶岗实习期间每天工作超过10小时且未签订三方协议，"
                                     "请审核部门核实其实习管理是否规范。", today=start)

    # Returned by the district with two corrections listed together.
    returned = _apply("宜宾蜀南算力科技有限公司", password)
    if returned is not None:
        services.decide(returned, by=xuzhou, decision="return", comment="请一次性补正以下材料后重新提交。",
                        corrections=["补充与宜宾职业技术学院签订的算力运维实训基地共建协议（盖章扫描件）。",
                                     "三年合作规划中写明每年的资金投入计划及来源。"])

    # Refused by 市教育体育局 after the district passed it.
    refused = _apply("宜宾声朗电子科技有限公司", password)
    if refused is not None:
        services.decide(refused, by=xuzhou, decision="pass", comment="材料齐全。")
        services.decide(refused, by=ndrc, decision="pass", comment="")
        services.decide(refused, by=education, decision="refuse",
                        comment="平台记录显示企业尚无已签约的校企合作项目，近三年未接收实习学生，不符合“深度参与校企合作”的认定条件。")

    # Waiting for the two departments.
    waiting = _apply("宜宾启航机器人科技有限公司", password)
    if waiting is not None:
        services.decide(waiting, by=xuzhou, decision="pass", comment="经核实，企业与两所院校合作属实。")
        waiting.stage_started_on = local_today() - timedelta(days=3)

    # A certified enterprise's annual report for last year.
    reporter = db.session.scalar(select(Organisation).where(Organisation.name == "四川三江智行新能源汽车有限公司"))
    municipal = next((c for c in (reporter.certifications if reporter else []) if c.level == "municipal" and c.is_in_effect), None)
    last_year = local_today().year - 1
    if municipal is not None and last_year in municipal.report_years_open():
        services.file_report(municipal, by=_contact_user(reporter, password), year=last_year, investment_yuan=3_860_000,
                             narrative="本年度与宜宾职业技术学院、四川工程职业技术大学宜宾校区合作开设智能网联汽车订单班2个，"
                                       "在校学生96人；接收顶岗实习学生142人，其中68人毕业后留用；新建整车装调实训工位24个，"
                                       "选派18名工程师到校授课；面向总装车间一线员工开展新型学徒制培训210人，"
                                       "与学校联合申报的“动力电池包快换工艺”课题获市级科技计划立项。")
    db.session.flush()
    return db.session.scalar(select(db.func.count(Certification.id)))
