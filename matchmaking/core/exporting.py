"""What every list export shares: one .xlsx attachment from headers and rows."""
from .excel import download, workbook_bytes


def spreadsheet(filename, headers, rows, *, sheet=None):
    """An .xlsx attachment named `filename` (without extension) with one sheet of `rows`."""
    return download(f"{filename}.xlsx", workbook_bytes(str(sheet or filename), headers, rows))
