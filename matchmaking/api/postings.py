"""Programmes and needs: one set of routes for both kinds, like postings.views for the pages.

Input arrives with FORMAT.md's names, is turned into the pages' form input and
validated by the same form class; the same services write it."""
from flask import jsonify, request

from ..extensions import db
from ..needs.spec import NEEDS
from ..postings import lifecycle, queries, services
from ..postings.views import read_filters
from ..programmes.spec import PROGRAMMES
from ..recommendations import views as suggestions
from . import serializers
from .auth import authenticated, current_user_or_none
from .blueprint import bp
from .inputs import INTEGER, STRING, STRINGS, enum_arg, int_arg, json_body, page_args, validated

MAX_TOP = 50

#: API name → form field name, for every input either kind may have.
FORM_NAMES = {"title": "title", "cluster": "cluster_code", "level": "level_code", "district": "district_code",
              "description": "description", "skills": "skills", "capacity": "capacity", "modes": "mode_codes",
              "kind": "kind_code", "headcount": "headcount"}
TYPES = {"title": STRING, "cluster": STRING, "level": STRING, "district": STRING, "description": STRING,
         "skills": STRINGS, "capacity": INTEGER, "modes": STRINGS, "kind": STRING, "headcount": INTEGER}
COMMON = ("title", "cluster", "level", "district", "description", "skills")
#: Fields a client may send back unchanged from a GET; they are never written.
READ_ONLY = ("id", "external_ref", "organisation_id", "status", "published_at", "updated_at", "school", "enterprise")

KINDS = {
    "programmes": (PROGRAMMES, COMMON + ("capacity", "modes"), serializers.programme),
    "needs": (NEEDS, COMMON + ("kind", "headcount"), serializers.need),
}


def _inputs(spec, values, fields):
    """Validate API values with the pages' form; returns the data the service expects."""
    form_values = {FORM_NAMES[name]: value for name, value in values.items() if name in fields}
    if "skills" in form_values:
        form_values["skills"] = "\n".join(form_values["skills"])  # the form's list field takes one text
    names = {FORM_NAMES[name]: name for name in fields}
    return validated(spec.form_class, form_values, names=names).to_data()


def _current_values(serialize, posting, fields):
    record = serialize(posting)
    return {name: record[name] for name in fields}


def _register(name, spec, fields, serialize):
    def index():
        filters = read_filters(spec, request.args)
        enum_arg("sort", queries.SORTS)
        page, per_page = page_args()
        return jsonify(serializers.page(queries.search(spec, filters, page=page, per_page=per_page), serialize))

    def create():
        user = authenticated()
        values = json_body({f: TYPES[f] for f in fields}, ignored=READ_ONLY)
        # The service refuses the wrong kind of organisation (403) after the form has checked the values.
        posting = services.create_posting(spec, _inputs(spec, values, fields), by=user)
        db.session.commit()
        return jsonify(serialize(posting)), 201

    def detail(posting_id):
        return jsonify(serialize(services.get_visible(spec, posting_id, current_user_or_none())))

    def update(posting_id):
        user = authenticated()
        posting = services.get_owned(spec, posting_id, user)
        values = json_body({f: TYPES[f] for f in fields}, ignored=READ_ONLY)
        merged = {**_current_values(serialize, posting, fields), **values}
        services.update_posting(spec, posting, _inputs(spec, merged, fields), by=user)
        db.session.commit()
        return jsonify(serialize(posting))

    def transition(posting_id, action):
        user = authenticated()
        posting = services.get_owned(spec, posting_id, user)
        services.transition_posting(posting, action, by=user)
        db.session.commit()
        return jsonify(serialize(posting))

    def archive(posting_id):
        return transition(posting_id, "archive")

    def recommendations(posting_id):
        posting = services.get_visible(spec, posting_id, current_user_or_none())
        top = int_arg("top", 10, 1, MAX_TOP)
        rows = suggestions.for_posting(posting, None, top=top)  # reasons in the request's language
        perspective = "need" if spec is NEEDS else "programme"
        return jsonify({"items": [serializers.suggestion(row, perspective=perspective) for row in rows]})

    actions = "<any(" + ", ".join(lifecycle.TRANSITIONS) + "):action>"
    bp.add_url_rule(f"/{name}", f"{name}_index", index, methods=["GET"])
    bp.add_url_rule(f"/{name}", f"{name}_create", create, methods=["POST"])
    bp.add_url_rule(f"/{name}/<int:posting_id>", f"{name}_detail", detail, methods=["GET"])
    bp.add_url_rule(f"/{name}/<int:posting_id>", f"{name}_update", update, methods=["PATCH"])
    bp.add_url_rule(f"/{name}/<int:posting_id>", f"{name}_archive", archive, methods=["DELETE"])
    bp.add_url_rule(f"/{name}/<int:posting_id>/{actions}", f"{name}_transition", transition, methods=["POST"])
    bp.add_url_rule(f"/{name}/<int:posting_id>/recommendations", f"{name}_recommendations", recommendations,
                    methods=["GET"])


for _name, (_spec, _fields, _serialize) in KINDS.items():
    _register(_name, _spec, _fields, _serialize)
