"""The workbook layouts shared by imports and list exports: columns, the downloadable template,
exports in the same columns, and reading an uploaded sheet back into form inputs.

Headers and code-list labels in files are always Chinese (the msgids), whatever the interface
language, so a file exported in English mode still imports. Cells hold the Chinese label of a
code ("新材料"); the code itself ("power_battery") is accepted too.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core.excel import safe_cell
from ..core.forms import split_list
from ..core.i18n import N_
from ..organisations.forms import SCHOOL_TYPE_CHOICES
from ..reference.models import Cluster, District, Level, Mode, NeedKind
from ..reference.services import all_of

#: The 编号 of the template's example row; rows carrying it are skipped on import.
EXAMPLE_ID = N_("示例")
YES, NO = N_("是"), N_("否")
CODE_SHEET = N_("代码表")
HELP_SHEET = N_("填写说明")
LIST_SEPARATOR = "、"
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    #: The form field it feeds ("title", "cluster_code" …), or "id" / "owner".
    key: str
    #: The Chinese header written to and expected in files.
    header: str
    #: text, int, id, owner, code, codes, list, bool, choice, date.
    kind: str = "text"
    #: Reference model (code, codes) or a function returning [(value, Chinese label)] (choice).
    source: Any = None
    hint: str = ""
    width: int = 16
    #: Attribute read on export (defaults to `key`).
    attr: str = ""


@dataclass(frozen=True)
class Layout:
    kind: str
    sheet_title: str
    template_name: str
    columns: tuple
    example: dict = field(default_factory=dict)

    def column(self, key):
        return next(column for column in self.columns if column.key == key)


def _zh(choice_list):
    """(value, Chinese label) pairs of a form's choice list, whatever the UI language."""
    with force_locale("zh"):
        return [(choice.value, str(choice.label)) for choice in choice_list]


def _kinds():
    return [("school", N_("学校")), ("enterprise", N_("企业"))]


_ID_HINT = N_("系统编号：导出文件已填写；新增的行留空")
_SKILLS_HINT = N_("3 到 10 项，用顿号“、”分隔")
_DESCRIPTION_HINT = N_("60 到 400 个字符")

_POSTING_HEAD = (Column("id", N_("编号"), "id", hint=_ID_HINT, width=10),)
_TITLE = Column("title", N_("名称"), hint=N_("2 到 120 个字符"), width=28)
_CLUSTER = Column("cluster_code", N_("产业集群"), "code", Cluster)
_DISTRICT = Column("district_code", N_("区县"), "code", District)
_POSTING_TEXT = (
    Column("skills", N_("技能、课程或证书"), "list", hint=_SKILLS_HINT, width=30),
    Column("description", N_("详细介绍"), hint=_DESCRIPTION_HINT, width=60),
)
_EXAMPLE_TEXT = {
    "id": EXAMPLE_ID,
    "skills": "电芯装配、极片涂布、化成分容",
    "description": "面向宜宾动力电池产业，围绕电芯制造、极片涂布、化成分容等岗位开展订单式培养，"
                   "校内建有中试实训线，学生第三学年进入企业顶岗实习，可取得电池制造工职业技能等级证书。",
}

def _posting_layout(kind, sheet_title, template_name, owner, columns, example):
    """编号, owner, 名称, the kind's own columns, then skills and description."""
    return Layout(kind=kind, sheet_title=sheet_title, template_name=template_name,
                  columns=_POSTING_HEAD + (owner, _TITLE) + columns + _POSTING_TEXT,
                  example={**_EXAMPLE_TEXT, "cluster_code": "动力电池与新能源及智能汽车", "level_code": "高职（专科）",
                           "district_code": "三江新区", **example})


PROGRAMMES = _posting_layout(
    "programmes", N_("培训项目"), N_("培训项目导入模板"),
    Column("owner", N_("学校"), "owner", hint=N_("可留空；填写时须为本校名称"), width=24),
    (
        _CLUSTER, Column("level_code", N_("学历层次"), "code", Level), _DISTRICT,
        Column("mode_codes", N_("合作方式"), "codes", Mode, hint=N_("至少一种，多种用顿号“、”分隔"), width=22),
        Column("capacity", N_("每年可提供名额"), "int", hint=N_("1 到 100000 的整数"), width=14),
    ),
    {"title": "动力电池制造订单班", "mode_codes": "订单班、实习实训", "capacity": 40},
)

NEEDS = _posting_layout(
    "needs", N_("企业需求"), N_("企业需求导入模板"),
    Column("owner", N_("企业"), "owner", hint=N_("可留空；填写时须为本企业名称"), width=24),
    (
        Column("kind_code", N_("需求类型"), "code", NeedKind), _CLUSTER,
        Column("level_code", N_("最低学历要求"), "code", Level), _DISTRICT,
        Column("headcount", N_("需求人数"), "int", hint=N_("整数；联合研发可填 0"), width=12),
    ),
    {"title": "电芯装配技术员", "kind_code": "招聘", "headcount": 20},
)

ORGANISATIONS = Layout(
    kind="organisations",
    sheet_title=N_("机构"),
    template_name=N_("机构导入模板"),
    columns=(
        Column("id", N_("编号"), "id", hint=_ID_HINT, width=10),
        Column("name", N_("机构全称"), hint=N_("4 到 120 个字符"), width=28),
        Column("kind", N_("机构类型"), "choice", _kinds, width=10),
        Column("code", N_("统一社会信用代码 / 学校标识码"), hint=N_("企业 18 位信用代码（校验位正确）；学校 10 位标识码"), width=24),
        Column("district_code", N_("所在区县"), "code", District),
        Column("address", N_("地址"), width=28),
        Column("contact_name", N_("联系人"), width=12),
        Column("contact_phone", N_("联系人手机"), hint=N_("11 位手机号码"), width=14),
        Column("email", N_("联系邮箱"), width=22),
        Column("website", N_("网站"), hint=N_("以 http:// 或 https:// 开头"), width=22),
        Column("school_type", N_("学校类型"), "choice", lambda: _zh(SCHOOL_TYPE_CHOICES), hint=N_("学校必填")),
        Column("cluster_code", N_("主营产业集群"), "code", Cluster, hint=N_("企业必填")),
        Column("intro", N_("机构简介"), hint=N_("不超过 2000 个字符"), width=40),
    ),
    example={"id": EXAMPLE_ID, "name": "宜宾示例新能源科技有限公司", "kind": "企业", "code": "91511500MA6000001T",
             "district_code": "翠屏区", "contact_name": "李经理", "contact_phone": "13900000001",
             "cluster_code": "动力电池与新能源及智能汽车"},
)

LAYOUTS = {layout.kind: layout for layout in (PROGRAMMES, NEEDS, ORGANISATIONS)}


class Vocabulary:
    """Code lists of the reference tables, loaded once per file: label ⇄ code."""

    def __init__(self, layout):
        self.options = {}
        #: The rows themselves, held so the session's identity map keeps them while a file is written.
        self.rows = []
        for column in layout.columns:
            if column.kind in ("code", "codes"):
                rows = all_of(column.source)
                self.rows += rows
                self.options[column.key] = [(row.code, row.name_zh) for row in rows]
            elif column.kind == "choice":
                self.options[column.key] = column.source()

    def label(self, key, code):
        return next((text for value, text in self.options[key] if value == code), code)

    def code(self, key, text):
        """The code a cell names (by Chinese label or by code), or None."""
        for value, label in self.options[key]:
            if text in (label, value) or text.lower() == value.lower():
                return value
        return None


# --- writing: template and exports -------------------------------------------------------


def export_value(column, obj, vocabulary):
    """The cell an object's attribute becomes (before formula escaping)."""
    value = getattr(obj, column.attr or column.key, None) if column.key != "owner" else obj.organisation.name
    if column.kind in ("code", "choice"):
        return vocabulary.label(column.key, value) if value else ""
    if column.kind == "codes":
        return LIST_SEPARATOR.join(vocabulary.label(column.key, code) for code in value or [])
    if column.kind == "list":
        return LIST_SEPARATOR.join(value or [])
    if column.kind == "bool":
        return YES if value else NO
    if column.kind == "date":
        return value.isoformat() if value else ""
    return "" if value is None else value


def build_workbook(layout, objects=(), *, example=False):
    """The template (with `example`) or an export of `objects`, in the same columns."""
    vocabulary = Vocabulary(layout)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = layout.sheet_title
    sheet.append(list(_header(column) for column in layout.columns))
    for index, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        if column.hint:
            cell.comment = Comment(column.hint, "")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    if example:
        sheet.append([layout.example.get(column.key, "") for column in layout.columns])
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="777777")
            cell.fill = PatternFill("solid", fgColor="F2F2F2")
    for obj in objects:
        sheet.append([safe_cell(export_value(column, obj, vocabulary)) for column in layout.columns])
    sheet.freeze_panes = "A2"
    _code_lists(workbook, sheet, layout, vocabulary)
    _help_sheet(workbook, layout)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(column):
    return column.header


def _code_lists(workbook, sheet, layout, vocabulary):
    """A sheet listing every code list, and drop-downs on the data sheet pointing at it."""
    codes = workbook.create_sheet(CODE_SHEET)
    last_row = max(sheet.max_row, 1) + 1000
    position = 0
    for index, column in enumerate(layout.columns, start=1):
        if column.kind == "bool":
            options = [(YES, YES), (NO, NO)]
        elif column.key in vocabulary.options:
            options = vocabulary.options[column.key]
        else:
            continue
        position += 1
        letter = get_column_letter(position)
        codes.cell(row=1, column=position, value=column.header).font = Font(bold=True)
        codes.column_dimensions[letter].width = max(12, column.width)
        for offset, (_, text) in enumerate(options, start=2):
            codes.cell(row=offset, column=position, value=text)
        validation = DataValidation(
            type="list",
            formula1=f"'{CODE_SHEET}'!${letter}$2:${letter}${len(options) + 1}",
            allow_blank=True,
            # Several modes are typed into one cell: offer the list without refusing other text.
            showErrorMessage=column.kind != "codes",
            error=N_("请从下拉列表中选择。"),
            promptTitle=column.header,
            prompt=column.hint or N_("请从下拉列表中选择。"),
            showInputMessage=True,
        )
        data_letter = get_column_letter(index)
        validation.add(f"{data_letter}2:{data_letter}{last_row}")
        sheet.add_data_validation(validation)


def _help_sheet(workbook, layout):
    help_sheet = workbook.create_sheet(HELP_SHEET)
    help_sheet.append([N_("列"), N_("说明")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in layout.columns:
        help_sheet.append([column.header, column.hint])
    help_sheet.append([])
    for line in (
        N_("第一张工作表填写数据，第 1 行为表头，请勿修改表头。"),
        N_("编号为“示例”的行是填写示例，导入时自动忽略，可以删除。"),
        N_("下拉列表的选项见“代码表”工作表。"),
        N_("导出的文件带有编号；修改后重新导入会更新原有条目，不会重复新增。"),
        N_("单元格不要使用公式。"),
    ):
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["B"].width = 60


# --- reading ----------------------------------------------------------------------------------


@dataclass
class CellError:
    #: Sheet row (0 for the file as a whole, 1 for the header row).
    row: int
    key: str
    message: Any


@dataclass
class SheetRow:
    """One data row: its sheet row number and every cell as text, keyed by column key."""

    row: int
    cells: dict


@dataclass
class SheetData:
    rows: list
    #: Column key → its letter in the uploaded sheet (columns are found by header, in any order).
    letters: dict


def cell_text(cell):
    """The literal text of a cell, or raise ValueError for a formula (never evaluated)."""
    value = cell.value
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and cell.data_type == "f"):
        raise ValueError("formula")
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    # Undo the export's formula escaping (core.excel.safe_cell) so a round trip is exact.
    if text.startswith("'") and text[1:].startswith(_FORMULA_PREFIXES):
        text = text[1:]
    return text


def data_sheet(workbook, layout):
    return workbook[layout.sheet_title] if layout.sheet_title in workbook.sheetnames else workbook.worksheets[0]


def read_rows(sheet, layout, *, max_rows):
    """(SheetData or None, errors): the non-blank data rows as text, and every problem found.

    Errors name the sheet row and column. Reading stops early (with an error) on a file with
    more than `max_rows` data rows, so a huge sheet costs no more than a small one."""
    sheet.reset_dimensions()  # a forged <dimension> must not make openpyxl pad millions of rows
    rows, errors = [], []
    positions = None
    hard_limit = 2 * max_rows + 100
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if number == 1:
            positions, header_errors = _header_positions(cells, layout)
            if header_errors:
                return None, header_errors
            continue
        blank = all(getattr(cell, "value", None) in (None, "") for cell in cells)
        if blank and number <= hard_limit:
            continue
        if len(rows) >= max_rows or number > hard_limit:
            return None, [CellError(0, "", _l("数据超过 %(n)s 行，请分批导入。", n=max_rows))]
        row = SheetRow(number, {})
        for column in layout.columns:
            index = positions[column.key]
            cell = cells[index] if index < len(cells) else None
            try:
                row.cells[column.key] = cell_text(cell) if cell is not None else ""
            except ValueError:
                errors.append(CellError(number, column.key, _l("单元格含有公式，请改为直接填写内容。")))
                row.cells[column.key] = ""
        if row.cells.get("id") == EXAMPLE_ID:
            continue
        rows.append(row)
    if positions is None:
        return None, [CellError(0, "", _l("工作表是空的，请使用下载的模板。"))]
    letters = {key: get_column_letter(index + 1) for key, index in positions.items()}
    return SheetData(rows, letters), errors


def _header_positions(cells, layout):
    found = {}
    for index, cell in enumerate(cells[:100]):
        value = cell.value if isinstance(getattr(cell, "value", None), str) else None
        if value and value.strip():
            found.setdefault(value.strip(), index)
    missing = [column.header for column in layout.columns if column.header not in found]
    if missing:
        return None, [CellError(1, "", _l("表头缺少列：%(columns)s。请使用下载的模板。", columns="、".join(missing)))]
    return {column.key: found[column.header] for column in layout.columns}, []


def to_inputs(layout, vocabulary, cells):
    """(form inputs, errors by column key) for one row's texts. A blank cell is sent as an empty
    input, as a browser sends an empty field — except choices and yes/no, which are left out so
    the form applies its default ("未认定", "否")."""
    inputs, errors = {}, {}
    for column in layout.columns:
        text = cells.get(column.key, "")
        if column.kind in ("id", "owner") or (not text and column.kind in ("choice", "bool", "codes")):
            continue
        if not text:
            inputs[column.key] = ""
            continue
        if column.kind in ("code", "choice"):
            value = vocabulary.code(column.key, text)
            if value is None:
                errors[column.key] = _l("“%(value)s”不在代码表中，请从下拉列表中选择。", value=text[:40])
            else:
                inputs[column.key] = value
        elif column.kind == "codes":
            codes = [vocabulary.code(column.key, item) for item in split_list(text)]
            if None in codes:
                errors[column.key] = _l("“%(value)s”中有不在代码表中的选项，多个选项用顿号“、”分隔。", value=text[:40])
            else:
                inputs[column.key] = codes
        elif column.kind == "bool":
            if text not in (YES, NO):
                errors[column.key] = _l("请填写“是”或“否”。")
            elif text == YES:
                inputs[column.key] = "y"
        else:
            inputs[column.key] = text
    return inputs, errors


def export_file(kind, objects, title):
    """(file name, .xlsx bytes) of `objects` in the import template's columns: the file to edit and re-import."""
    return f"{title}.xlsx", build_workbook(LAYOUTS[kind], objects)
