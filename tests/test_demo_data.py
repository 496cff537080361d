"""Consistency checks for the demo data in matchmaking/demo/data (no Flask app needed)."""

import datetime
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from matchmaking.core.timeutil import local_today

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # pragma: no cover - depends on how pytest is started
    sys.path.insert(0, str(ROOT))

from matchmaking import referencedata as ref  # noqa: E402

DATA = ROOT / "matchmaking" / "demo" / "data"

CLUSTERS = set(ref.codes(ref.CLUSTERS))
LEVELS = set(ref.codes(ref.LEVELS))
MODES = set(ref.codes(ref.MODES))
KINDS = set(ref.codes(ref.NEED_KINDS))
DISTRICT_CODES = {row[0]: row[2] for row in ref.DISTRICTS}

SCHOOL_TYPES = {"university", "higher_vocational", "secondary_vocational", "training_provider"}
CERTIFICATIONS = {"none", "municipal", "provincial"}
#: Which programme levels each school type may offer.
TYPE_LEVELS = {
    "university": {"undergraduate", "postgraduate", "vocational_training"},
    "higher_vocational": {"higher_vocational", "vocational_training"},
    "secondary_vocational": {"secondary_vocational", "vocational_training"},
    "training_provider": {"vocational_training"},
}

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
SCHOOL_CODE_RE = re.compile(r"^4151\d{6}$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.example\.cn$")

DEMO_SCHOOL = "宜宾三江职业技术学院"
DEMO_ENTERPRISE = "宜宾锂源动力电池有限公司"

ORG_FIELDS = {
    "name": str, "kind": str, "code": str, "district": str, "address": str, "contact_name": str,
    "contact_phone": str, "email": str, "website": str, "intro": str,
}
SCHOOL_FIELDS = {"school_type": str}
ENTERPRISE_FIELDS = {"cluster": str, "above_scale": bool, "state_owned": bool, "certification": str}
PROGRAMME_FIELDS = {
    "id": str, "school": str, "title": str, "cluster": str, "level": str, "district": str,
    "description": str, "skills": list, "capacity": int, "modes": list,
}
NEED_FIELDS = {
    "id": str, "enterprise": str, "title": str, "cluster": str, "kind": str, "level": str,
    "district": str, "description": str, "skills": list, "headcount": int,
}

# --- GB 32100-2015 统一社会信用代码 -------------------------------------------------

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code_valid(code):
    """True if code is an 18-character unified social credit code with a correct check character."""
    if not isinstance(code, str) or len(code) != 18:
        return False
    if any(ch not in CREDIT_ALPHABET for ch in code):
        return False
    total = sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(code[:17], CREDIT_WEIGHTS))
    check = 31 - total % 31
    return CREDIT_ALPHABET[0 if check == 31 else check] == code[17]


# --- loading ----------------------------------------------------------------------


def _load(name):
    rows = []
    with open(DATA / name, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            assert line.strip(), f"{name}:{lineno}: blank line"
            row = json.loads(line)
            assert isinstance(row, dict), f"{name}:{lineno}: not an object"
            rows.append(row)
    return rows


@pytest.fixture(scope="module")
def orgs():
    return _load("organisations.jsonl")


@pytest.fixture(scope="module")
def programmes():
    return _load("programmes.jsonl")


@pytest.fixture(scope="module")
def needs():
    return _load("needs.jsonl")


@pytest.fixture(scope="module")
def by_name(orgs):
    return {o["name"]: o for o in orgs}


def _check_types(row, fields, where):
    for field, typ in fields.items():
        assert field in row, f"{where}: missing {field}"
        value = row[field]
        if typ is int:
            assert isinstance(value, int) and not isinstance(value, bool), f"{where}: {field} not int"
        else:
            assert isinstance(value, typ), f"{where}: {field} not {typ.__name__}"
        if typ is str and field != "website":
            assert value.strip(), f"{where}: {field} empty"


# --- the check-character function itself ------------------------------------------


def test_credit_code_check_function():
    assert credit_code_valid("91350100M000100Y43")  # the standard's published example
    assert not credit_code_valid("91350100M000100Y44")
    assert not credit_code_valid("91350100M000100Y4")
    assert not credit_code_valid("91350100M000100YI3")  # I is not in the alphabet


# --- organisations ----------------------------------------------------------------


def test_files_are_utf8_json_lines():
    for name in ("organisations.jsonl", "programmes.jsonl", "needs.jsonl"):
        text = (DATA / name).read_bytes().decode("utf-8")
        assert text.endswith("\n")
        assert "\\u" not in text, f"{name}: written with ensure_ascii"


def test_organisation_fields(orgs):
    for o in orgs:
        where = o.get("name", "?")
        _check_types(o, ORG_FIELDS, where)
        assert o["kind"] in {"school", "enterprise"}
        assert o["district"] in DISTRICT_CODES, where
        assert PHONE_RE.match(o["contact_phone"]), where
        assert EMAIL_RE.match(o["email"]), where
        assert o["website"] == "" or o["website"].startswith("https://"), where
        assert 60 <= len(o["intro"]) <= 200, f"{where}: intro length {len(o['intro'])}"
        assert o["district"] in o["address"], where
        extra = SCHOOL_FIELDS if o["kind"] == "school" else ENTERPRISE_FIELDS
        _check_types(o, extra, where)
        expected = set(ORG_FIELDS) | set(extra)
        if o["kind"] == "enterprise":
            expected.add("certified_on")
        assert set(o) == expected, f"{where}: fields {sorted(set(o) ^ expected)}"


def test_organisation_names_unique(orgs):
    names = [o["name"] for o in orgs]
    assert len(names) == len(set(names))


def test_demo_logins_first(orgs):
    assert orgs[0]["name"] == DEMO_SCHOOL and orgs[0]["kind"] == "school"
    assert orgs[0]["district"] == "翠屏区"
    assert orgs[1]["name"] == DEMO_ENTERPRISE and orgs[1]["kind"] == "enterprise"
    # In 翠屏区, so the demo district login (cuiping@) checks its certification application first;
    # not certified yet, so the demo walk can start with its application.
    assert orgs[1]["district"] == "翠屏区" and orgs[1]["cluster"] == "power_battery"
    assert orgs[1]["certification"] == "none"


def test_schools(orgs):
    schools = [o for o in orgs if o["kind"] == "school"]
    assert len(schools) >= 14
    assert {s["school_type"] for s in schools} == SCHOOL_TYPES
    codes = [s["code"] for s in schools]
    assert all(SCHOOL_CODE_RE.match(c) for c in codes)
    assert len(codes) == len(set(codes))


def test_enterprises(orgs):
    ents = [o for o in orgs if o["kind"] == "enterprise"]
    assert len(ents) >= 32
    codes = [e["code"] for e in ents]
    assert len(codes) == len(set(codes))
    assert len({c[8:17] for c in codes}) == len(codes)
    for e in ents:
        where = e["name"]
        assert e["cluster"] in CLUSTERS, where
        code = e["code"]
        assert credit_code_valid(code), f"{where}: bad credit code {code}"
        assert code[:2] == "91", where
        assert code[2:8] == DISTRICT_CODES[e["district"]], where
        assert e["certification"] in CERTIFICATIONS, where
        if e["certification"] == "none":
            assert e["certified_on"] is None, where
        else:
            day = datetime.date.fromisoformat(e["certified_on"])
            assert datetime.date(2019, 1, 1) <= day <= local_today(), where
    per_cluster = Counter(e["cluster"] for e in ents)
    assert all(per_cluster[c] >= 4 for c in CLUSTERS), per_cluster
    above = sum(e["above_scale"] for e in ents) / len(ents)
    assert 0.5 <= above <= 0.75
    assert sum(e["state_owned"] for e in ents) >= 6
    certs = Counter(e["certification"] for e in ents)
    assert certs["municipal"] >= 5 and certs["provincial"] >= 3


def test_every_district_has_an_organisation(orgs):
    assert {o["district"] for o in orgs} == set(DISTRICT_CODES)


def test_contact_phones_unique(orgs):
    phones = [o["contact_phone"] for o in orgs]
    assert len(phones) == len(set(phones))


# --- programmes and needs: shared rules -------------------------------------------


def _check_posting(row, fields, where):
    _check_types(row, fields, where)
    assert set(row) == set(fields), f"{where}: fields {sorted(set(row) ^ set(fields))}"
    assert row["cluster"] in CLUSTERS, where
    assert row["level"] in LEVELS, where
    assert row["district"] in DISTRICT_CODES, where
    assert 60 <= len(row["description"]) <= 400, f"{where}: description length"
    skills = row["skills"]
    assert 3 <= len(skills) <= 10, f"{where}: {len(skills)} skills"
    assert all(isinstance(s, str) and s.strip() for s in skills), where
    assert len(skills) == len(set(skills)), f"{where}: duplicate skills"


def test_programmes(programmes, by_name):
    assert len(programmes) >= 64
    ids = [p["id"] for p in programmes]
    assert len(ids) == len(set(ids))
    for p in programmes:
        where = p.get("id", "?")
        _check_posting(p, PROGRAMME_FIELDS, where)
        assert re.fullmatch(r"P\d{3}", p["id"]), where
        school = by_name.get(p["school"])
        assert school is not None and school["kind"] == "school", f"{where}: unknown school"
        assert p["district"] == school["district"], where
        assert p["level"] in TYPE_LEVELS[school["school_type"]], f"{where}: level unfit for school type"
        assert p["capacity"] > 0, where
        modes = p["modes"]
        assert modes and set(modes) <= MODES and len(modes) == len(set(modes)), where


def test_programme_coverage(programmes):
    clusters = Counter(p["cluster"] for p in programmes)
    levels = Counter(p["level"] for p in programmes)
    modes = Counter(m for p in programmes for m in p["modes"])
    assert all(clusters[c] >= 8 for c in CLUSTERS), clusters
    assert all(levels[lv] >= 6 for lv in LEVELS), levels
    assert all(modes[m] >= 8 for m in MODES), modes
    demo = [p for p in programmes if p["school"] == DEMO_SCHOOL]
    assert len(demo) >= 5
    assert {"power_battery", "smart_terminal", "advanced_equipment", "digital_economy"} <= {
        p["cluster"] for p in demo
    }


def test_needs(needs, by_name):
    assert len(needs) >= 130
    ids = [n["id"] for n in needs]
    assert len(ids) == len(set(ids))
    for n in needs:
        where = n.get("id", "?")
        _check_posting(n, NEED_FIELDS, where)
        assert re.fullmatch(r"N\d{3}", n["id"]), where
        ent = by_name.get(n["enterprise"])
        assert ent is not None and ent["kind"] == "enterprise", f"{where}: unknown enterprise"
        assert n["kind"] in KINDS, where
        if n["kind"] == "joint_rd":
            assert n["headcount"] == 0, where
        else:
            assert n["headcount"] > 0, where


def test_need_coverage(needs, by_name):
    clusters = Counter(n["cluster"] for n in needs)
    kinds = Counter(n["kind"] for n in needs)
    assert all(clusters[c] >= 12 for c in CLUSTERS), clusters
    assert all(kinds[k] >= 12 for k in KINDS), kinds
    cross = [n for n in needs if n["cluster"] != by_name[n["enterprise"]]["cluster"]]
    assert len(cross) >= 4
    home = sum(n["district"] == by_name[n["enterprise"]]["district"] for n in needs)
    assert home >= 0.9 * len(needs)
    demo = [n for n in needs if n["enterprise"] == DEMO_ENTERPRISE]
    assert len(demo) >= 6
    assert len({n["kind"] for n in demo}) >= 4


def test_every_organisation_posts_something(orgs, programmes, needs):
    posters = {p["school"] for p in programmes} | {n["enterprise"] for n in needs}
    assert posters == {o["name"] for o in orgs}
