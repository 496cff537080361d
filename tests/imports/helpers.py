"""Building workbooks, good and malicious, for the import tests."""
import io
import zipfile

from openpyxl import Workbook, load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(headers, rows, *, title="Sheet1", literal=()):
    """An .xlsx with `headers` and `rows`; values in `literal` are stored as text even if they start with '='."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if cell.value in literal:
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(data):
    """(headers, rows) of the first sheet of an .xlsx."""
    book = load_workbook(io.BytesIO(data))
    rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    return rows[0], rows[1:]


def replace_member(data, name, content):
    """The same archive with member `name` replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        target.writestr(name, content)
    return buffer.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + ']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&lol9;</t></si></sst>"
)


def upload(client, kind, data, filename="导入.xlsx"):
    return client.post(f"/imports/{kind}", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")
