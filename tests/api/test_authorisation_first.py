"""Authorisation comes before validation: a caller who may not perform an operation gets 403
(or 404 where the object is not theirs to see), whatever the body holds — never 400 or 422."""
import io

import pytest

from ..certification.conftest import Chain
from ..events.conftest import EventFactory
from .conftest import error_of
from .test_certifications import application
from .test_postings import NEED, PROGRAMME

#: Bodies broken in every way the API tells apart: not JSON, not an object, unknown field, wrong types, out of range.
BROKEN = [b"{", b"[1, 2]", {"no_such_field": 1}, {"title": 12, "reason": 5, "summary": 5, "attendees": 5, "to": 5},
          {"headcount": -1, "capacity": 0, "title": "x", "target_organisation_id": 0}]


def _send(caller, method, path, body):
    if isinstance(body, bytes):
        return caller.request(method, path, data=body, headers={"Content-Type": "application/json"})
    return caller.request(method, path, json=body)


@pytest.fixture
def project_id(pair, school, enterprise):
    pairing = enterprise.post("/pairings", json={"need_id": pair.need.id, "programme_id": pair.programme.id}).get_json()
    return school.post(f"/pairings/{pairing['id']}/accept").get_json()["project_id"]


@pytest.fixture
def event(make, pair):
    """An open event where the pair's school and enterprise are approved."""
    events = EventFactory(make)
    found = events.event()
    events.registration(found, pair.school)
    events.registration(found, pair.enterprise)
    return found


@pytest.mark.parametrize("body", BROKEN + [NEED])
def test_creating_a_posting_of_the_other_kind_is_403(api, pair, make, body):
    for user, kind in ((pair.school_user, "needs"), (pair.enterprise_user, "programmes"),
                       (make.user(make.bureau()), "needs")):
        error_of(_send(api.as_(user), "POST", f"/{kind}", body if body is not NEED else
                       (NEED if kind == "needs" else PROGRAMME)), 403)


@pytest.mark.parametrize("body", BROKEN)
def test_editing_someone_elses_posting_is_404(api, pair, school, body):
    error_of(_send(school, "PATCH", f"/needs/{pair.need.id}", body), 404)


@pytest.mark.parametrize("body", BROKEN)
def test_proposing_is_refused_to_the_bureau_and_unverified_organisations(api, make, officer, body):
    error_of(_send(officer, "POST", "/pairings", body), 403)
    pending = api.as_(make.user(make.enterprise(status="pending")))
    error_of(_send(pending, "POST", "/pairings", body), 403)


@pytest.mark.parametrize("body", BROKEN)
def test_only_the_invited_side_declines(pair, school, enterprise, body):
    pairing_id = enterprise.post("/pairings", json={"need_id": pair.need.id, "programme_id": pair.programme.id}
                                 ).get_json()["id"]
    error_of(_send(enterprise, "POST", f"/pairings/{pairing_id}/decline", body), 403)


@pytest.mark.parametrize("body", [{"to": "signed", "agreement_date": 5}, {"to": "implementing", "extra": 1},
                                  {"to": "nonsense"}, {}])
def test_the_bureau_may_only_terminate_a_project(officer, project_id, body):
    error_of(officer.post(f"/projects/{project_id}/transition", json=body), 403)


@pytest.mark.parametrize("body", BROKEN)
def test_project_writes_are_the_parties(officer, stranger, enterprise, project_id, body):
    base = f"/projects/{project_id}"
    error_of(_send(officer, "POST", f"{base}/milestones", body), 403)
    error_of(_send(officer, "POST", f"{base}/summary", body), 403)
    error_of(_send(enterprise, "POST", f"{base}/summary", body), 403)  # the school's summary
    for path in ("/milestones", "/summary", "/follow-ups", "/transition"):
        error_of(_send(stranger, "POST", base + path, body), 404)  # not theirs to see


def test_uploading_an_agreement_is_the_parties(officer, project_id):
    url = f"/projects/{project_id}/agreement"
    error_of(officer.post(url, json=None, content_type="multipart/form-data", data={}), 403)
    error_of(officer.post(url, json=None, content_type="multipart/form-data",
                          data={"agreement_file": (io.BytesIO(b"not a pdf"), "x.exe")}), 403)


@pytest.mark.parametrize("body", BROKEN)
def test_registering_is_for_verified_schools_and_enterprises(api, make, officer, event, body):
    url = f"/events/{event.id}/registrations"
    error_of(_send(officer, "POST", url, body), 403)
    pending = api.as_(make.user(make.school(status="pending")))
    error_of(_send(pending, "POST", url, body), 403)
    error_of(_send(officer, "PATCH", f"{url}/mine", body), 403)


@pytest.mark.parametrize("body", BROKEN)
def test_meeting_requests_and_outcomes_are_for_approved_participants(api, make, officer, event, body):
    outsider = api.as_(make.user(make.school()))  # verified, but not registered
    for caller in (outsider, officer):
        error_of(_send(caller, "POST", f"/events/{event.id}/meeting-requests", body), 403)
        error_of(_send(caller, "POST", f"/events/{event.id}/meetings/1/outcome", body), 403)


@pytest.fixture
def chain(make):
    return Chain(make)


@pytest.fixture
def certification_id(api, chain):
    response = api.as_(chain.applicant).post("/certifications", json=application())
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


@pytest.mark.parametrize("body", BROKEN)
def test_applying_for_certification_is_for_verified_enterprises(api, make, chain, body):
    pending = make.user(make.enterprise(status="pending"))
    for user in (chain.school_user, chain.bureau, chain.ndrc, pending):
        error_of(_send(api.as_(user), "POST", "/certifications", body), 403)


@pytest.mark.parametrize("body", BROKEN + [{"decision": "return"}])
def test_deciding_is_for_the_reviewer_whose_turn_it_is(api, chain, certification_id, body):
    url = f"/certifications/{certification_id}/decisions"
    for user in (chain.ndrc, chain.education, chain.applicant, chain.bureau):  # out of turn, or no reviewer at all
        error_of(_send(api.as_(user), "POST", url, body), 403)
    for user in (chain.finance, chain.other_district, chain.other_applicant):  # outside the chain
        error_of(_send(api.as_(user), "POST", url, body), 404)
