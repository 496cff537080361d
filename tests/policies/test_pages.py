"""Policy pages through HTTP: the public list and detail, the bureau's pages, who may do what."""
from datetime import timedelta

import pytest

from matchmaking.audit.models import AuditEntry
from matchmaking.extensions import db
from matchmaking.policies.models import Policy
from matchmaking.policies.services import local_today

from .conftest import form_data


def _html(response):
    return response.get_data(as_text=True)


# --- public list ------------------------------------------------------------------


def test_public_list_shows_published_only(client, policy):
    policy(title="已发布的政策")
    policy(title="草稿中的政策", status="draft")
    policy(title="已归档的政策", status="archived")
    response = client.get("/policies")
    html = _html(response)
    assert response.status_code == 200
    assert "已发布的政策" in html and "草稿中的政策" not in html and "已归档的政策" not in html
    assert "共 1 条结果" in html


def test_keyword_search_looks_at_title_and_body(client, policy):
    policy(title="技能大师工作室建设支持", body="带徒传技")
    policy(title="订单班与定向培养", body="企业参与制订人才培养方案，学生顶岗实习。")
    policy(title="现代产业学院建设", body="校企双负责人")
    assert "技能大师工作室" in _html(client.get("/policies?q=大师"))
    html = _html(client.get("/policies?q=顶岗实习"))
    assert "订单班与定向培养" in html and "技能大师" not in html and "现代产业学院" not in html
    html = _html(client.get("/policies?q=企业+实习"))  # every word must match
    assert "订单班与定向培养" in html and "共 1 条结果" in html
    assert "没有符合条件的政策" in _html(client.get("/policies?q=不存在的词"))


def test_category_filter(client, policy):
    policy(title="奖补政策", category="funding")
    policy(title="师资政策", category="teachers")
    html = _html(client.get("/policies?category=teachers"))
    assert "师资政策" in html and "奖补政策" not in html
    html = _html(client.get("/policies?category=nonsense"))  # an unknown category is ignored
    assert "师资政策" in html and "奖补政策" in html


def test_in_force_filter(client, policy):
    policy(title="现行政策", days_from=-100, days_until=100)
    policy(title="长期有效政策", days_from=-100)
    policy(title="已失效政策", days_from=-100, days_until=-1)
    policy(title="未生效政策", days_from=5)
    html = _html(client.get("/policies?in_force=1"))
    assert "现行政策" in html and "长期有效政策" in html
    assert "已失效政策" not in html and "未生效政策" not in html
    html = _html(client.get("/policies"))
    assert "已失效政策" in html and "未生效政策" in html and "已失效" in html and "尚未生效" in html


def test_sorting_by_date(client, policy):
    policy(title="甲政策", days_from=-300)
    policy(title="乙政策", days_from=-10)
    policy(title="丙政策", days_from=-100)
    html = _html(client.get("/policies?sort=effective_desc"))
    assert html.index("乙政策") < html.index("丙政策") < html.index("甲政策")
    html = _html(client.get("/policies?sort=effective_asc"))
    assert html.index("甲政策") < html.index("丙政策") < html.index("乙政策")
    html = _html(client.get("/policies"))  # newest published first
    assert html.index("丙政策") < html.index("乙政策") < html.index("甲政策")


def test_pagination(app, client, policy):
    per_page = app.config["PER_PAGE"]
    for n in range(per_page + 3):
        policy(title=f"政策{n:03d}", days_from=-n)
    first = _html(client.get("/policies?sort=effective_desc"))
    second = _html(client.get("/policies?sort=effective_desc&page=2"))
    assert "政策000" in first and f"政策{per_page:03d}" not in first
    assert f"政策{per_page:03d}" in second and "政策000" not in second
    assert "第 2 / 2 页" in second and "sort=effective_desc" in first.split('class="pager"')[1]
    assert client.get("/policies?page=abc").status_code == 200


# --- detail and draft invisibility ------------------------------------------------


def test_detail_renders_markdown_and_facts(client, policy):
    item = policy(body="## 奖励标准\n\n- 市级 **20 万元**", effective_until=local_today() + timedelta(days=30))
    html = _html(client.get(f"/policies/{item.id}"))
    assert "<h2>奖励标准</h2>" in html and "<strong>20 万元</strong>" in html
    assert "宜宾市发展和改革委员会" in html and "宜宾市财政局、宜宾市人力资源和社会保障局" in html
    assert "现行有效" in html and "资金奖补" in html


@pytest.mark.parametrize("status", ["draft", "archived"])
def test_unpublished_detail_is_404_for_all_but_the_bureau(client, make, login_as, bureau, policy, status):
    item = policy(status=status)
    assert client.get(f"/policies/{item.id}").status_code == 404
    for kind in ("school", "enterprise"):
        assert login_as(make.user(make.organisation(kind))).get(f"/policies/{item.id}").status_code == 404
    response = bureau.get(f"/policies/{item.id}")
    assert response.status_code == 200 and "公众看不到此页面" in _html(response)


def test_missing_policy_is_404(client):
    assert client.get("/policies/999999").status_code == 404


def test_xss_in_a_published_body_does_not_reach_the_page(client, policy):
    item = policy(body='<script>alert("x")</script>\n\n[点我](javascript:alert(1))\n\n<img src=x onerror=alert(1)>'
                       "\n\n![跟踪](https://evil.example/t.png)")
    html = _html(client.get(f"/policies/{item.id}"))
    body = html.split('class="policy-body"')[1].split("</article>")[0]
    assert "<script>alert" not in body and 'href="javascript' not in body and "<img" not in body
    assert "evil.example" not in body and "&lt;script&gt;" in body
    listing = _html(client.get("/policies"))
    assert "<script>alert" not in listing


def test_home_page_lists_policies_in_force(client, policy):
    policy(title="首页可见的政策")
    policy(title="首页不显示的失效政策", days_from=-100, days_until=-1)
    policy(title="首页不显示的草稿", status="draft")
    html = _html(client.get("/"))
    assert "首页可见的政策" in html and "失效政策" not in html and "首页不显示的草稿" not in html


def test_navigation_links(client, bureau):
    assert 'href="/policies"' in _html(client.get("/"))
    assert 'href="/policies/manage"' in _html(bureau.get("/bureau/audit"))


# --- bureau pages -----------------------------------------------------------------

MANAGE_GETS = ["/policies/manage", "/policies/manage/new", "/policies/manage/{id}/edit"]
MANAGE_POSTS = ["/policies/manage/new", "/policies/manage/{id}/edit", "/policies/manage/{id}/publish",
                "/policies/manage/{id}/archive"]


def test_anonymous_visitors_are_sent_to_login(client, policy):
    item = policy(status="draft")
    responses = [client.get(path.format(id=item.id)) for path in MANAGE_GETS]
    responses += [client.post(path.format(id=item.id), data=form_data()) for path in MANAGE_POSTS]
    for response in responses:
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.get(Policy, item.id).status == "draft"
    assert db.session.scalar(db.select(db.func.count(Policy.id))) == 1


@pytest.mark.parametrize("kind", ["school", "enterprise"])
def test_schools_and_enterprises_get_403(make, login_as, policy, kind):
    item = policy(status="draft")
    client = login_as(make.user(make.organisation(kind)))
    for path in MANAGE_GETS:
        assert client.get(path.format(id=item.id)).status_code == 403, path
    for path in MANAGE_POSTS:
        assert client.post(path.format(id=item.id), data=form_data()).status_code == 403, path
    db.session.expire_all()
    assert db.session.get(Policy, item.id).status == "draft"
    assert db.session.scalar(db.select(db.func.count(Policy.id))) == 1


def test_bureau_creates_publishes_and_archives(bureau, client):
    response = bureau.post("/policies/manage/new", data=form_data())
    assert response.status_code == 302
    item = db.session.scalar(db.select(Policy))
    assert item.status == "draft" and item.responsible_units == ["宜宾市财政局", "宜宾市教育和体育局"]
    assert response.headers["Location"].endswith(f"/policies/{item.id}")
    assert client.get(f"/policies/{item.id}").status_code == 404

    assert bureau.post(f"/policies/manage/{item.id}/publish").status_code == 302
    assert client.get(f"/policies/{item.id}").status_code == 200
    assert bureau.post(f"/policies/manage/{item.id}/archive").status_code == 302
    assert client.get(f"/policies/{item.id}").status_code == 404
    actions = [e.action for e in db.session.scalars(db.select(AuditEntry).where(AuditEntry.action.startswith("policy.")))]
    assert actions == ["policy.create", "policy.publish", "policy.archive"]


def test_double_publish_is_harmless(bureau, policy):
    item = policy(status="draft")
    assert bureau.post(f"/policies/manage/{item.id}/publish").status_code == 302
    db.session.expire_all()
    first = db.session.get(Policy, item.id).published_at
    response = bureau.post(f"/policies/manage/{item.id}/publish", follow_redirects=True)
    assert response.status_code == 200 and "该政策已处于发布状态" in _html(response)
    db.session.expire_all()
    assert db.session.get(Policy, item.id).published_at == first
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(AuditEntry.action == "policy.publish")) == 1


def test_publishing_over_get_is_not_possible(bureau, policy):
    item = policy(status="draft")
    assert bureau.get(f"/policies/manage/{item.id}/publish").status_code == 405
    assert db.session.get(Policy, item.id).status == "draft"


def test_bureau_edits_a_policy(bureau, policy):
    item = policy()
    page = _html(bureau.get(f"/policies/manage/{item.id}/edit"))
    assert "产教融合型企业一次性奖励" in page and "宜宾市财政局、宜宾市人力资源和社会保障局" in page
    response = bureau.post(f"/policies/manage/{item.id}/edit", data=form_data(title="修订后的标题", effective_until=""))
    assert response.status_code == 302
    db.session.expire_all()
    edited = db.session.get(Policy, item.id)
    assert edited.title == "修订后的标题" and edited.effective_until is None and edited.status == "published"
    assert bureau.get("/policies/manage/999999/edit").status_code == 404


@pytest.mark.parametrize("overrides, message", [
    ({"effective_until": "2025-06-30"}, "截止日期不能早于生效日期。"),
    ({"effective_from": "2026-13-45"}, "请填写有效日期。"),
    ({"title": ""}, "此项必填。"),
    ({"category": ""}, "请选择政策类别。"),
    ({"category": "lottery"}, "请选择政策类别。"),
    ({"body": "字" * 20001}, "不能超过 20000 个字符。"),
])
def test_rejected_form_keeps_what_was_typed(bureau, overrides, message):
    data = form_data(**overrides)
    response = bureau.post("/policies/manage/new", data=data)
    html = _html(response)
    assert response.status_code == 400
    assert message in html
    for key in ("title", "lead_unit", "source_document"):
        if data[key]:
            assert f'value="{data[key]}"' in html
    if overrides.get("effective_from"):
        assert 'value="2026-13-45"' in html
    assert "宜宾市财政局、宜宾市教育和体育局" in html
    assert db.session.scalar(db.select(db.func.count(Policy.id))) == 0


def test_preview_renders_without_saving(bureau):
    response = bureau.post("/policies/manage/new", data=form_data(action="preview", title="",
                                                                   body="## 预览标题\n\n<script>alert(1)</script>"))
    html = _html(response)
    assert response.status_code == 200
    assert "<h2>预览标题</h2>" in html and "&lt;script&gt;" in html and "<script>alert" not in html
    assert "## 预览标题" in html.split('id="body"')[1].split("</textarea>")[0]  # the typed body stays in the form
    assert db.session.scalar(db.select(db.func.count(Policy.id))) == 0


def test_manage_list_filters_by_status(bureau, policy):
    policy(title="草稿甲", status="draft")
    policy(title="发布乙")
    html = _html(bureau.get("/policies/manage?status=draft"))
    assert "草稿甲" in html and "发布乙" not in html
    html = _html(bureau.get("/policies/manage"))
    assert "草稿甲" in html and "发布乙" in html
