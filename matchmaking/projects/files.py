"""Agreement files: PDF or image only, size-limited, checked by content, stored outside the web root."""
import os
import uuid
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from ..core.errors import DomainError

#: extension → (MIME type, the bytes such a file starts with)
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}


def check_upload(filename, data):
    """(extension, mime) of an acceptable agreement file, or raise with a message."""
    extension = Path(filename or "").suffix.lower()
    if extension not in ALLOWED:
        raise DomainError(_l("协议文件只能是 PDF、PNG 或 JPG。"), field="agreement_file")
    if not data:
        raise DomainError(_l("文件是空的。"), field="agreement_file")
    if len(data) > current_app.config["AGREEMENT_MAX_BYTES"]:
        raise DomainError(_l("协议文件不能超过 %(mb)s MB。", mb=current_app.config["AGREEMENT_MAX_BYTES"] // (1024 * 1024)),
                          field="agreement_file")
    mime, signatures = ALLOWED[extension]
    if not any(data.startswith(signature) for signature in signatures):
        raise DomainError(_l("文件内容与扩展名不符。"), field="agreement_file")
    return extension, mime


def check_pdf(filename, data, *, field, what):
    """Refuse anything but a non-empty PDF within the size limit (by extension and by content).
    `what` names the document in the messages ("佐证材料", "证明材料")."""
    if Path(filename or "").suffix.lower() != ".pdf":
        raise DomainError(_l("%(what)s只能是 PDF 文件。", what=what), field=field)
    if not data:
        raise DomainError(_l("文件是空的。"), field=field)
    limit = current_app.config["AGREEMENT_MAX_BYTES"]
    if len(data) > limit:
        raise DomainError(_l("%(what)s不能超过 %(mb)s MB。", what=what, mb=limit // (1024 * 1024)), field=field)
    if not any(data.startswith(signature) for signature in ALLOWED[".pdf"][1]):
        raise DomainError(_l("文件内容与扩展名不符。"), field=field)


def store(project_id, extension, data):
    """Write the file under UPLOAD_FOLDER/agreements and return its relative path."""
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "agreements"
    folder.mkdir(parents=True, exist_ok=True)
    relative = f"agreements/{project_id}-{uuid.uuid4().hex}{extension}"
    target = Path(current_app.config["UPLOAD_FOLDER"]) / relative
    tmp = target.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return relative


def absolute(relative):
    return Path(current_app.config["UPLOAD_FOLDER"]) / relative
