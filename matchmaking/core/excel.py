"""Excel (.xlsx) export with Chinese headers, safe cell values and a browser-proof filename."""
from io import BytesIO
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """Neutralise values a spreadsheet would run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def workbook_bytes(title, headers, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(str(header)) * 2 + 4))
    sheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(filename, data):
    """An attachment response whose Chinese filename works in every browser (RFC 6266 / 5987)."""
    ascii_name = filename.encode("ascii", "ignore").decode() or "export.xlsx"
    if not ascii_name.endswith(".xlsx"):
        ascii_name = "export.xlsx"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, mimetype=XLSX_MIME, headers={"Content-Disposition": disposition})
