"""Helpers for the Excel exports: read a response back with openpyxl."""
import re
from io import BytesIO
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from openpyxl import load_workbook

HYPERLINK = '=HYPERLINK("http://evil.example/","点此查看")'
ESCAPED = "'" + HYPERLINK


class Sheet:
    def __init__(self, response):
        assert response.status_code == 200, response.status_code
        assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self.disposition = response.headers["Content-Disposition"]
        book = load_workbook(BytesIO(response.data))
        self.rows = [list(row) for row in book.active.iter_rows(values_only=True)]
        self.header, self.body = self.rows[0], self.rows[1:]

    def column(self, name):
        index = self.header.index(name)
        return [row[index] for row in self.body]

    def cells(self):
        return {value for row in self.body for value in row if value is not None}

    def assert_filename(self, name):
        assert f"filename*=UTF-8''{quote(name)}" in self.disposition, self.disposition
        assert self.disposition.startswith("attachment; filename=\"")


@pytest.fixture
def sheet():
    return Sheet


def export_link(html):
    """The path and query of the page's “导出 Excel” link, as a dict of its arguments."""
    href = re.search(r'<a class="button secondary" href="([^"]+)" data-export>', html).group(1).replace("&amp;", "&")
    parts = urlsplit(href)
    return parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))


def page_total(html):
    """The total a paginated list shows (“共 N 条”)."""
    return int(re.search(r"共 (\d+) 条", html).group(1))
