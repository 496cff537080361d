"""The schemas are the one declaration of the API's fields: their bounds are the pages' forms',
and what the API refuses is what the document says it refuses."""
import pytest
from wtforms.validators import Length, NumberRange

from matchmaking.api import routes  # noqa: F401 — records the operations
from matchmaking.api.openapi import document
from matchmaking.api.registry import OPERATIONS
from matchmaking.api.schemas.fields import form_field
from matchmaking.needs.forms import NeedForm
from matchmaking.postings.forms import DESCRIPTION_MAX, DESCRIPTION_MIN
from matchmaking.reference.models import Cluster
from matchmaking.reference.services import codes_of

from .conftest import error_of
from .test_postings import NEED


def _inputs():
    """Every request body model of the API."""
    found = {getattr(op.body, "model", op.body) for op in OPERATIONS if op.body is not None}
    return sorted((m for m in found if hasattr(m, "ignored")), key=lambda m: m.__name__)


@pytest.mark.parametrize("model", _inputs(), ids=lambda m: m.__name__)
def test_bounds_in_the_document_are_the_forms(app, model):
    with app.test_request_context("/api/v1/openapi.json"):
        properties = document()["components"]["schemas"][model.__name__]["properties"]
    for name, info in model.model_fields.items():
        field = form_field(info)
        if field is None or field.form_class is None:
            continue
        schema = properties[name]
        for validator in getattr(field.form_class, field.name).kwargs.get("validators", ()):
            if isinstance(validator, Length):
                if validator.max >= 0:
                    assert schema["maxLength"] == validator.max, name
                if validator.min > 0:
                    assert schema["minLength"] == validator.min, name
            if isinstance(validator, NumberRange):
                assert (schema["minimum"], schema["maximum"]) == (validator.min, validator.max), name


def test_the_posting_bounds_follow_the_form_constants(app):
    with app.test_request_context("/api/v1/openapi.json"):
        need = document()["components"]["schemas"]["NeedInput"]["properties"]
        clusters = codes_of(Cluster)
    assert (need["description"]["minLength"], need["description"]["maxLength"]) == (DESCRIPTION_MIN, DESCRIPTION_MAX)
    assert need["cluster"]["enum"] == clusters
    assert (need["skills"]["minItems"], need["skills"]["maxItems"], need["skills"]["items"]["maxLength"]) == (3, 10, 30)
    headcount = next(v for v in NeedForm.headcount.kwargs["validators"] if isinstance(v, NumberRange))
    assert need["headcount"]["maximum"] == headcount.max


def test_every_operation_documents_its_routed_path_parameters():
    for op in OPERATIONS:
        assert all("{" + name + "}" in op.path for name in op.path_params), op.path


@pytest.mark.parametrize("field, value", [("title", "很" * 121), ("skills", ["a", "b", "c" * 31]),
                                          ("skills", ["a", "b"]), ("headcount", 100001)])
def test_values_outside_the_documented_bounds_answer_422(enterprise, field, value):
    assert list(error_of(enterprise.post("/needs", json={**NEED, field: value}), 422)["fields"]) == [field]


def test_a_title_over_the_limit_is_refused_even_when_stripping_would_shorten_it(enterprise):
    """The document says maxLength 120 of the text sent; the form alone would strip first and accept."""
    error_of(enterprise.post("/needs", json={**NEED, "title": "电" * 120 + " "}), 422)


def test_the_forms_messages_win(enterprise):
    error = error_of(enterprise.post("/needs", json={**NEED, "description": "太短"}), 422)
    assert "详细介绍" in error["fields"]["description"]
