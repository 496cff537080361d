"""Cooperation projects over the API: read, move through the lifecycle, add follow-ups.

Input is checked by the pages' SignForm, TerminateForm and FollowUpForm; rules live
in projects.services."""
from flask import jsonify
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..projects import lifecycle, queries, services
from ..projects.forms import FollowUpForm, SignForm, TerminateForm
from ..projects.models import STATUSES
from . import serializers
from .auth import authenticated
from .blueprint import bp
from .errors import ApiError
from .inputs import INTEGER, STRING, enum_arg, json_body, validated

#: Target state → lifecycle action ("completed" goes through summary and confirmation, not here).
ACTIONS = {target: action for action, (_, target) in lifecycle.TRANSITIONS.items() if action != "complete"}
#: Target state → the pages' form that checks the extra input, and the input it takes.
FORMS = {"signed": (SignForm, ("agreement_date",)), "terminated": (TerminateForm, ("reason",))}
FOLLOW_UP_TYPES = {"date": STRING, "content": STRING, "students_placed": INTEGER, "apprentices_enrolled": INTEGER,
                   "employees_trained": INTEGER, "rd_results": STRING}


@bp.get("/projects")
def list_projects():
    """The caller's organisation's projects; the bureau sees every project."""
    user = authenticated()
    status = enum_arg("status", STATUSES)
    if user.is_bureau:
        items = list(db.session.scalars(queries.desk_query({"status": status})))
    else:
        items = [p for p in services.projects_of(user.organisation_id) if not status or p.status == status]
    return jsonify({"items": [serializers.project(p) for p in items]})


@bp.get("/projects/<int:project_id>")
def project_detail(project_id):
    return jsonify(serializers.project(services.get_for_viewer(project_id, authenticated()), detail=True))


@bp.post("/projects/<int:project_id>/transition")
def transition_project(project_id):
    user = authenticated()
    project = services.get_for_viewer(project_id, user)
    values = json_body({"to": STRING, "agreement_date": STRING, "reason": STRING})
    target = values.get("to", "")
    if target not in ACTIONS:
        raise ApiError(422, fields={"to": _l("取值无效。")})
    kwargs = {}
    if target in FORMS:
        form_class, names = FORMS[target]
        form = validated(form_class, {name: values[name] for name in names if name in values})
        kwargs = {name: form[name].data for name in names}
    services.transition(project, ACTIONS[target], by=user, **kwargs)
    db.session.commit()
    return jsonify(serializers.project(project, detail=True))


@bp.post("/projects/<int:project_id>/follow-ups")
def add_follow_up(project_id):
    user = authenticated()
    project = services.get_for_viewer(project_id, user)
    form = validated(FollowUpForm, json_body(FOLLOW_UP_TYPES))
    follow_up = services.add_follow_up(project, form.data, by=user)
    db.session.commit()
    return jsonify(serializers.follow_up(follow_up)), 201
