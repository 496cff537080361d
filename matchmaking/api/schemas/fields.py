"""The building blocks of the API's schemas: value types, bounds read from the pages' forms,
reference codes, and the two base classes (Input, Output).

A field's bounds are read from the WTForms field the pages validate with (Length,
NumberRange, list_length, static choices), so the document, the API's own checks and
the pages cannot drift apart. Reference codes (clusters, levels …) are the rows of the
reference tables when the document is generated."""
import inspect
from datetime import date, datetime
from typing import Annotated, ClassVar, Literal

from flask import has_app_context
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ...core.forms import ID_MAX
from ...core.i18n import N_
from ...core.timeutil import LOCAL_TZ
from ...reference.services import codes_of


def _storable(text):
    """Text the database can hold: no NUL (lone surrogates are refused by the str type itself)."""
    if "\x00" in text:
        raise PydanticCustomError("unstorable", "unstorable text")
    return text


def _an_id(value):
    if not 1 <= value <= ID_MAX:
        raise PydanticCustomError("id_range", "not an id")
    return value


# Input values: strict JSON types (the JSON reader already turned 7.0 into 7, as JSON Schema counts).
Text = Annotated[str, Strict(), AfterValidator(_storable)]
Integer = Annotated[int, Strict()]
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": ID_MAX}
Id = Annotated[int, Strict(), AfterValidator(_an_id), WithJsonSchema(ID_SCHEMA)]
DateText = Annotated[Text, WithJsonSchema({"type": "string", "format": "date"})]

# Output values: what the serializers hand over, rendered as the API has always written them
# (event dates and times are wall-clock times in Yibin, LOCAL_TZ).
Timestamp = Annotated[datetime, PlainSerializer(lambda v: v.replace(microsecond=0).isoformat() + "Z", return_type=str),
                      WithJsonSchema({"type": "string", "format": "date-time"})]
Day = Annotated[date, PlainSerializer(lambda v: v.isoformat(), return_type=str),
                WithJsonSchema({"type": "string", "format": "date"})]
LocalTime = Annotated[datetime, PlainSerializer(lambda v: v.replace(microsecond=0, tzinfo=LOCAL_TZ).isoformat(),
                                                return_type=str),
                      WithJsonSchema({"type": "string", "format": "date-time",
                                      "description": N_("宜宾当地时间，带时区偏移（+08:00）。")})]
HHMM = Annotated[str, WithJsonSchema({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$",
                                      "description": N_("宜宾当地时间（Asia/Shanghai）。")})]
Count = Annotated[int, Field(ge=0)]
#: A figure as it was computed: 50 stays 50 and 0.5 stays 0.5.
Number = Annotated[int | float, WithJsonSchema({"type": "number"})]


def one_of(values):
    """A string restricted to `values` (a tuple or the keys of a labels dict)."""
    return Literal[tuple(values)]


class Codes:
    """Annotation: a code of a reference table; the document lists the table's codes at generation time.

    The API checks the code through the pages' form (its choices are the same table), so a
    retired code is refused with the form's message."""

    def __init__(self, model):
        self.model = model

    def __get_pydantic_json_schema__(self, core_schema, handler):
        schema = handler(core_schema)
        return {**schema, "enum": codes_of(self.model)} if has_app_context() else schema


class FormField:
    """Annotation: the pages' form field that checks this API field (its name in the form, and the
    form class when the field's bounds were read from it)."""

    def __init__(self, name, form_class=None):
        self.name = name
        self.form_class = form_class

    def message(self, kind):
        """The form's own message for a violated bound: kind is "required", "length" or "range"."""
        if self.form_class is None:
            return None
        wanted = {"required": (DataRequired, InputRequired), "length": (Length,), "range": (NumberRange,)}[kind]
        for validator in _validators(self.form_class, self.name):
            if isinstance(validator, wanted) and getattr(validator, "message", None):
                return validator.message
        return None


def _validators(form_class, name):
    return getattr(form_class, name).kwargs.get("validators", ())


def _list_length(validator):
    """(min items, max items, max characters) of a core.forms.list_length validator, else None."""
    if getattr(validator, "__qualname__", "").startswith("list_length."):
        found = inspect.getclosurevars(validator).nonlocals
        return found["min_items"], found["max_items"], found["max_chars"]
    return None


def bounds(form_class, name):
    """The pydantic constraints of a form field's validators: lengths, ranges and item counts."""
    found = {}
    for validator in _validators(form_class, name):
        if isinstance(validator, Length):
            if validator.min > 0:
                found["min_length"] = validator.min
            if validator.max >= 0:
                found["max_length"] = validator.max
        elif isinstance(validator, NumberRange):
            if validator.min is not None:
                found["ge"] = validator.min
            if validator.max is not None:
                found["le"] = validator.max
        elif isinstance(validator, DataRequired | InputRequired):
            found["required"] = True
        elif (counts := _list_length(validator)) is not None:
            found["min_length"], found["max_length"], found["item_max_length"] = counts
    return found


def choices_of(form_class, name):
    """The static choice values of a form's select or radio field."""
    return tuple(choice.value for choice in getattr(form_class, name).kwargs["choices"])


def from_form(form_class, name, kind=Text, *, codes=None, description=None, optional=False):
    """An API field checked by `form_class.name`, carrying that field's bounds.

    kind is Text, Integer, DateText or list (a list of Text); codes a reference table for the
    document's enum. A required text field is at least one character long unless `optional`
    (the field is only needed for some values of another). A default is assigned on the model."""
    limits = bounds(form_class, name)
    required = limits.pop("required", False)
    item_max = limits.pop("item_max_length", None)
    if kind is list:
        kind = list[Annotated[Text, Field(max_length=item_max)] if item_max else Text]
    elif kind is Text and required and not optional:
        limits.setdefault("min_length", 1)
    extra = [Codes(codes)] if codes is not None else []
    return Annotated[(kind, Field(description=description, **limits), FormField(name, form_class), *extra)]


def is_id(field_info):
    """Whether a model field holds a database id (the Id type)."""
    return any(getattr(m, "func", None) is _an_id for m in field_info.metadata)


def form_field(field_info):
    """The FormField recorded on a model field, or None."""
    return next((m for m in field_info.metadata if isinstance(m, FormField)), None)


def form_name(field_info, api_name):
    """The form field name recorded on a model field (the API name when it has none)."""
    found = form_field(field_info)
    return found.name if found else api_name


class Input(BaseModel):
    """A request body: unknown fields are refused; `ignored` names (read-only fields a
    client may send back from a GET) are dropped before checking."""

    model_config = ConfigDict(extra="forbid", strict=True)
    #: Names accepted and dropped silently.
    ignored: ClassVar[tuple] = ()


class Output(BaseModel):
    """A response body. Every field is always present unless it has a default (detail-only fields)."""

    model_config = ConfigDict(extra="forbid")

    def dump(self):
        return self.model_dump(mode="json", exclude_unset=True)

