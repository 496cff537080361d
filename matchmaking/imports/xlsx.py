"""Is an upload a safe .xlsx workbook? Checked on the bytes before openpyxl sees them.

- by content, not by name: a zip archive holding `[Content_Types].xml` and `xl/workbook.xml`;
- size-capped on the upload, and on the unpacked members (total size and compression ratio,
  read from the zip directory, then enforced while reading: zipfile stops at the declared
  size and a lying member fails its CRC);
- no DTDs: a member declaring `<!DOCTYPE` or `<!ENTITY` (billion laughs, external entities)
  is refused; openpyxl parses with defusedxml as a second line of defence;
- never computed: the workbook is opened with formulas as text (`data_only=False`), so a
  formula cell is seen as a formula and reported by the reader, never evaluated.
"""
import re
import zipfile
from io import BytesIO

from flask_babel import lazy_gettext as _l

from ..core.errors import DomainError

ZIP_MAGIC = b"PK\x03\x04"
REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
#: Defaults; the app config may override them (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS …).
MAX_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 200
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CHUNK = 64 * 1024


class UnsafeFile(DomainError):
    """The upload is not an acceptable workbook; `message` says why."""


def check(data, *, max_bytes=MAX_BYTES, max_unpacked=MAX_UNPACKED_BYTES, max_ratio=MAX_RATIO):
    """Raise UnsafeFile unless `data` is a plain, bounded .xlsx archive."""
    if not data:
        raise UnsafeFile(_l("文件是空的。"))
    if len(data) > max_bytes:
        raise UnsafeFile(_l("文件不能超过 %(mb)s MB。", mb=_megabytes(max_bytes)))
    if not data.startswith(ZIP_MAGIC):
        raise UnsafeFile(_l("文件不是 Excel 工作簿（.xlsx）。请使用下载的模板。"))
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnsafeFile(_l("文件已损坏，无法读取。")) from None
    names = {member.filename for member in members}
    if any(name not in names for name in REQUIRED_MEMBERS):
        raise UnsafeFile(_l("文件不是 Excel 工作簿（.xlsx）。请使用下载的模板。"))
    if len(members) > MAX_MEMBERS:
        raise UnsafeFile(_l("文件结构异常，已拒绝。"))
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise UnsafeFile(_l("文件已加密，请取消密码后再上传。"))
        total += member.file_size
        if total > max_unpacked or member.file_size > max_ratio * max(member.compress_size, 1):
            raise UnsafeFile(_l("文件解压后过大（疑似压缩炸弹），已拒绝。"))
    for member in members:
        _scan(archive, member)


def _scan(archive, member):
    """Read one member within its declared size; refuse DTD declarations in XML parts."""
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                if member.filename.endswith((".xml", ".rels")) and _DTD.search(window):
                    raise UnsafeFile(_l("文件包含 XML 实体声明（DOCTYPE/ENTITY），已拒绝。"))
                tail = window[-16:]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise UnsafeFile(_l("文件已损坏，无法读取。")) from None


def open_workbook(data):
    """The checked bytes as a read-only openpyxl workbook (formulas kept as text)."""
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (data validation, styles): not our concern.
            warnings.simplefilter("ignore")
            return load_workbook(BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds of error on a malformed part
        raise UnsafeFile(_l("文件已损坏，无法读取。")) from None


def _megabytes(size):
    return f"{size / (1024 * 1024):g}"
