"""Property-based fuzzing of every API operation against the OpenAPI document (Schemathesis).

Each operation gets generated requests, valid and invalid, as a school on programme
paths, as the bureau on the scheduling path and as an enterprise elsewhere; ids that
come out even are swapped for real objects so the fuzzer reaches the code behind the
404. DELETE operations run last, so withdrawing from the event does not close the
participants' endpoints to the operations after it. It must find no server error,
no undocumented status or content type, no response that breaks the document's
schemas, and no invalid request that is accepted.

Bounded and reproducible: Hypothesis runs derandomized, MAX_EXAMPLES per operation and
mode, no shrinking, no example database. (schemathesis.pytest.from_fixture does not run
under pytest 9, so each operation is driven with `schema[path][method].as_strategy()`.)"""
import io

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from matchmaking.api.inputs import ID_MAX
from matchmaking.api.openapi import paths

from ..events.conftest import EventFactory
from .conftest import Api

MAX_EXAMPLES = 10
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance", "negative_data_rejection", "ignored_auth")
CONFIG = {
    "checks": {"enabled": False, **{name: {"enabled": True} for name in CHECKS}},
    # Unknown query parameters are ignored by design (documented); the token is supplied below.
    "generation": {"allow-extra-parameters": False, "with-security-parameters": False},
}
#: Revoking the fuzzer's own token would turn the rest of its run into 401s; test_auth.py covers it.
SKIPPED = {("DELETE", "/auth/token")}


#: Who calls which paths (by prefix); everything else is called as the enterprise.
CALLERS = (("/programmes", "school"), ("/events/{event_id}/schedule", "bureau"))


def _operations(mode):
    """(method, path) of every operation, DELETEs last; negative mode only where there is an input to break."""
    found = []
    for path, item in paths().items():
        for method, operation in item.items():
            if (method.upper(), path) in SKIPPED:
                continue
            if mode is GenerationMode.NEGATIVE and not (operation["parameters"] or "requestBody" in operation):
                continue
            found.append((method.upper(), path))
    return sorted(found, key=lambda op: op[0] == "DELETE")


def _caller(path):
    return next((who for prefix, who in CALLERS if path.startswith(prefix)), "enterprise")


@pytest.fixture
def world(app, pair, make):
    """Real objects of every kind, and tokens of the two sides and the bureau."""
    api = Api(app)
    school, enterprise = api.as_(pair.school_user), api.as_(pair.enterprise_user)
    officer = api.as_(make.user(make.bureau()))
    draft = make.need(pair.enterprise, status="draft")
    pairing = school.post("/pairings", json={"need_id": pair.need.id, "programme_id": pair.programme.id}).get_json()
    other_need = make.need(pair.enterprise)
    accepted = school.post("/pairings", json={"need_id": other_need.id, "programme_id": pair.programme.id}).get_json()
    project_id = enterprise.post(f"/pairings/{accepted['id']}/accept").get_json()["project_id"]
    milestone = school.post(f"/projects/{project_id}/milestones", json={"title": "首批学生入厂", "due_date": "2026-03-01"})
    upload = school.post(f"/projects/{project_id}/agreement", json=None, content_type="multipart/form-data",
                         data={"agreement_file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "协议.pdf")})
    assert upload.status_code == 200
    # A scheduled event: both sides approved, a meeting placed, and a request waiting for the enterprise.
    events = EventFactory(make)
    event = events.event(status="closed")
    for organisation in (pair.school, pair.enterprise, make.school()):
        events.registration(event, organisation)
    requests = f"/events/{event.id}/meeting-requests"
    first = enterprise.post(requests, json={"target_organisation_id": pair.school.id, "priority": "must"}).get_json()
    school.post(f"{requests}/{first['id']}/accept")
    assert officer.post(f"/events/{event.id}/schedule").get_json()["counts"]["placed"] == 1
    waiting = school.post(requests, json={"target_organisation_id": pair.enterprise.id}).get_json()
    meeting = enterprise.get(f"/events/{event.id}/meetings/mine").get_json()["items"][0]
    return {
        "tokens": {"school": school.token, "enterprise": enterprise.token, "bureau": officer.token},
        "ids": {"programme_id": pair.programme.id, "need_id": draft.id, "pairing_id": pairing["id"],
                "project_id": project_id, "milestone_id": milestone.get_json()["id"], "event_id": event.id,
                "request_id": waiting["id"], "meeting_id": meeting["id"]},
    }


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_every_operation_matches_the_document(app, world, mode):
    """One world for all operations (building it is the slow part); failures are gathered and reported together."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=SchemathesisConfig.from_dict(CONFIG))
    failures = []
    for method, path in _operations(mode):
        try:
            _fuzz(schema[path][method], mode, world["tokens"][_caller(path)], world["ids"])
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 — reported below with the operation
            failures.append(f"{method} {path}: {error}")
    assert not failures, "\n\n".join(failures)


def _fuzz(operation, mode, token, real_ids):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    def check(case):
        for name, value in list((case.path_parameters or {}).items()):
            if isinstance(value, int) and 0 < value <= ID_MAX and value % 2 == 0 and name in real_ids:
                case.path_parameters[name] = real_ids[name]
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"})

    check()
