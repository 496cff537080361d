"""The city's government departments (the reviewers), kept as organisations the bureau edits.

Seeded once per deployment; a department is found again by its remit (and district), so a name
the bureau corrected is left alone."""
from sqlalchemy import select

from ..core.timeutil import utcnow
from ..extensions import db
from .models import Organisation

#: (name, remit, district code or None). 市人社局 is the bureau itself (kind "bureau").
DEPARTMENTS = (
    ("宜宾市发展和改革委员会", "ndrc", None),
    ("宜宾市教育和体育局", "education", None),
    ("宜宾市经济和信息化局", "economy", None),
    ("宜宾市科学技术局", "science", None),
    ("宜宾市财政局", "finance", None),
    ("宜宾市人民政府国有资产监督管理委员会", "sasac", None),
    ("中共宜宾市委人才和大学城工作局", "talent", None),
    ("宜宾三江新区管理委员会", "district", "三江新区"),
    ("宜宾市翠屏区人民政府", "district", "翠屏区"),
    ("宜宾市叙州区人民政府", "district", "叙州区"),
    ("宜宾市南溪区人民政府", "district", "南溪区"),
    ("江安县人民政府", "district", "江安县"),
    ("长宁县人民政府", "district", "长宁县"),
    ("高县人民政府", "district", "高县"),
    ("珙县人民政府", "district", "珙县"),
    ("筠连县人民政府", "district", "筠连县"),
    ("兴文县人民政府", "district", "兴文县"),
    ("屏山县人民政府", "district", "屏山县"),
)


def find(remit, district_code=None):
    query = select(Organisation).where(Organisation.kind == "department", Organisation.department == remit)
    if remit == "district":
        query = query.where(Organisation.district_code == district_code)
    return db.session.scalars(query.order_by(Organisation.id)).first()


def seed_departments():
    """Add any department that is missing; returns how many were added."""
    added = 0
    for name, remit, district_code in DEPARTMENTS:
        if find(remit, district_code) is not None:
            continue
        db.session.add(Organisation(kind="department", department=remit, name=name, district_code=district_code or "翠屏区",
                                    status="verified", verified_at=utcnow()))
        added += 1
    db.session.flush()
    return added
