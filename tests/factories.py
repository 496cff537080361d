"""Factories that build valid objects with sensible defaults; every call makes a new one."""
import itertools
from datetime import date

from matchmaking.accounts.models import User
from matchmaking.certification.models import Certification
from matchmaking.core.timeutil import utcnow
from matchmaking.extensions import db
from matchmaking.needs.models import Need
from matchmaking.organisations.models import Organisation
from matchmaking.organisations.validators import credit_code_check_char
from matchmaking.programmes.models import Programme
from matchmaking.reference.models import Mode

_counter = itertools.count(1)

DESCRIPTION = (
    "面向宜宾动力电池产业，围绕电芯制造、极片涂布、化成分容等岗位开展订单式培养，"
    "校内建有中试实训线，学生第三学年进入企业顶岗实习，可取得电池制造工职业技能等级证书。"
)


def credit_code(serial):
    body = "91511500MA6" + f"{serial:06d}"
    return body + credit_code_check_char(body)


class Factories:
    def __init__(self, password):
        self.password = password

    def organisation(self, kind, *, status="verified", **fields):
        n = next(_counter)
        defaults = {
            "kind": kind,
            "name": f"测试{'学校' if kind == 'school' else '企业'}{n}",
            "code": f"41510{n:05d}" if kind == "school" else credit_code(n),
            "district_code": "翠屏区",
            "contact_name": "张老师",
            "contact_phone": "13900000001",
            "status": status,
            "verified_at": utcnow() if status == "verified" else None,
        }
        if kind == "school":
            defaults["school_type"] = "higher_vocational"
        if kind == "enterprise":
            defaults["cluster_code"] = "power_battery"
        if kind in ("bureau", "department"):
            defaults["code"] = None
        # Certification is a reviewed record now: "municipal" / "provincial" make records in effect
        # (a provincial enterprise holds the municipal certification too).
        certification = fields.pop("certification", "none")
        defaults.update(fields)
        organisation = Organisation(**defaults)
        db.session.add(organisation)
        db.session.commit()
        if certification in ("municipal", "provincial"):
            self.certification(organisation, level="municipal")
        if certification == "provincial":
            self.certification(organisation, level="provincial")
        return organisation

    def department(self, remit, *, district_code=None, **fields):
        """A government department; for remit "district", the government of `district_code`."""
        name = fields.pop("name", None) or f"测试部门{remit}{district_code or ''}{next(_counter)}"
        return self.organisation("department", department=remit, name=name,
                                 district_code=district_code or "翠屏区", **fields)

    def certification(self, enterprise, *, level="municipal", status="in_effect", **fields):
        n = next(_counter)
        defaults = {"enterprise": enterprise, "level": level, "status": status}
        if status == "in_effect":
            defaults.update(certificate_no=f"测试证书{n:05d}", effective_on=date(2025, 6, 30))
        defaults.update(fields)
        certification = Certification(**defaults)
        db.session.add(certification)
        db.session.commit()
        return certification

    def school(self, **fields):
        return self.organisation("school", **fields)

    def enterprise(self, **fields):
        return self.organisation("enterprise", **fields)

    def bureau(self, **fields):
        return self.organisation("bureau", **fields)

    def user(self, organisation, *, email=None, password=None, is_org_admin=True, **fields):
        n = next(_counter)
        user = User(organisation=organisation, email=email or f"user{n}@example.cn", name=f"用户{n}",
                    is_org_admin=is_org_admin, **fields)
        user.set_password(password or self.password)
        db.session.add(user)
        db.session.commit()
        return user

    def _posting(self, model, organisation, status, fields):
        defaults = {
            "title": f"测试内容{next(_counter)}",
            "cluster_code": "power_battery",
            "level_code": "higher_vocational",
            "district_code": "三江新区",
            "description": DESCRIPTION,
            "skills": ["电芯装配", "极片涂布", "化成分容"],
            "status": status,
            "published_at": utcnow() if status in ("published", "closed") else None,
        }
        modes = fields.pop("modes", None)
        defaults.update(fields)
        posting = model(organisation=organisation, **defaults)
        if modes is not None:
            posting.modes = [db.session.get(Mode, code) for code in modes]
        posting.refresh_search_text()
        db.session.add(posting)
        db.session.commit()
        return posting

    def programme(self, organisation, *, status="published", **fields):
        fields.setdefault("capacity", 50)
        fields.setdefault("modes", ["order_class", "internship"])
        return self._posting(Programme, organisation, status, fields)

    def need(self, organisation, *, status="published", **fields):
        fields.setdefault("kind_code", "talent")
        fields.setdefault("headcount", 20)
        return self._posting(Need, organisation, status, fields)
