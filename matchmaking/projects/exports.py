"""Projects as an Excel file: the bureau's desk and each party's own list share the columns."""
from flask_babel import lazy_gettext as _l

from ..core.exporting import spreadsheet
from ..core.i18n import label
from ..core.timeutil import local_date
from . import queries, services

FILENAME = _l("合作项目跟踪表")
SHEET = _l("合作项目")
HEADERS = [_l("编号"), _l("项目名称"), _l("学校"), _l("企业"), _l("产业集群"), _l("区县"), _l("类型"), _l("状态"),
           _l("签约日期"), _l("计划学生"), _l("计划学徒"), _l("计划培训职工"), _l("已安置学生"), _l("已招收学徒"),
           _l("已培训职工"), _l("最近跟踪"), _l("超期未跟踪"), _l("逾期里程碑"), _l("人社局备注")]


def row(project):
    totals = services.actual_totals(project)
    return [
        project.id, project.title, project.school.name, project.enterprise.name, label(project.cluster),
        label(project.district), label(project.type), str(project.status_label), local_date(project.agreement_date),
        project.planned_students, project.planned_apprentices, project.planned_trainees,
        totals["students_placed"], totals["apprentices_enrolled"], totals["employees_trained"],
        local_date(project.last_activity_at), str(_l("是")) if queries.is_stale(project) else "",
        len(queries.overdue_milestones(project)), project.bureau_note,
    ]


def projects(items):
    return spreadsheet(str(FILENAME), HEADERS, [row(p) for p in items], sheet=SHEET)
