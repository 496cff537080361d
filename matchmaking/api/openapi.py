"""The OpenAPI 3.1 document of API v1, written by hand next to the code it describes.

Reference codes (clusters, levels, districts, modes, need kinds) are read from the
reference tables when the document is built, so its enums are the values the forms
accept today. tests/api checks the document with openapi-spec-validator and fuzzes
the API against it with Schemathesis."""
from ..postings.forms import DESCRIPTION_MAX, DESCRIPTION_MIN
from ..postings.queries import SORTS
from ..events.models import MEETING_LABELS, OUTCOME_LABELS, REGISTRATION_LABELS, REQUEST_LABELS
from ..events.models import STATUS_LABELS as EVENT_STATUS_LABELS
from ..events.wishes import PRIORITIES
from ..pairings.models import STATUSES as PAIRING_STATUSES
from ..projects.models import STATUSES as PROJECT_STATUSES
from ..reference.models import Cluster, District, Level, Mode, NeedKind
from ..reference.services import codes_of

from ..core.forms import ID_MAX
METHODS = ("get", "post", "patch", "delete")
POSTING_STATUSES = ["draft", "published", "closed", "archived"]


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _nullable(kind, **extra):
    return {"type": [kind, "null"], **extra}


STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
NUMBER = {"type": "number"}
TIMESTAMP = {"type": "string", "format": "date-time"}
DATE = {"type": "string", "format": "date"}
HHMM = {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "description": "Local time in Yibin (Asia/Shanghai)."}
ID = {"type": "integer", "minimum": 1, "maximum": ID_MAX}
ERRORS = {
    400: "Malformed JSON, a body that is not an object, a value of the wrong type, an unknown field or a bad query value.",
    401: "No token, or an invalid, expired or revoked one.",
    403: "The caller's kind of organisation may not do this (e.g. a school creating a need).",
    404: "Missing, or not visible to the caller (another organisation's drafts, pairings and projects).",
    409: "Duplicate, or the object's state does not allow this transition.",
    413: "Body larger than the API limit (1 MiB by default).",
    422: "The values were refused; `fields` holds one message per field.",
    429: "Too many requests.",
}


def _operation(summary, tag, *, auth="required", params=(), body=None, ok=(200, None), errors=(), description="",
               media="application/json", notes=None):
    """One operation; every listed status answers the Error schema except the success status.

    `media` is the request body's type; `ok` may carry a `content` map instead of a JSON schema
    (a file download); `notes` replaces the standard description of an error status."""
    status, schema = ok
    content = schema if isinstance(schema, dict) and "content" in schema else _json(schema) if schema else {}
    responses = {str(status): {"description": "Success", **content}}
    codes = set(errors) | {400}
    if auth == "required":
        codes.add(401)
    if body is not None:
        codes |= {413}
    for code in sorted(codes):
        responses[str(code)] = {"description": (notes or {}).get(code, ERRORS[code]), **_json(_ref("Error"))}
    operation = {"summary": summary, "tags": [tag], "parameters": list(params), "responses": responses}
    if description:
        operation["description"] = description
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {media: {"schema": body}}}
    operation["security"] = {"required": [{"bearer": []}], "optional": [{}, {"bearer": []}], "none": []}[auth]
    return operation


def _path_id(name):
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": ID_MAX}}


def _query(name, schema, description=""):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


#: page and per_page, as every list takes them.
PAGING = [
    _query("page", {"type": "integer", "minimum": 1, "maximum": 10000, "default": 1}),
    _query("per_page", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
]


def _object(properties, required=(), extra=False):
    schema = {"type": "object", "properties": properties, "additionalProperties": extra}
    if required:
        schema["required"] = list(required)
    return schema


def _schemas():
    clusters, levels, districts = codes_of(Cluster), codes_of(Level), codes_of(District)
    modes, kinds = codes_of(Mode), codes_of(NeedKind)
    common_in = {
        "title": {"type": "string", "minLength": 2, "maxLength": 120},
        "cluster": {"type": "string", "enum": clusters},
        "level": {"type": "string", "enum": levels},
        "district": {"type": "string", "enum": districts},
        "description": {"type": "string", "minLength": DESCRIPTION_MIN, "maxLength": DESCRIPTION_MAX},
        "skills": {"type": "array", "minItems": 3, "maxItems": 10, "items": {"type": "string", "maxLength": 30},
                   "description": "Items are split again on 、，,;； and newlines and de-duplicated, as on the pages."},
    }
    programme_in = {**common_in, "capacity": {"type": "integer", "minimum": 1, "maximum": 100000},
                    "modes": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": modes}}}
    need_in = {**common_in, "kind": {"type": "string", "enum": kinds},
               "headcount": {"type": "integer", "minimum": 0, "maximum": 100000,
                             "description": "At least 1 unless kind is joint_rd."}}
    # Read-only fields a client may echo back from a GET: accepted and ignored.
    echo = {name: {"description": "Read-only; ignored when sent."} for name in
            ("id", "external_ref", "organisation_id", "status", "published_at", "updated_at")}
    state = {
        "id": INTEGER, "external_ref": _nullable("string"), "organisation_id": INTEGER,
        "status": {"type": "string", "enum": POSTING_STATUSES},
        "published_at": _nullable("string", format="date-time"), "updated_at": TIMESTAMP,
    }

    def output(fields, owner):
        properties = {name: {k: v for k, v in schema.items() if k not in ("minLength", "maxLength", "minItems",
                                                                           "maxItems", "minimum", "maximum")}
                      for name, schema in fields.items()}
        properties["skills"] = {"type": "array", "items": STRING}
        if "modes" in properties:
            properties["modes"] = {"type": "array", "items": STRING}
        for name in ("cluster", "level", "district", "kind"):
            if name in properties:
                properties[name] = STRING  # codes the bureau retired may remain on old items
        properties = {**properties, owner: STRING, **state}
        return _object(properties, required=list(properties))

    def page(item):
        return {"allOf": [_ref("Page"), {"type": "object", "properties": {"items": {"type": "array", "items": _ref(item)}}}]}

    follow_up_in = {
        "date": {"type": "string", "format": "date", "description": "YYYY-MM-DD, not in the future"},
        "content": {"type": "string", "minLength": 5, "maxLength": 2000},
        "students_placed": {"type": "integer", "minimum": 0, "maximum": 100000},
        "apprentices_enrolled": {"type": "integer", "minimum": 0, "maximum": 100000},
        "employees_trained": {"type": "integer", "minimum": 0, "maximum": 100000},
        "rd_results": {"type": "string", "maxLength": 500},
    }
    follow_up = {"id": INTEGER, "project_id": INTEGER, "organisation_id": INTEGER, "date": {"type": "string", "format": "date"},
                 "content": STRING, "students_placed": INTEGER, "apprentices_enrolled": INTEGER,
                 "employees_trained": INTEGER, "rd_results": STRING, "created_at": TIMESTAMP}
    pairing = {
        "id": INTEGER, "status": {"type": "string", "enum": list(PAIRING_STATUSES)},
        "direction": {"type": ["string", "null"], "enum": ["incoming", "outgoing", None]},
        "need_id": INTEGER, "need_title": STRING, "programme_id": INTEGER, "programme_title": STRING,
        "proposer_id": INTEGER, "proposer": STRING, "responder_id": INTEGER, "responder": STRING,
        "message": STRING, "decline_reason": STRING, "source": STRING, "score": _nullable("number"),
        "created_at": TIMESTAMP, "expires_at": TIMESTAMP, "responded_at": _nullable("string", format="date-time"),
        "project_id": _nullable("integer"),
    }
    counts = {"type": "integer", "minimum": 0}
    project = {
        "id": INTEGER, "title": STRING, "status": {"type": "string", "enum": list(PROJECT_STATUSES)},
        "type": STRING, "cluster": STRING, "district": STRING, "pairing_id": INTEGER, "need_id": INTEGER,
        "programme_id": INTEGER, "school_id": INTEGER, "school": STRING, "enterprise_id": INTEGER, "enterprise": STRING,
        "planned_students": INTEGER, "planned_apprentices": INTEGER, "planned_trainees": INTEGER,
        "duration_months": INTEGER, "agreement_date": _nullable("string", format="date"), "termination_reason": STRING,
        "created_at": TIMESTAMP, "last_activity_at": TIMESTAMP, "closed_at": _nullable("string", format="date-time"),
        "transitions": {"type": "array", "items": {"type": "string", "enum": ["signed", "implementing", "completed", "terminated"]},
                        "description": "States reachable from here (completed goes through the pages' summary and confirmation)."},
        "totals": _object({name: counts for name in ("students_placed", "apprentices_enrolled", "employees_trained")},
                          required=("students_placed", "apprentices_enrolled", "employees_trained")),
        "follow_ups": {"type": "array", "items": _ref("FollowUp")},
        "milestones": {"type": "array", "items": _ref("Milestone")},
        "school_summary": {"type": "string", "description": "The school's closing summary; empty until submitted."},
        "enterprise_confirmed_at": _nullable("string", format="date-time"),
        "agreement": {"anyOf": [_object({"name": STRING, "mime": STRING}, required=("name", "mime")), {"type": "null"}],
                      "description": "The agreement file, downloadable at /projects/{project_id}/agreement."},
    }
    detail_only = ("totals", "follow_ups", "milestones", "school_summary", "enterprise_confirmed_at", "agreement")
    milestone = {"id": INTEGER, "project_id": INTEGER, "title": STRING, "due_date": DATE,
                 "done_at": _nullable("string", format="date-time"), "created_at": TIMESTAMP}
    by_status = lambda statuses: _object({s: counts for s in statuses}, required=statuses)  # noqa: E731
    return {
        "Error": _object({"error": _object({
            "code": {"type": "integer", "description": "The HTTP status, repeated."},
            "message": {"type": "string", "description": "In the request's language."},
            "fields": {"type": "object", "additionalProperties": STRING, "description": "Field name → message."},
        }, required=("code", "message", "fields"))}, required=("error",)),
        "Page": _object({"items": {"type": "array"}, "page": {"type": "integer", "minimum": 1},
                         "per_page": {"type": "integer", "minimum": 1}, "total": counts},
                        required=("items", "page", "per_page", "total")),
        "ProgrammeInput": _object({**programme_in, **echo}, required=list(programme_in)),
        "ProgrammePatch": _object({**programme_in, **echo}),
        "NeedInput": _object({**need_in, **echo}, required=list(need_in)),
        "NeedPatch": _object({**need_in, **echo}),
        "Programme": output(programme_in, "school"),
        "Need": output(need_in, "enterprise"),
        "ProgrammePage": page("Programme"),
        "NeedPage": page("Need"),
        "ProgrammeSuggestions": _object({"items": {"type": "array", "items": _object(
            {"programme": _ref("Programme"), "score": {"type": "number"}, "reasons": {"type": "array", "items": STRING}},
            required=("programme", "score", "reasons"))}}, required=("items",)),
        "NeedSuggestions": _object({"items": {"type": "array", "items": _object(
            {"need": _ref("Need"), "score": {"type": "number"}, "reasons": {"type": "array", "items": STRING}},
            required=("need", "score", "reasons"))}}, required=("items",)),
        "Pairing": _object(pairing, required=list(pairing)),
        "PairingPage": page("Pairing"),
        "FollowUp": _object(follow_up, required=list(follow_up)),
        "FollowUpInput": _object(follow_up_in, required=("date", "content")),
        "Project": _object(project, required=[k for k in project if k not in detail_only]),
        "ProjectPage": page("Project"),
        "Milestone": _object(milestone, required=list(milestone)),
        "MilestoneList": _list("Milestone"),
        "MilestoneInput": _object({"title": {"type": "string", "minLength": 1, "maxLength": 200},
                                   "due_date": {**DATE, "description": "YYYY-MM-DD"}}, required=("title", "due_date")),
        "SummaryInput": _object({"summary": {"type": "string", "minLength": 20, "maxLength": 5000}}, required=("summary",)),
        "AgreementUpload": _object({"agreement_file": {"type": "string", "format": "binary",
                                                       "description": "PDF, PNG or JPG, checked by content; at most 5 MiB."}},
                                   required=("agreement_file",), extra=True),
        **_event_schemas(page),
        "User": _object({"id": INTEGER, "email": STRING, "name": STRING, "organisation": _object(
            {"id": INTEGER, "name": STRING, "kind": {"type": "string", "enum": ["school", "enterprise", "bureau"]},
             "status": STRING}, required=("id", "name", "kind", "status"))},
            required=("id", "email", "name", "organisation")),
        "Token": _object({"token": STRING, "expires_at": TIMESTAMP, "user": _ref("User")},
                         required=("token", "expires_at", "user")),
        "Stats": _object({
            "organisations": _object({"schools": counts, "enterprises": counts}, required=("schools", "enterprises")),
            "programmes": counts, "needs": counts,
            "pairings": by_status(list(PAIRING_STATUSES)), "projects": by_status(list(PROJECT_STATUSES)),
            "outcomes": _object({n: counts for n in ("students_placed", "apprentices_enrolled", "employees_trained")},
                                required=("students_placed", "apprentices_enrolled", "employees_trained")),
            "plan_targets": {"type": "array", "description": "Progress against the implementation plan's 2025 targets.",
                             "items": _object({"code": STRING, "label": STRING, "target": NUMBER, "unit": STRING,
                                               "value": {"type": ["number", "null"], "description": "null for a share with nothing to measure yet."},
                                               "progress": NUMBER},
                                              required=("code", "label", "target", "unit", "value", "progress"))},
        }, required=("organisations", "programmes", "needs", "pairings", "projects", "outcomes", "plan_targets")),
    }


def _list(item):
    return _object({"items": {"type": "array", "items": _ref(item)}}, required=("items",))


def _event_schemas(page):
    """Docking events: the event, the caller's registration, meeting requests and meetings."""
    counts = {"type": "integer", "minimum": 0}
    summary = {
        "id": INTEGER, "title": STRING, "status": {"type": "string", "enum": list(EVENT_STATUS_LABELS)},
        "clusters": {"type": "array", "items": STRING}, "venue": STRING, "date": DATE,
        "start_time": HHMM, "end_time": HHMM, "registration_opens": DATE, "registration_closes": DATE,
        "registration_open": {"type": "boolean", "description": "Open for registration today."},
        "capacity_per_side": INTEGER,
        "participants": _object({"schools": counts, "enterprises": counts}, required=("schools", "enterprises")),
    }
    slot = _object({"number": INTEGER, "start": HHMM, "end": HHMM}, required=("number", "start", "end"))
    detail = {
        **summary, "description": STRING, "meeting_minutes": INTEGER, "tables": INTEGER,
        "breaks": {"type": "array", "items": _object({"start": HHMM, "end": HHMM}, required=("start", "end"))},
        "slots": {"type": "array", "items": slot,
                  "description": "Meeting slots (without those the bureau removed); numbers skip one across a break."},
        "my_registration": {"anyOf": [_ref("Registration"), {"type": "null"}],
                            "description": "The caller's organisation's registration, if any."},
    }
    registration = {
        "id": INTEGER, "event_id": INTEGER, "organisation_id": INTEGER,
        "side": {"type": "string", "enum": ["school", "enterprise"]},
        "status": {"type": "string", "enum": list(REGISTRATION_LABELS)}, "attendees": STRING,
        "unavailable_slots": {"type": "array", "items": INTEGER}, "rejection_reason": STRING,
        "checkin_code": {**_nullable("string"), "description": "Shown at the check-in desk; once approved."},
        "created_at": TIMESTAMP, "decided_at": _nullable("string", format="date-time"),
    }
    registration_in = {
        "attendees": {"type": "string", "minLength": 1, "maxLength": 2000, "description": "Names and roles, one a line."},
        "unavailable_slots": {"type": "array", "items": INTEGER,
                              "description": "Slot numbers the organisation cannot attend; unknown numbers are dropped."},
    }
    request = {
        "id": INTEGER, "event_id": INTEGER, "direction": {"type": ["string", "null"], "enum": ["incoming", "outgoing", None]},
        "school_id": INTEGER, "school": STRING, "enterprise_id": INTEGER, "enterprise": STRING,
        "counterpart_id": INTEGER, "counterpart": STRING,
        "requested_by": {"type": "string", "enum": ["school", "enterprise", "bureau"]},
        "priority": {"type": "string", "enum": [*PRIORITIES, "bureau"]},
        "status": {"type": "string", "enum": list(REQUEST_LABELS)}, "message": STRING,
        "created_at": TIMESTAMP, "responded_at": _nullable("string", format="date-time"),
    }
    counterpart = {"organisation_id": INTEGER, "name": STRING, "kind": {"type": "string", "enum": ["school", "enterprise"]},
                   "score": {"type": "number"}, "reasons": {"type": "array", "items": STRING}, "requested": BOOLEAN}
    local = {"type": "string", "format": "date-time", "description": "Local time in Yibin with its offset (+08:00)."}
    meeting = {
        "id": INTEGER, "event_id": INTEGER, "slot": INTEGER, "table": INTEGER, "starts_at": local, "ends_at": local,
        "school_id": INTEGER, "enterprise_id": INTEGER,
        "counterpart": {"anyOf": [_object({"id": INTEGER, "name": STRING, "kind": STRING}, required=("id", "name", "kind")),
                                  {"type": "null"}], "description": "The other party; null for the bureau."},
        "status": {"type": "string", "enum": list(MEETING_LABELS)},
        "outcome": {"type": ["string", "null"], "enum": [*OUTCOME_LABELS, None],
                    "description": "The caller's side's intention after the meeting; null until recorded."},
        "pairing_id": _nullable("integer"),
    }
    scheduled = ("placed", "moved", "dropped", "added", "unplaced")
    return {
        "EventSummary": _object(summary, required=list(summary)),
        "Event": _object(detail, required=list(detail)),
        "EventPage": page("EventSummary"),
        "Registration": _object(registration, required=list(registration)),
        "RegistrationInput": _object(registration_in, required=("attendees",)),
        "RegistrationPatch": _object(registration_in),
        "MeetingRequest": _object(request, required=list(request)),
        "MeetingRequestList": _list("MeetingRequest"),
        "MeetingRequestInput": _object({
            "target_organisation_id": {**ID, "description": "An approved participant of the other side."},
            "priority": {"type": "string", "enum": list(PRIORITIES), "default": "want"},
            "message": {"type": "string", "maxLength": 500},
        }, required=("target_organisation_id",)),
        "Counterpart": _object(counterpart, required=list(counterpart)),
        "CounterpartList": _list("Counterpart"),
        "Meeting": _object(meeting, required=list(meeting)),
        "MeetingList": _list("Meeting"),
        "OutcomeInput": _object({
            "outcome": {"type": "string", "enum": list(OUTCOME_LABELS)},
            "own_item_id": {**ID, "description": "For continue: the caller's published programme (school) or need (enterprise)."},
            "counterpart_item_id": {**ID, "description": "For continue: the other party's published need or programme."},
            "message": {"type": "string", "maxLength": 500},
        }, required=("outcome",)),
        "OutcomeResult": _object({"meeting": _ref("Meeting"), "pairing": {"anyOf": [_ref("Pairing"), {"type": "null"}]}},
                                 required=("meeting", "pairing")),
        "ScheduleResult": _object({"counts": _object({name: counts for name in scheduled}, required=scheduled),
                                   "event": _ref("Event")}, required=("counts", "event")),
    }


def _posting_paths(name, item, facet, noun, other):
    one = f"/{name}/{{{item.lower()}_id}}"
    pid = _path_id(f"{item.lower()}_id")
    filters = [
        _query("cluster", STRING, "Cluster code; unknown codes are ignored, as on the pages."),
        _query("level", STRING, "Level code; unknown codes are ignored."),
        _query("district", STRING, "District; unknown values are ignored."),
        _query(facet, STRING, f"{'Mode' if facet == 'mode' else 'Need kind'} code; unknown codes are ignored."),
        _query("q", STRING, "Keywords in title, skills, description or organisation name; the first 100 characters are used."),
        _query("sort", {"type": "string", "enum": list(SORTS)}),
        *PAGING,
    ]
    out = {
        f"/{name}": {
            "get": _operation(f"Search published {noun}s", name, auth="none", params=filters, ok=(200, _ref(f"{item}Page"))),
            "post": _operation(f"Create a draft {noun}", name, body=_ref(f"{item}Input"), ok=(201, _ref(item)),
                               errors=(403, 422)),
        },
        one: {
            "get": _operation(f"One {noun}", name, auth="optional", params=[pid], ok=(200, _ref(item)), errors=(401, 404),
                              description="Published items are public; drafts, closed and archived ones only for the owner and the bureau."),
            "patch": _operation(f"Edit a {noun} (owner only)", name, params=[pid], body=_ref(f"{item}Patch"),
                                ok=(200, _ref(item)), errors=(404, 409, 422),
                                description="Send only the fields to change; the merged values are validated as a whole."),
            "delete": _operation(f"Archive a {noun} (owner only; drafts and closed items)", name, params=[pid],
                                 ok=(200, _ref(item)), errors=(404, 409)),
        },
        f"{one}/recommendations": {
            "get": _operation(f"Suggested {other}s for a {noun}", name, auth="optional",
                              params=[pid, _query("top", {"type": "integer", "minimum": 1, "maximum": 50, "default": 10})],
                              ok=(200, _ref(f"{other.capitalize()}Suggestions")), errors=(401, 404),
                              description="Reasons are sentences in the request's language (Accept-Language or ?lang=en)."),
        },
    }
    for action, meaning in (("publish", "draft → published"), ("close", "published → closed"),
                            ("reopen", "closed → published"), ("archive", "draft or closed → archived")):
        out[f"{one}/{action}"] = {"post": _operation(f"{action.capitalize()} a {noun} ({meaning})", name, params=[pid],
                                                       ok=(200, _ref(item)), errors=(403, 404, 409))}
    return out


#: The agreement file as downloaded: the type it was checked to be on upload.
AGREEMENT_TYPES = ("application/pdf", "image/png", "image/jpeg")


def _project_paths():
    pid = _path_id("project_id")
    one = "/projects/{project_id}"
    upload_notes = {413: "The request is larger than the site's upload limit (MAX_UPLOAD_BYTES, 10 MiB by default).",
                    422: "No file, a type other than PDF, PNG or JPG, content that does not match the extension, "
                         "or a file over AGREEMENT_MAX_BYTES (5 MiB), as on the project page."}
    return {
        "/projects": {"get": _operation("The caller's projects (the bureau: all)", "projects", params=[
            _query("status", {"type": "string", "enum": list(PROJECT_STATUSES)}), *PAGING],
            ok=(200, _ref("ProjectPage")))},
        one: {"get": _operation("One project with follow-ups, milestones, totals and its agreement file", "projects",
                                params=[pid], ok=(200, _ref("Project")), errors=(404,))},
        f"{one}/transition": {"post": _operation(
            "Sign, start or terminate", "projects", params=[pid],
            body=_object({"to": {"type": "string", "enum": ["signed", "implementing", "terminated"]},
                          "agreement_date": {"type": "string", "format": "date", "description": "Required for signed."},
                          "reason": {"type": "string", "maxLength": 500, "description": "Required for terminated."}},
                         required=("to",)),
            ok=(200, _ref("Project")), errors=(403, 404, 409, 422),
            description="Completion goes through `POST …/summary` (the school) and `POST …/confirm` (the enterprise).")},
        f"{one}/follow-ups": {"post": _operation(
            "Add a follow-up record", "projects", params=[pid], body=_ref("FollowUpInput"),
            ok=(201, _ref("FollowUp")), errors=(403, 404, 409, 422))},
        f"{one}/milestones": {
            "get": _operation("The project's milestones, by due date", "projects", params=[pid],
                              ok=(200, _ref("MilestoneList")), errors=(404,)),
            "post": _operation("Add a milestone (either party)", "projects", params=[pid], body=_ref("MilestoneInput"),
                               ok=(201, _ref("Milestone")), errors=(403, 404, 409, 422)),
        },
        f"{one}/milestones/{{milestone_id}}/done": {"post": _operation(
            "Mark a milestone done (either party)", "projects", params=[pid, _path_id("milestone_id")],
            ok=(200, _ref("Milestone")), errors=(403, 404, 409))},
        f"{one}/summary": {"post": _operation(
            "Submit the closing summary (the school, while implementing)", "projects", params=[pid],
            body=_ref("SummaryInput"), ok=(200, _ref("Project")), errors=(403, 404, 409, 422),
            description="Sending it again replaces the summary and waits for the enterprise's confirmation again.")},
        f"{one}/confirm": {"post": _operation(
            "Confirm the results (the enterprise, after the summary): the project is completed", "projects",
            params=[pid], ok=(200, _ref("Project")), errors=(403, 404, 409))},
        f"{one}/agreement": {
            "post": _operation("Upload the agreement file (either party; replaces an earlier one)", "projects",
                               params=[pid], body=_ref("AgreementUpload"), media="multipart/form-data",
                               ok=(200, _ref("Project")), errors=(403, 404, 422), notes=upload_notes),
            "get": _operation("Download the agreement file (the parties and the bureau)", "projects", params=[pid],
                              ok=(200, {"content": {kind: {"schema": {"type": "string", "format": "binary"}}
                                                    for kind in AGREEMENT_TYPES}}),
                              errors=(404,), description="404 when the project has no agreement file."),
        },
    }


def _event_paths():
    eid = _path_id("event_id")
    one = "/events/{event_id}"
    participants = "Only for approved participants; the bureau and others get 403."
    respond = {action: _operation(f"{action.capitalize()} an incoming meeting request", "events",
                                  params=[eid, _path_id("request_id")], ok=(200, _ref("MeetingRequest")),
                                  errors=(403, 404, 409), description=participants)
               for action in ("accept", "decline")}
    return {
        "/events": {"get": _operation("Docking events, newest first (the bureau also sees drafts)", "events",
                                      auth="optional", params=PAGING, ok=(200, _ref("EventPage")), errors=(401,))},
        one: {"get": _operation("One event with its slots and the caller's registration", "events", auth="optional",
                                params=[eid], ok=(200, _ref("Event")), errors=(401, 404),
                                description="Drafts are visible to the bureau only.")},
        f"{one}/registrations": {"post": _operation(
            "Register the caller's organisation (a verified school or enterprise, while registration is open)",
            "events", params=[eid], body=_ref("RegistrationInput"), ok=(201, _ref("Registration")),
            errors=(403, 404, 409, 422),
            description="409 outside the registration window, when already registered, rejected or the side is full. "
                        "Registering again after withdrawing is allowed.")},
        f"{one}/registrations/mine": {
            "get": _operation("The caller's registration", "events", params=[eid], ok=(200, _ref("Registration")),
                              errors=(403, 404)),
            "patch": _operation("Change attendees or unavailable slots (until the event is held)", "events",
                                params=[eid], body=_ref("RegistrationPatch"), ok=(200, _ref("Registration")),
                                errors=(403, 404, 409, 422)),
            "delete": _operation("Withdraw from the event", "events", params=[eid], ok=(200, _ref("Registration")),
                                 errors=(403, 404, 409),
                                 description="409 once the event is held or a meeting of the caller was marked."),
        },
        f"{one}/counterparts": {"get": _operation(
            "The other side's approved participants, best suggestion first", "events", params=[eid],
            ok=(200, _ref("CounterpartList")), errors=(403, 404), description=participants)},
        f"{one}/meeting-requests": {
            "get": _operation("The caller's meeting requests, incoming and outgoing", "events", params=[eid],
                              ok=(200, _ref("MeetingRequestList")), errors=(403, 404), description=participants),
            "post": _operation("Ask an approved participant of the other side for a meeting", "events", params=[eid],
                               body=_ref("MeetingRequestInput"), ok=(201, _ref("MeetingRequest")),
                               errors=(403, 404, 409, 422),
                               description=participants + " 409 for a repeated request or an event past scheduling."),
        },
        f"{one}/meeting-requests/{{request_id}}/accept": {"post": respond["accept"]},
        f"{one}/meeting-requests/{{request_id}}/decline": {"post": respond["decline"]},
        f"{one}/meetings/mine": {"get": _operation(
            "The caller's timetable: slot, local start and end, table, the other organisation, status", "events",
            params=[eid], ok=(200, _ref("MeetingList")), errors=(403, 404),
            description=participants + " Cancelled meetings stay listed so a calendar can drop them.")},
        **{f"{one}/meetings/{{meeting_id}}/{name}": {"post": _operation(
            f"Mark a meeting {meaning} (either party or the bureau, on the day)", "events",
            params=[eid, _path_id("meeting_id")], ok=(200, _ref("Meeting")), errors=(404, 409),
            description="409 before the event is scheduled, for a cancelled meeting, or no-show once it led to a pairing.")}
            for name, meaning in (("held", "held"), ("no-show", "a no-show"))},
        f"{one}/meetings/{{meeting_id}}/outcome": {"post": _operation(
            "Record the caller's outcome of a held meeting; continue proposes a pairing", "events",
            params=[eid, _path_id("meeting_id")], body=_ref("OutcomeInput"), ok=(200, _ref("OutcomeResult")),
            errors=(403, 404, 409, 422),
            description=participants + " continue needs own_item_id and counterpart_item_id (422 without them); "
                                       "409 before the meeting is marked held or when already recorded.")},
        f"{one}/schedule": {"post": _operation(
            "Schedule or reschedule the 1:1 meetings (the bureau)", "events", params=[eid],
            ok=(200, _ref("ScheduleResult")), errors=(403, 404, 409),
            description="The same run as the event page's button: after registration has closed; a rerun keeps "
                        "every meeting that still fits in place. 403 for anyone but the bureau.")},
    }


def paths():
    """Every path and operation; needs no database, so tests can list the operations at import time."""
    out = {
        "/auth/token": {
            "post": _operation("Get a token for email and password", "auth", auth="none",
                               body=_object({"email": STRING, "password": STRING}, required=("email", "password")),
                               ok=(201, _ref("Token")), errors=(401, 429),
                               description="Five failures lock the account for 15 minutes, as on the login page."),
            "delete": _operation("Revoke the token of this request", "auth", ok=(204, None)),
        },
        "/me": {"get": _operation("The caller and their organisation", "auth", ok=(200, _ref("User")))},
        "/stats": {"get": _operation("Public summary figures", "stats", auth="none", ok=(200, _ref("Stats")))},
    }
    out.update(_posting_paths("programmes", "Programme", "mode", "programme", "need"))
    out.update(_posting_paths("needs", "Need", "kind", "need", "programme"))
    pid = _path_id("pairing_id")
    out.update({
        "/pairings": {
            "get": _operation("The caller's pairings", "pairings", params=[
                _query("direction", {"type": "string", "enum": ["incoming", "outgoing"]}, "Both when absent."),
                _query("status", {"type": "string", "enum": list(PAIRING_STATUSES)}),
                *PAGING,
            ], ok=(200, _ref("PairingPage")), errors=(403,)),
            "post": _operation("Propose a pairing of one of the caller's published items", "pairings",
                               body=_object({"need_id": {"type": "integer", "minimum": 1, "maximum": ID_MAX},
                                             "programme_id": {"type": "integer", "minimum": 1, "maximum": ID_MAX},
                                             "message": {"type": "string", "maxLength": 1000},
                                             "source": {"type": "string", "enum": ["detail", "search", "suggestion"]}},
                                            required=("need_id", "programme_id")),
                               ok=(201, _ref("Pairing")), errors=(403, 404, 409, 422)),
        },
        "/pairings/{pairing_id}": {"get": _operation("One pairing", "pairings", params=[pid], ok=(200, _ref("Pairing")),
                                                     errors=(404,))},
        "/pairings/{pairing_id}/accept": {"post": _operation(
            "Accept (the invited side); creates the project", "pairings", params=[pid], ok=(200, _ref("Pairing")),
            errors=(403, 404, 409))},
        "/pairings/{pairing_id}/decline": {"post": _operation(
            "Decline with a reason (the invited side)", "pairings", params=[pid],
            body=_object({"reason": {"type": "string", "minLength": 1, "maxLength": 500}}, required=("reason",)),
            ok=(200, _ref("Pairing")), errors=(403, 404, 409, 422))},
        "/pairings/{pairing_id}/withdraw": {"post": _operation(
            "Withdraw (the proposing side)", "pairings", params=[pid], ok=(200, _ref("Pairing")), errors=(403, 404, 409))},
    })
    out.update(_project_paths())
    out.update(_event_paths())
    return out


def document():
    """The whole document; built per request because the reference codes may change."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "宜宾产教融合校企对接平台 API",
            "version": "1.0.0",
            "description": (
                "JSON API v1 of the Yibin school–enterprise matchmaking platform. Get a token with "
                "`POST /api/v1/auth/token`, then send `Authorization: Bearer <token>`. Errors are always "
                "`{\"error\": {\"code\": <HTTP status>, \"message\": \"…\", \"fields\": {\"name\": \"…\"}}}`. "
                "Messages follow `Accept-Language` (zh or en) or `?lang=en`. Unknown query parameters are ignored."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths(),
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "A token from POST /auth/token (12 hours by default)."}},
        },
    }


def describe(schema):
    """A short human reading of a schema: a component's name, or its type and limits."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " + ".join(describe(part) for part in schema["allOf"])
    kind = schema.get("type", "any")
    text = " | ".join(kind) if isinstance(kind, list) else kind
    if kind == "array" and "items" in schema:
        text = f"array of {describe(schema['items'])}"
    notes = [f"{key} {schema[key]}" for key in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum")
             if key in schema]
    if "enum" in schema:
        notes.append("one of " + ", ".join(str(v) for v in schema["enum"] if v is not None))
    if "format" in schema:
        notes.append(schema["format"])
    return text + (f" ({'; '.join(notes)})" if notes else "")


def _fields(schema):
    required = set(schema.get("required", ()))
    return [{"name": name, "type": describe(prop), "required": name in required, "note": prop.get("description", "")}
            for name, prop in schema.get("properties", {}).items()]


def inline(text):
    """Markdown's `code` spans as (text, is_code) pieces, so the page can show them without a Markdown renderer."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(text.split("`")) if piece]


def _response_body(response):
    """A JSON response's schema name, or the media types of a file."""
    content = response.get("content", {})
    if "application/json" in content:
        return describe(content["application/json"]["schema"])
    return ", ".join(content)


def digest(spec):
    """The document flattened for the docs page, so the template only loops and prints."""
    base = spec["servers"][0]["url"]
    groups = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            security = op.get("security", [])
            auth = "bearer token" if security == [{"bearer": []}] else "optional token" if security else "public"
            media, body = next(iter(op.get("requestBody", {}).get("content", {}).items()), ("", {}))
            body = body.get("schema")
            groups.setdefault(op["tags"][0], []).append({
                "method": method.upper(), "path": base + path, "summary": op["summary"], "auth": auth,
                "description": inline(op.get("description", "")),
                "params": [{"name": p["name"], "in": p["in"], "type": describe(p["schema"]),
                            "note": p.get("description", "")} for p in op["parameters"]],
                "body": describe(body) if body else "", "media": media,
                "body_fields": _fields(body) if body and "properties" in body else [],
                "responses": [{"status": status, "description": response["description"],
                               "schema": _response_body(response)} for status, response in op["responses"].items()],
            })
    schemas = [{"name": name, "type": describe(schema), "fields": _fields(schema)}
               for name, schema in spec["components"]["schemas"].items()]
    return {"groups": groups, "schemas": schemas, "introduction": inline(spec["info"]["description"])}
