"""Form building blocks shared across domains."""
import re

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

#: Largest id a database integer column holds (PostgreSQL INTEGER).
ID_MAX = 2**31 - 1


def parse_id(text):
    """A database id typed by a user ("17"), or None for anything else ("²", "1e3", 20 digits)."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 1 <= value <= ID_MAX else None

_LIST_SEPARATORS = re.compile(r"[,，、;；\n\r]+")


def split_list(text):
    """Split a free-text list typed with Chinese or Latin separators, dropping blanks and repeats."""
    items = [item.strip() for item in _LIST_SEPARATORS.split(text or "")]
    return list(dict.fromkeys(item for item in items if item))


class ListField(TextAreaField):
    """A list of short strings typed one per line or separated by 、，; data is a list."""

    def _value(self):
        if isinstance(self.data, list):
            return "、".join(self.data)
        return self.data or ""

    def process_formdata(self, valuelist):
        self.data = split_list(valuelist[0]) if valuelist else []


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StrippedStringField(StringField):
    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = self.data.strip()


def list_length(min_items, max_items, max_chars=30):
    """Validator: between min and max items, each at most `max_chars` characters."""

    def _check(form, field):
        items = field.data or []
        if len(items) < min_items or len(items) > max_items:
            raise ValidationError(_l("请填写 %(min)s 到 %(max)s 项。", min=min_items, max=max_items))
        for item in items:
            if len(item) > max_chars:
                raise ValidationError(_l("每项不超过 %(n)s 个字符。", n=max_chars))

    return _check


def options(pairs):
    """Select choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]
