"""The people of an attribute request: an enterprise, the bureau, 市经济和信息化局, 市国资委 and bystanders."""
import io

import pytest

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
REASON = "公司2026年营业收入突破2000万元，已于2026年12月纳入规模以上工业企业统计名录，附入库通知书。"


class People:
    def __init__(self, make):
        self.bureau = make.user(make.bureau(name="宜宾市人力资源和社会保障局"))
        self.economy = make.user(make.department("economy", name="宜宾市经济和信息化局"))
        self.sasac = make.user(make.department("sasac", name="宜宾市人民政府国有资产监督管理委员会"))
        self.finance = make.user(make.department("finance", name="宜宾市财政局"))
        self.enterprise = make.enterprise(name="宜宾测试储能有限公司")
        self.applicant = make.user(self.enterprise)
        self.other_enterprise = make.enterprise(name="宜宾另一家企业有限公司")
        self.other_applicant = make.user(self.other_enterprise)
        self.unverified_applicant = make.user(make.enterprise(name="宜宾待审核企业有限公司", status="pending"))
        self.school_user = make.user(make.school())


@pytest.fixture
def people(make):
    return People(make)


def request_form(**changes):
    data = {"attribute": "above_scale", "value": "yes", "reason": REASON, "evidence": (io.BytesIO(PDF), "入库通知书.pdf")}
    data.update(changes)
    return data


@pytest.fixture
def ask_as(login_as):
    """ask_as(user, **form changes) → (client, response)."""

    def _ask(user, **changes):
        client = login_as(user)
        response = client.post("/organisation/attributes", data=request_form(**changes),
                               content_type="multipart/form-data")
        return client, response

    return _ask
