"""The English catalogue is complete, keeps its placeholders, and is compiled."""
import re
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "matchmaking" / "translations"
POT = TRANSLATIONS / "messages.pot"
PO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
MO = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo"

PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")
CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _brace_fields(text):
    """The str.format fields of `text` ("{terms}", "{0!r}" ...), or None if it is not a valid format string."""
    try:
        parsed = list(Formatter().parse(text))
    except ValueError:
        return None
    return {
        "{" + name + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}"
        for _, name, spec, conv in parsed
        if name is not None
    }


def _load(path):
    with open(path, "rb") as f:
        return read_po(f)


def _forms(value):
    """A message id or string as a tuple of its forms (plural messages have several)."""
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


@pytest.fixture(scope="module")
def pot():
    return _load(POT)


@pytest.fixture(scope="module")
def po():
    return _load(PO)


def _messages(catalog):
    return [m for m in catalog if m.id]


def test_every_template_message_is_translated(pot, po):
    missing, untranslated = [], []
    for message in _messages(pot):
        translated = po.get(message.id, context=message.context)
        if translated is None:
            missing.append(message.id)
        elif not all(form and form.strip() for form in _forms(translated.string)):
            untranslated.append(message.id)
    assert not missing, f"not in the .po (run pybabel update): {missing}"
    assert not untranslated, f"empty msgstr: {untranslated}"


def test_no_fuzzy_or_obsolete_entries(po):
    assert not [m.id for m in _messages(po) if m.fuzzy]
    assert not po.obsolete


def test_placeholders_are_kept(po):
    wrong = []
    for message in _messages(po):
        expected = {p for form in _forms(message.id) for p in PLACEHOLDER.findall(form)}
        for form in _forms(message.string):
            if set(PLACEHOLDER.findall(form)) != expected:
                wrong.append((message.id, form))
    assert not wrong


def test_brace_fields_are_kept(po):
    """Messages formatted with str.format ({terms}, {mode}) keep exactly their fields."""
    wrong = []
    for message in _messages(po):
        ids = _forms(message.id)
        expected = set()
        for form in ids:
            expected |= _brace_fields(form) or set()
        if not expected and "python-brace-format" not in message.flags:
            continue
        for form in _forms(message.string):
            if _brace_fields(form) != expected:
                wrong.append((message.id, form))
    assert not wrong


def test_english_has_no_cjk(po):
    assert not [
        (m.id, form) for m in _messages(po) for form in _forms(m.string) if CJK.search(form)
    ]


def test_mo_matches_po(po):
    with open(MO, "rb") as f:
        mo = read_mo(f)
    stale = []
    for message in _messages(po):
        compiled = mo.get(message.id, context=message.context)
        if compiled is None or _forms(compiled.string) != _forms(message.string):
            stale.append(message.id)
    assert not stale, f"messages.mo is out of date (run pybabel compile): {stale}"
