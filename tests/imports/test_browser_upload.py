"""The upload form in a real browser: upload with progress (XHR), preview, commit; a refused file."""
import pytest

from ..browser.conftest import CHROMIUM, browser_page, live_server, login  # noqa: F401  (fixtures)
from ..conftest import PASSWORD
from .helpers import workbook
from .test_postings_import import HEADERS, programme_row

pytestmark = [pytest.mark.browser, pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")]


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, "SERVER_NAME": None}


def test_upload_preview_and_commit_in_the_browser(live_server, browser_page, make, tmp_path):  # noqa: F811
    make.user(make.school(), email="school@example.cn")
    good = tmp_path / "培训项目.xlsx"
    good.write_bytes(workbook(HEADERS, [programme_row("浏览器导入的订单班")]))
    bad = tmp_path / "假的.xlsx"
    bad.write_text("这不是 Excel")
    page = browser_page
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and "status of 400" not in message.text
            and problems.append(message.text))  # the refused file's 400 is expected
    uploads = []
    page.on("request", lambda request: request.method == "POST" and "/imports/" in request.url
            and uploads.append(request.resource_type))
    login(page, live_server, "school@example.cn", PASSWORD)
    page.click("main a:has-text('批量导入')")

    page.set_input_files("#import-file", str(bad))
    page.click("main button:has-text('上传并校验')")
    page.wait_for_selector("text=文件不是 Excel 工作簿")

    page.set_input_files("#import-file", str(good))
    page.click("main button:has-text('上传并校验')")
    page.wait_for_url("**/imports/batches/*")
    assert page.is_visible("text=共 1 行：新增 1")
    page.click("main button:has-text('确认导入')")
    page.wait_for_selector("text=导入完成：新增 1 条")
    page.goto(live_server + "/workspace")
    assert page.is_visible("text=浏览器导入的订单班")
    assert uploads[:2] == ["xhr", "xhr"]  # the files went up through imports.js, with progress
    assert problems == []
