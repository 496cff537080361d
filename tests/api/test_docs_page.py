"""The docs page at /api/docs: in the interface's language, generated from the same declarations,
and readable on a 375 px phone without sideways scrolling."""
import re

import pytest
from babel.support import Translations

from matchmaking.api.openapi import document
from matchmaking.reference.models import District
from matchmaking.reference.services import codes_of

from ..browser.conftest import CHROMIUM, CHROMIUM_ARGS, live_server  # noqa: F401 — fixture

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_the_chinese_interface_shows_chinese_docs(api):
    html = api.anonymous.client.get("/api/docs").get_data(as_text=True)
    for text in ("身份验证", "数据结构", "用邮箱和密码取得令牌", "需要令牌", "状态码", "对接活动"):
        assert text in html


def _visible_text(html):
    main = html[html.index('<div class="api-docs">'):]
    return re.sub(r"<[^>]+>", " ", main)


def test_the_english_interface_shows_english_docs(api, app):
    with app.app_context():
        districts = codes_of(District)  # district codes are the districts' Chinese names
    text = _visible_text(api.anonymous.client.get("/api/docs?lang=en").get_data(as_text=True))
    for district in districts:
        text = text.replace(district, "")
    assert "Authentication" in text and "Get a token for email and password" in text
    assert not HAN.findall(text), sorted(set(HAN.findall(text)))[:20]


def test_every_docs_text_is_a_known_msgid(app):
    """The page's texts all come from the translation layer: each is in the English catalogue."""
    catalogue = Translations.load(app.root_path + "/translations", ["en"])._catalog
    texts = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("summary", "description") and isinstance(value, str) and value:
                    texts.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    with app.test_request_context("/api/docs"):
        walk(document())
    missing = {text for text in texts if HAN.search(text) and text not in catalogue}
    assert not missing


def test_the_openapi_document_follows_the_language_too(api):
    spec = api.anonymous.get("/openapi.json?lang=en").get_json()
    assert spec["paths"]["/auth/token"]["post"]["summary"] == "Get a token for email and password"
    chinese = api.anonymous.get("/openapi.json").get_json()
    assert chinese["paths"]["/auth/token"]["post"]["summary"] == "用邮箱和密码取得令牌"


@pytest.fixture
def app_config():
    return {"SERVER_NAME": None}


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_phone_does_not_scroll_sideways(live_server, lang):  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 375, "height": 800}, device_scale_factor=2, is_mobile=True)
        errors = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(f"{live_server}/api/docs?lang={lang}")
        assert page.locator("#schema-Programme").count() == 1
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        browser.close()
    assert widths[0] <= widths[1] == 375, widths
    assert not errors  # nothing refused by the CSP, nothing missing
