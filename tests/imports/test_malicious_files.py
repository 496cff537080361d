"""Files that are not what they claim, or that try to hurt the server, are refused or neutralised."""
import io
import zipfile

import pytest
from sqlalchemy import func, select

from matchmaking.extensions import db
from matchmaking.imports import xlsx
from matchmaking.imports.models import ImportBatch
from matchmaking.programmes.models import Programme

from .helpers import BILLION_LAUGHS, read, replace_member, upload, workbook
from .test_postings_import import HEADERS, programme_row


@pytest.fixture
def client(make, login_as):
    return login_as(make.user(make.school()))


def refused(response, message):
    text = response.get_data(as_text=True)
    assert response.status_code == 400, text
    assert message in text
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0
    assert db.session.scalar(select(func.count()).select_from(Programme)) == 0


def test_a_text_file_renamed_to_xlsx_is_refused(client):
    refused(upload(client, "programmes", "名称,产业集群\n订单班,智能终端\n".encode()), "文件不是 Excel 工作簿")


def test_a_txt_file_is_refused_by_name_too(client):
    refused(upload(client, "programmes", workbook(HEADERS, [programme_row()]), filename="data.txt"), "只接受 .xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    refused(upload(client, "programmes", buffer.getvalue()), "文件不是 Excel 工作簿")


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(client, monkeypatch):
    opened = []
    monkeypatch.setattr(xlsx, "open_workbook", lambda data: opened.append(data))
    bomb = replace_member(workbook(HEADERS, [programme_row()]), "xl/media/padding.bin", b"\0" * (64 * 1024 * 1024))
    assert len(bomb) < 1024 * 1024  # small on the wire
    refused(upload(client, "programmes", bomb), "压缩炸弹")
    assert opened == []


def test_a_highly_compressed_member_is_refused_even_when_small(client):
    bomb = replace_member(workbook(HEADERS, [programme_row()]), "xl/worksheets/sheet1.xml", b" " * (8 * 1024 * 1024))
    refused(upload(client, "programmes", bomb), "压缩炸弹")


def test_a_member_larger_than_its_directory_entry_says_is_refused():
    """zipfile stops at the declared size; the CRC then exposes the lie."""
    data = bytearray(workbook(HEADERS, [programme_row()]))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    central = data.rindex(b"PK\x01\x02", 0, data.index(b"xl/worksheets/sheet1.xml", data.index(b"PK\x01\x02")) + 1)
    # uncompressed size field of the central directory entry: offset 24
    data[central + 24:central + 28] = (info.file_size // 2).to_bytes(4, "little")
    with pytest.raises(xlsx.UnsafeFile):
        xlsx.check(bytes(data))


@pytest.mark.parametrize("member", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_billion_laughs_is_refused(client, member):
    bomb = replace_member(workbook(HEADERS, [programme_row()]), member, BILLION_LAUGHS)
    refused(upload(client, "programmes", bomb), "XML 实体声明")


def test_openpyxl_itself_parses_with_defusedxml():
    """The second line of defence behind the DTD scan."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML


def test_a_formula_cell_is_an_error_not_a_value(client):
    data = workbook(HEADERS, [programme_row(title='=HYPERLINK("http://evil","x")')])
    response = upload(client, "programmes", data)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "第 2 行 · C 列「名称」：单元格含有公式" in page
    assert "evil" not in page


def test_formula_like_text_is_kept_as_text_and_escaped_again_on_export(client):
    title = '=HYPERLINK("http://evil","x")'
    data = workbook(HEADERS, [programme_row(title=title, skills="@SUM(A1)、+数控、-车工")], literal=(title,))
    response = upload(client, "programmes", data)
    client.post(response.headers["Location"] + "/commit")
    programme = db.session.scalars(select(Programme)).one()
    assert programme.title == title
    _, rows = read(client.get("/programmes/mine/export.xlsx").data)
    assert rows[0][2] == "'" + title
    # … and that export re-imports as unchanged.
    page = client.get(upload(client, "programmes", client.get("/programmes/mine/export.xlsx").data).headers["Location"])
    assert "无变化 1" in page.get_data(as_text=True)


@pytest.mark.parametrize("app_config", [{"IMPORT_MAX_BYTES": 4096}])
def test_an_over_size_file_is_refused(client):
    data = workbook(HEADERS, [programme_row(f"订单班{i}") for i in range(40)])
    assert len(data) > 4096
    refused(upload(client, "programmes", data), "文件不能超过")


def test_the_default_size_cap_is_two_megabytes(client):
    refused(upload(client, "programmes", b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024)), "文件不能超过 2 MB")


@pytest.mark.parametrize("app_config", [{"IMPORT_MAX_ROWS": 3}])
def test_an_over_row_count_file_is_refused(client):
    refused(upload(client, "programmes", workbook(HEADERS, [programme_row(f"订单班{i}") for i in range(4)])), "数据超过 3 行")


@pytest.mark.parametrize("app_config", [{"IMPORT_MAX_ROWS": 3}])
def test_rows_far_below_blank_ones_are_still_counted(client):
    """A sheet padded with a million empty rows neither hides data nor costs a million iterations."""
    data = workbook(HEADERS, [programme_row()])
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    book.active.cell(row=1_000_000, column=3, value="藏在最下面")
    buffer = io.BytesIO()
    book.save(buffer)
    refused(upload(client, "programmes", buffer.getvalue()), "数据超过 3 行")


def test_a_corrupt_workbook_is_refused(client):
    data = replace_member(workbook(HEADERS, [programme_row()]), "xl/worksheets/sheet1.xml", b"<not xml")
    refused(upload(client, "programmes", data), "文件已损坏")


@pytest.mark.parametrize("app_config", [{"IMPORT_MAX_ROWS": 3}])
def test_exactly_the_row_cap_is_accepted(client):
    response = upload(client, "programmes", workbook(HEADERS, [programme_row(f"订单班{i}") for i in range(3)]))
    assert response.status_code == 302
