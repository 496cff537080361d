"""A review chain: the enterprise's district government, 市发展改革委, 市教育体育局, and bystanders."""
import io

import pytest

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PLAN = ("今后三年与宜宾职业技术学院共建动力电池订单班，每年培养学生60人，建设电芯装配实训线一条，"
        "接收顶岗实习学生100人，选派工程师20名担任兼职教师，联合开发课程4门，三年累计投入不少于500万元，"
        "并对在岗职工开展新型学徒制培训200人次。")


class Chain:
    def __init__(self, make):
        self.bureau = make.user(make.bureau(name="宜宾市人力资源和社会保障局"))
        self.district = make.user(make.department("district", district_code="翠屏区", name="宜宾市翠屏区人民政府"))
        self.other_district = make.user(make.department("district", district_code="叙州区", name="宜宾市叙州区人民政府"))
        self.ndrc = make.user(make.department("ndrc", name="宜宾市发展和改革委员会"))
        self.education = make.user(make.department("education", name="宜宾市教育和体育局"))
        self.finance = make.user(make.department("finance", name="宜宾市财政局"))
        self.enterprise = make.enterprise(name="宜宾测试锂电有限公司", district_code="翠屏区")
        self.applicant = make.user(self.enterprise)
        self.other_enterprise = make.enterprise(name="宜宾另一家企业有限公司", district_code="翠屏区")
        self.other_applicant = make.user(self.other_enterprise)
        self.school_user = make.user(make.school())


@pytest.fixture
def chain(make):
    return Chain(make)


def application_form(**changes):
    data = {"plan": PLAN, "pledge": "y", "pledge_signed_by": "张伟", "evidence": (io.BytesIO(PDF), "协议.pdf")}
    data.update(changes)
    return data


@pytest.fixture
def apply_as(login_as):
    """apply_as(user, **form changes) → (client, response)."""

    def _apply(user, **changes):
        client = login_as(user)
        response = client.post("/certification/apply", data=application_form(**changes), content_type="multipart/form-data")
        return client, response

    return _apply
