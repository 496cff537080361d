"""The pairings list as an Excel file."""
from flask_babel import lazy_gettext as _l

from ..core.exporting import spreadsheet
from ..core.timeutil import local_datetime

HEADERS = [_l("编号"), _l("企业需求"), _l("需求企业"), _l("培训项目"), _l("院校"), _l("对方"), _l("留言"),
           _l("发起时间"), _l("回复期限"), _l("状态"), _l("婉拒原因")]
DIRECTIONS = {"incoming": _l("收到的对接意向"), "outgoing": _l("发出的对接意向")}


def pairings(items, direction):
    rows = [[p.id, p.need.title, p.need.organisation.name, p.programme.title, p.programme.organisation.name,
             (p.proposer if direction == "incoming" else p.responder).name, p.message, local_datetime(p.created_at),
             local_datetime(p.expires_at), str(p.status_label), p.decline_reason] for p in items]
    return spreadsheet(str(DIRECTIONS[direction]), HEADERS, rows)
