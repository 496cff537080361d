"""The bureau's organisation list and audit log as Excel files."""
from flask_babel import lazy_gettext as _l

from ..core.exporting import spreadsheet
from ..core.i18n import label
from ..core.timeutil import local_datetime

ORGANISATION_HEADERS = [_l("机构"), _l("类型"), _l("代码"), _l("区县"), _l("联系人"), _l("联系电话"), _l("注册时间"), _l("状态")]
ORGANISATION_STATUSES = {"pending": _l("待审核"), "verified": _l("已认证"), "rejected": _l("已驳回")}
AUDIT_HEADERS = [_l("时间"), _l("操作人"), _l("操作"), _l("对象类型"), _l("对象编号"), _l("详情"), _l("IP")]


def organisations(items):
    rows = [[o.name, str(_l("学校") if o.is_school else _l("企业")), o.code or "", label(o.district), o.contact_name,
             o.masked_phone, local_datetime(o.created_at), str(ORGANISATION_STATUSES.get(o.status, o.status))]
            for o in items]
    return spreadsheet(str(_l("机构名单")), ORGANISATION_HEADERS, rows)


def audit(entries):
    rows = [[local_datetime(e.at, "yyyy-MM-dd HH:mm:ss"), e.user.email if e.user else "", e.action, e.object_type,
             e.object_id, e.detail, e.ip] for e in entries]
    return spreadsheet(str(_l("审计日志")), AUDIT_HEADERS, rows)
