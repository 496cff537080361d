"""Programmes and needs: template, round trip, preview with errors, commit all or nothing."""
import pytest
from sqlalchemy import func, select

from matchmaking.extensions import db
from matchmaking.imports.models import ImportBatch
from matchmaking.exchange.sheets import NEEDS, PROGRAMMES
from matchmaking.needs.models import Need
from matchmaking.programmes.models import Programme

from .helpers import XLSX, read, upload, workbook

DESCRIPTION = ("学校面向宜宾智能终端产业开设电子产品装配与检测订单班，课程包括SMT贴片、整机装配、功能测试和品质管理，"
               "第三学年进入合作企业顶岗实习，毕业可取得电子装接工证书。")
HEADERS = [column.header for column in PROGRAMMES.columns]


def programme_row(title="电子产品装配订单班", **overrides):
    values = {"id": None, "owner": None, "title": title, "cluster_code": "智能终端", "level_code": "高职（专科）",
              "district_code": "翠屏区", "mode_codes": "订单班、实习实训", "capacity": 40,
              "skills": "SMT贴片、整机装配、功能测试", "description": DESCRIPTION}
    values.update(overrides)
    return [values[column.key] for column in PROGRAMMES.columns]


def count(model):
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def snapshot(model):
    db.session.expire_all()
    return {p.id: (p.updated_at, p.title, p.status) for p in db.session.scalars(select(model))}


@pytest.fixture
def school(make):
    organisation = make.school()
    return organisation, make.user(organisation)


def preview_of(client, response):
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(response.headers["Location"]), response.headers["Location"]


def test_template_has_chinese_headers_drop_downs_code_sheet_and_an_example(school, login_as):
    client = login_as(school[1])
    response = client.get("/imports/programmes/template.xlsx")
    assert response.status_code == 200
    assert response.mimetype == XLSX
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["培训项目", "代码表", "填写说明"]
    sheet = book["培训项目"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["A2"].value == "示例"
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any("代码表" in formula for formula in formulas)
    assert "动力电池与新能源及智能汽车" in [cell.value for cell in book["代码表"]["A"]]
    # The template as downloaded has nothing to import: the example row is skipped.
    refused = upload(client, "programmes", response.data)
    assert refused.status_code == 400
    assert "没有数据行" in refused.get_data(as_text=True)


def test_round_trip_of_my_programmes_changes_nothing(school, make, login_as):
    organisation, user = school
    make.programme(organisation, status="draft", title="=HYPERLINK(\"http://evil\",\"x\")")
    make.programme(organisation, status="published", skills=["PLC编程", "工业机器人", "电气控制"])
    make.programme(organisation, status="closed")
    make.programme(make.school())  # someone else's, not in my export
    before = snapshot(Programme)
    client = login_as(user)
    exported = client.get("/programmes/mine/export.xlsx")
    assert exported.status_code == 200
    headers, rows = read(exported.data)
    assert headers == HEADERS and len(rows) == 3
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in [row[2] for row in rows]  # escaped on export
    page, location = preview_of(client, upload(client, "programmes", exported.data))
    text = page.get_data(as_text=True)
    assert "共 3 行：新增 0，更新 0，无变化 3，有错误 0。" in text
    assert "确认导入" not in text
    committed = client.post(location + "/commit")
    assert committed.status_code == 302
    assert snapshot(Programme) == before


def test_round_trip_of_my_needs(make, login_as):
    enterprise = make.enterprise()
    user = make.user(enterprise)
    make.need(enterprise, kind_code="joint_rd", headcount=0)
    make.need(enterprise, status="draft")
    before = snapshot(Need)
    client = login_as(user)
    exported = client.get("/needs/mine/export.xlsx")
    assert read(exported.data)[0] == [column.header for column in NEEDS.columns]
    page, _ = preview_of(client, upload(client, "needs", exported.data))
    assert "无变化 2，有错误 0" in page.get_data(as_text=True)
    assert snapshot(Need) == before


def test_new_rows_are_drafts_and_re_importing_the_same_file_adds_nothing(school, login_as):
    organisation, user = school
    client = login_as(user)
    data = workbook(HEADERS, [programme_row("订单班甲"), programme_row("订单班乙", capacity=30.0, mode_codes="internship")])
    page, location = preview_of(client, upload(client, "programmes", data))
    assert "新增 2" in page.get_data(as_text=True)
    response = client.post(location + "/commit", follow_redirects=True)
    assert "导入完成：新增 2 条" in response.get_data(as_text=True)
    programmes = {p.title: p for p in db.session.scalars(select(Programme))}
    assert set(programmes) == {"订单班甲", "订单班乙"}
    assert programmes["订单班乙"].capacity == 30 and programmes["订单班乙"].mode_codes == ["internship"]
    assert all(p.status == "draft" and p.organisation_id == organisation.id for p in programmes.values())
    before = snapshot(Programme)
    page, _ = preview_of(client, upload(client, "programmes", data))
    assert "新增 0，更新 0，无变化 2" in page.get_data(as_text=True)
    assert snapshot(Programme) == before


def test_a_changed_row_updates_only_that_item(school, make, login_as):
    organisation, user = school
    first = make.programme(organisation, capacity=40)
    second = make.programme(organisation)
    client = login_as(user)
    headers, rows = read(client.get("/programmes/mine/export.xlsx").data)
    for row in rows:
        if row[0] == first.id:
            row[headers.index("每年可提供名额")] = 99
    before = snapshot(Programme)
    page, location = preview_of(client, upload(client, "programmes", workbook(headers, rows)))
    assert "更新 1，无变化 1" in page.get_data(as_text=True)
    client.post(location + "/commit")
    after = snapshot(Programme)
    assert after[second.id] == before[second.id]
    assert db.session.get(Programme, first.id).capacity == 99


def test_three_bad_rows_are_named_by_row_and_column_and_nothing_is_written(school, login_as):
    _, user = school
    client = login_as(user)
    rows = [
        programme_row("好的一行"),
        programme_row("集群不对", cluster_code="火星产业"),
        programme_row("名额不对", capacity="很多"),
        programme_row("好的另一行"),
        programme_row("介绍太短", description="太短"),
    ]
    page, location = preview_of(client, upload(client, "programmes", workbook(HEADERS, rows)))
    text = page.get_data(as_text=True)
    assert "有错误 3" in text
    assert "第 3 行 · D 列「产业集群」：“火星产业”不在代码表中" in text
    assert "第 4 行 · H 列「每年可提供名额」：" in text
    assert "第 6 行 · J 列「详细介绍」：详细介绍需为 60 到 400 个字符。" in text
    assert "确认导入" not in text
    response = client.post(location + "/commit", follow_redirects=True)
    assert "未导入任何数据" in response.get_data(as_text=True)
    assert count(Programme) == 0
    assert db.session.get(ImportBatch, int(location.rsplit("/", 1)[1])).status == "previewed"


def test_columns_are_found_by_header_in_any_order(school, login_as):
    _, user = school
    client = login_as(user)
    order = list(reversed(range(len(HEADERS))))
    data = workbook([HEADERS[i] for i in order], [[programme_row(capacity="x")[i] for i in order]])
    page, _ = preview_of(client, upload(client, "programmes", data))
    assert "第 2 行 · C 列「每年可提供名额」" in page.get_data(as_text=True)


def test_missing_header_columns_refuse_the_file(school, login_as):
    client = login_as(school[1])
    response = upload(client, "programmes", workbook(HEADERS[:-1], [programme_row()[:-1]]))
    assert response.status_code == 400
    assert "表头缺少列：详细介绍" in response.get_data(as_text=True)
    assert count(ImportBatch) == 0


def test_duplicate_rows_in_one_file_are_errors(school, login_as):
    client = login_as(school[1])
    page, _ = preview_of(client, upload(client, "programmes", workbook(HEADERS, [programme_row("同名"), programme_row("同名")])))
    assert "与第 2 行是同一条" in page.get_data(as_text=True)


def test_commit_twice_imports_once(school, login_as):
    client = login_as(school[1])
    _, location = preview_of(client, upload(client, "programmes", workbook(HEADERS, [programme_row()])))
    assert client.post(location + "/commit").status_code == 302
    second = client.post(location + "/commit", follow_redirects=True)
    assert "该文件已经导入，不会重复导入。" in second.get_data(as_text=True)
    assert count(Programme) == 1


def test_a_commit_racing_another_finds_the_batch_claimed(school, app):
    """The conditional UPDATE is what stops a concurrent second commit, even with a stale object."""
    from matchmaking.core.errors import Conflict
    from matchmaking.imports import services

    _, user = school
    batch = services.upload("programmes", "a.xlsx", workbook(HEADERS, [programme_row()]), by=user)
    db.session.commit()
    assert batch.status == "previewed"  # this request loaded it …
    with db.engine.begin() as connection:  # … then the other request claimed it
        connection.execute(ImportBatch.__table__.update().values(status="committed"))
    with pytest.raises(Conflict):
        services.commit(batch, by=user)
    db.session.rollback()
    assert count(Programme) == 0


def test_data_changed_since_preview_is_caught_at_commit(school, make, login_as):
    organisation, user = school
    client = login_as(user)
    _, location = preview_of(client, upload(client, "programmes", workbook(HEADERS, [programme_row("会重名")])))
    make.programme(organisation, title="会重名")
    make.programme(organisation, title="会重名")
    response = client.post(location + "/commit", follow_redirects=True)
    assert "未导入任何数据" in response.get_data(as_text=True)
    assert "本机构有多条同名内容" in response.get_data(as_text=True)
    assert count(Programme) == 2


def test_another_organisations_ids_and_name_cannot_touch_their_items(school, make, login_as):
    _, user = school
    other = make.school()
    theirs = make.programme(other, status="draft")
    before = snapshot(Programme)
    client = login_as(user)
    rows = [programme_row("改别人的", id=theirs.id), programme_row("冒名", owner=other.name)]
    page, location = preview_of(client, upload(client, "programmes", workbook(HEADERS, rows)))
    text = page.get_data(as_text=True)
    assert f"编号 {theirs.id} 不存在，或不属于本机构" in text
    assert f"该行属于其他机构（{other.name}）" in text
    client.post(location + "/commit")
    assert snapshot(Programme) == before
    # The public list exported by another school: the same refusal, nothing touched.
    make.programme(other)
    public = client.get("/programmes/export.xlsx")
    page, _ = preview_of(client, upload(client, "programmes", public.data))
    assert "有错误 1" in page.get_data(as_text=True)


def test_archived_items_may_round_trip_but_not_change(school, make, login_as):
    organisation, user = school
    archived = make.programme(organisation, status="archived")
    client = login_as(user)
    headers, rows = read(client.get("/programmes/mine/export.xlsx?archived=1").data)
    page, _ = preview_of(client, upload(client, "programmes", workbook(headers, rows)))
    assert "无变化 1" in page.get_data(as_text=True)
    rows[0][headers.index("名称")] = "改个名"
    page, _ = preview_of(client, upload(client, "programmes", workbook(headers, rows)))
    assert "已归档，不能通过导入修改" in page.get_data(as_text=True)
    assert db.session.get(Programme, archived.id).title != "改个名"


def test_who_may_import_what(school, make, login_as, client):
    _, user = school
    school_client = login_as(user)
    assert school_client.get("/imports/needs").status_code == 403
    assert school_client.get("/imports/organisations").status_code == 403
    assert school_client.post("/imports/needs").status_code == 403
    assert school_client.get("/imports/nonsense").status_code == 404
    assert client.get("/imports/programmes").status_code == 302  # to the login page
    _, location = preview_of(school_client, upload(school_client, "programmes", workbook(HEADERS, [programme_row()])))
    colleague = login_as(make.user(school[0]))
    assert colleague.get(location).status_code == 404
    assert colleague.post(location + "/commit").status_code == 404
    assert count(Programme) == 0


def test_enterprise_cannot_export_my_programmes(make, login_as):
    client = login_as(make.user(make.enterprise()))
    assert client.get("/programmes/mine/export.xlsx").status_code == 403


def test_public_export_follows_the_filters_and_shows_only_published(make, client):
    school = make.school()
    make.programme(school, title="动力电池订单班", cluster_code="power_battery")
    make.programme(school, title="白酒酿造学徒班", cluster_code="baijiu")
    make.programme(school, title="草稿不导出", status="draft")
    make.programme(make.school(status="pending"), title="未审核机构的")
    headers, rows = read(client.get("/programmes/export.xlsx").data)
    assert sorted(row[2] for row in rows) == ["动力电池订单班", "白酒酿造学徒班"]
    _, rows = read(client.get("/programmes/export.xlsx?cluster=baijiu").data)
    assert [row[2] for row in rows] == ["白酒酿造学徒班"]
    assert [row[1] for row in rows] == [school.name]
    page = client.get("/programmes?cluster=baijiu").get_data(as_text=True)
    assert "/programmes/export.xlsx?cluster=baijiu" in page



def test_files_stay_chinese_in_the_english_interface(school, make, login_as):
    organisation, user = school
    make.programme(organisation)
    client = login_as(user)
    client.post("/lang", data={"lang": "en"})
    exported = client.get("/programmes/mine/export.xlsx")
    headers, rows = read(exported.data)
    assert headers == HEADERS and rows[0][3] == "动力电池与新能源及智能汽车"
    page, _ = preview_of(client, upload(client, "programmes", exported.data))
    assert page.status_code == 200
    client.post("/lang", data={"lang": "zh"})
    assert "无变化 1" in client.get(_).get_data(as_text=True)


def test_codes_are_accepted_as_well_as_labels(school, login_as):
    client = login_as(school[1])
    row = programme_row(cluster_code="smart_terminal", level_code="HIGHER_VOCATIONAL", mode_codes="order_class、实习实训")
    page, location = preview_of(client, upload(client, "programmes", workbook(HEADERS, [row])))
    assert "新增 1" in page.get_data(as_text=True)
    client.post(location + "/commit")
    programme = db.session.scalars(select(Programme)).one()
    assert (programme.cluster_code, programme.level_code) == ("smart_terminal", "higher_vocational")
    assert programme.mode_codes == ["order_class", "internship"]


def test_blank_required_cells_get_the_forms_messages(school, login_as):
    client = login_as(school[1])
    row = programme_row(title=None, mode_codes=None, capacity=None)
    page, _ = preview_of(client, upload(client, "programmes", workbook(HEADERS, [row])))
    text = page.get_data(as_text=True)
    assert "「名称」：请填写名称。" in text
    assert "「合作方式」：请至少选择一种合作方式。" in text
    assert "「每年可提供名额」：请填写名额（整数）。" in text


def test_workspace_offers_import_and_export(school, make, login_as):
    organisation, user = school
    make.programme(organisation)
    page = login_as(user).get("/workspace").get_data(as_text=True)
    assert "/imports/programmes" in page and "/programmes/mine/export.xlsx" in page
    upload_page = login_as(user).get("/imports/programmes").get_data(as_text=True)
    assert "/imports/programmes/template.xlsx" in upload_page and "data-upload-progress" in upload_page
    assert "正在校验…" in upload_page and "js/imports.js" in upload_page


@pytest.mark.parametrize("bad_id", ["²", "99999999999999999999"])
def test_an_id_that_is_no_database_id_names_its_row(school, login_as, bad_id):
    _, user = school
    client = login_as(user)
    page, _ = preview_of(client, upload(client, "programmes", workbook(HEADERS, [programme_row("新项目", id=bad_id)])))
    assert f"编号 {bad_id[:20]} 不存在，或不属于本机构" in page.get_data(as_text=True)
