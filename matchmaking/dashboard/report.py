"""The dashboard report as an Excel workbook: targets, by cluster, by district, trend."""
from io import BytesIO

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook

from ..core.excel import safe_cell
from ..core.i18n import label
from . import queries

EXPORT_FILENAME = _l("产教融合进展看板")


def _display(row):
    return "" if row["value"] is None else row["value"]


def target_rows(data):
    for row in data["targets"]:
        yield [label(row["target"]), _display(row), row["figure"], "%" if row["unit"] == "percent" else "",
               row["progress"], row.get("part", ""), row.get("whole", "")]


def breakdown_rows(rows, totals):
    for reference, values in rows:
        yield [label(reference)] + [values[metric.key]["value"] for metric in queries.PIPELINE_METRICS]
    yield [str(_l("合计"))] + [totals[metric.key]["value"] for metric in queries.PIPELINE_METRICS]


def trend_rows(data):
    for month, values in data["trend"]:
        yield [month.strftime("%Y-%m")] + [values[metric.key] for metric in queries.TREND_METRICS]


def sheets(data):
    pipeline_headers = [str(metric.title) for metric in queries.PIPELINE_METRICS]
    return [
        (str(_l("目标进度")), [_l("指标"), _l("当前值"), _l("2025 目标"), _l("单位"), _l("完成进度 %"), _l("分子"), _l("分母")],
         target_rows(data)),
        (str(_l("按产业集群")), [_l("产业集群")] + pipeline_headers, breakdown_rows(data["by_cluster"], data["totals"])),
        (str(_l("按区县")), [_l("区县")] + pipeline_headers, breakdown_rows(data["by_district"], data["totals"])),
        (str(_l("月度趋势")), [_l("月份")] + [metric.title for metric in queries.TREND_METRICS], trend_rows(data)),
    ]


def workbook_bytes(data):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in sheets(data):
        sheet = workbook.create_sheet(title[:31])
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
        sheet.column_dimensions["A"].width = 36
        sheet.freeze_panes = "B2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
