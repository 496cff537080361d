"""Demo plan records (alliances, industry colleges, training bases, 双师型 counts) held by the demo
organisations, in every review state, so the demo dashboard shows every plan target with a figure."""
from datetime import date, timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..core.timeutil import utcnow
from ..extensions import db
from ..needs.models import Need
from ..organisations.models import Organisation
from ..pairings.models import Pairing
from ..programmes.models import Programme

#: (kind, name, level, recognised on, holder, cluster, status, extra)
RECORDS = [
    ("vocational_group", "川南新能源汽车职业教育集团", "national", "2023-11-20", "宜宾三江职业技术学院", "power_battery", "approved", {}),
    ("vocational_group", "宜宾白酒产业职业教育集团", "national", "2024-06-18", "宜宾酒都职业技术学院", "baijiu", "approved", {}),
    ("vocational_group", "宜宾智能终端产教融合联盟", "provincial", "2024-09-10", "宜宾临港信息职业学院", "smart_terminal", "approved", {}),
    ("industry_college", "动力电池现代产业学院", "provincial", "2023-07-05", "宜宾工程技术大学", "power_battery", "approved", {}),
    ("industry_college", "白酒酿造与品控现代产业学院", "national", "2024-12-02", "宜宾长江理工学院", "baijiu", "approved", {}),
    ("industry_college", "数字经济现代产业学院", "provincial", "2025-03-15", "川南数智科技大学宜宾研究院", "digital_economy", "approved", {}),
    ("industry_college", "智能制造产业学院", "municipal", "2024-04-22", "宜宾三江职业技术学院", "advanced_equipment", "approved", {}),
    ("industry_college", "新能源汽车现代产业学院", "provincial", "2025-05-30", "宜宾三江职业技术学院", "power_battery", "draft", {}),
    ("simulation_base", "动力电池制造虚拟仿真实训基地", "provincial", "2024-01-16", "宜宾三江职业技术学院", "power_battery", "approved", {}),
    ("simulation_base", "白酒酿造虚拟仿真实训基地", "provincial", "2024-08-08", "宜宾酒都职业技术学院", "baijiu", "approved", {}),
    ("simulation_base", "智能网联汽车虚拟仿真实训基地", "national", "2025-04-12", "宜宾工程技术大学", "power_battery", "submitted", {}),
    ("high_skill_base", "宜宾动力电池高技能人才培训基地", "provincial", "2023-12-12", "宜宾锂源动力电池有限公司", "power_battery", "approved", {}),
    ("high_skill_base", "高端装备制造高技能人才培训基地", "national", "2024-10-25", "宜宾长江重型机械有限公司", "advanced_equipment", "approved", {}),
    ("high_skill_base", "数控加工高技能人才培训基地", "provincial", "2025-02-20", "宜宾市翠屏技工学校", "advanced_equipment", "rejected",
     {"rejection_reason": "佐证材料为申报书，请上传省人社厅认定文件。"}),
    ("dual_qualified", "2024 年专业课教师统计", "municipal", "2024-03-01", "宜宾三江职业技术学院", None, "approved", {"teachers_total": 380, "dual_qualified": 171}),
    ("dual_qualified", "2025 年专业课教师统计", "municipal", "2025-03-01", "宜宾三江职业技术学院", None, "approved", {"teachers_total": 420, "dual_qualified": 231}),
    ("dual_qualified", "2025 年专业课教师统计", "municipal", "2025-03-05", "宜宾酒都职业技术学院", None, "approved", {"teachers_total": 310, "dual_qualified": 152}),
    ("dual_qualified", "2025 年专业课教师统计", "municipal", "2025-03-03", "宜宾临港信息职业学院", None, "approved", {"teachers_total": 260, "dual_qualified": 118}),
    ("dual_qualified", "2025 年专业课教师统计", "municipal", "2025-03-10", "宜宾市叙州区职业技术学校", None, "approved", {"teachers_total": 140, "dual_qualified": 63}),
    ("dual_qualified", "2025 年专业课教师统计", "municipal", "2025-03-12", "宜宾市南溪区高级职业中学", None, "submitted", {"teachers_total": 96, "dual_qualified": 41}),
]

EVIDENCE = "认定文件：{level}认定通知（{year} 年），原件存人社局职业能力建设科。"
LEVEL_NAMES = {"national": "国家级", "provincial": "省级", "municipal": "市级"}


def seed_plan_records():
    """Add the demo records that are missing (matched by kind, name and holder); returns how many were added."""
    from ..dashboard.models import PlanRecord

    bureau_user = db.session.scalar(select(User).join(Organisation, User.organisation_id == Organisation.id)
                                    .where(Organisation.kind == "bureau").order_by(User.id))
    added = 0
    now = utcnow()
    for kind, name, level, day, holder, cluster, status, extra in RECORDS:
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == holder))
        if organisation is None:
            continue
        exists = db.session.scalar(select(PlanRecord.id).where(
            PlanRecord.kind == kind, PlanRecord.name == name, PlanRecord.organisation_id == organisation.id))
        if exists is not None:
            continue
        recognised_on = date.fromisoformat(day)
        record = PlanRecord(kind=kind, name=name, level=level, recognised_on=recognised_on, organisation=organisation,
                            cluster_code=cluster, status=status, created_by_id=bureau_user.id,
                            evidence=EVIDENCE.format(level=LEVEL_NAMES[level], year=recognised_on.year), **extra)
        if status != "draft":
            record.submitted_at = now - timedelta(days=20)
        if status in ("approved", "rejected"):
            record.reviewed_by_id, record.reviewed_at = bureau_user.id, now - timedelta(days=10)
        db.session.add(record)
        added += 1
    db.session.flush()
    return added


def spread_publication_dates():
    """Demo postings published "today" and not paired get publication dates spread over the past year, so the
    dashboard's month-by-month trend has a shape; dates already in the past are left alone."""
    recent = utcnow() - timedelta(days=1)
    for model, column in ((Programme, Pairing.programme_id), (Need, Pairing.need_id)):
        paired = select(column)
        query = select(model).where(model.published_at >= recent, model.id.not_in(paired)).order_by(model.id)
        for posting in db.session.scalars(query):
            days = (posting.id * 37) % 330 + 3
            posting.published_at = posting.created_at = utcnow() - timedelta(days=days)
    db.session.flush()
