"""Reading and validating the exchange format (data/FORMAT.md) into documents.

Every problem is reported as one DataError naming the file and line, so the command
line can print a single clear line and exit 2 before writing anything. Codes are
checked against matchmaking.referencedata (callers may pass other code lists).
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from matchmaking import referencedata as ref

from .documents import NeedDoc, ProgrammeDoc


class DataError(ValueError):
    """Bad input: ``str(err)`` is "file:line: message"."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class Codes:
    """The code lists a reader accepts (defaults: matchmaking.referencedata)."""

    def __init__(self, clusters=None, levels=None, kinds=None, modes=None, districts=None):
        self.clusters = set(clusters or ref.codes(ref.CLUSTERS))
        self.levels = set(levels or ref.codes(ref.LEVELS))
        self.kinds = set(kinds or ref.codes(ref.NEED_KINDS))
        self.modes = set(modes or ref.codes(ref.MODES))
        self.districts = set(districts or ref.DISTRICT_NAMES)


def _records(path: Path):
    """(line number, dict) for each non-blank line; DataError on unreadable input."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, None, "file not found")
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                raise DataError(path, number, "not valid UTF-8") from None
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as err:
                raise DataError(path, number, f"broken JSON ({err.msg}, column {err.colno})") from None
            if not isinstance(record, dict):
                raise DataError(path, number, "each line must be one JSON object")
            yield number, record


def _text(record, name, path, number) -> str:
    value = record.get(name)
    if not isinstance(value, str):
        raise DataError(path, number, f"field '{name}' must be a string")
    if not value.strip():
        raise DataError(path, number, f"empty text in field '{name}'")
    return value.strip()


def _code(record, name, allowed, path, number) -> str:
    value = _text(record, name, path, number)
    if value not in allowed:
        raise DataError(path, number, f"unknown {name} code '{value}'")
    return value


def _strings(record, name, path, number, allowed=None) -> list[str]:
    value = record.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(path, number, f"field '{name}' must be a list of non-empty strings")
    if allowed is not None:
        for v in value:
            if v not in allowed:
                raise DataError(path, number, f"unknown {name[:-1] if name.endswith('s') else name} code '{v}'")
    return [v.strip() for v in value]


def _count(record, name, path, number) -> int:
    value = record.get(name, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DataError(path, number, f"field '{name}' must be a non-negative integer")
    return value


def _identifier(record, path, number, seen) -> str:
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, number, "field 'id' must be a non-empty string")
    if value in seen:
        raise DataError(path, number, f"duplicate id '{value}' (first on line {seen[value]})")
    seen[value] = number
    return value


def _programme(r, path, number, codes: Codes, seen) -> ProgrammeDoc:
    return ProgrammeDoc(
        id=_identifier(r, path, number, seen),
        title=_text(r, "title", path, number),
        cluster=_code(r, "cluster", codes.clusters, path, number),
        level=_code(r, "level", codes.levels, path, number),
        district=_code(r, "district", codes.districts, path, number),
        description=_text(r, "description", path, number),
        skills=_strings(r, "skills", path, number),
        modes=_strings(r, "modes", path, number, codes.modes),
        capacity=_count(r, "capacity", path, number),
    )


def _need(r, path, number, codes: Codes, seen) -> NeedDoc:
    return NeedDoc(
        id=_identifier(r, path, number, seen),
        title=_text(r, "title", path, number),
        cluster=_code(r, "cluster", codes.clusters, path, number),
        kind=_code(r, "kind", codes.kinds, path, number),
        level=_code(r, "level", codes.levels, path, number),
        district=_code(r, "district", codes.districts, path, number),
        description=_text(r, "description", path, number),
        skills=_strings(r, "skills", path, number),
        headcount=_count(r, "headcount", path, number),
    )


def _read(path, codes: Codes | None, build, owner: str | None):
    """(document, owner name or None) per line; the owner field is required when named."""
    codes = codes or Codes()
    seen: dict[str, int] = {}
    return [(build(r, path, number, codes, seen), _text(r, owner, path, number) if owner else None)
            for number, r in _records(path)]


def read_programmes(path, codes: Codes | None = None) -> list[ProgrammeDoc]:
    """programmes.jsonl → ProgrammeDoc list, in file order."""
    return [doc for doc, _ in _read(path, codes, _programme, None)]


def read_needs(path, codes: Codes | None = None) -> list[NeedDoc]:
    """needs.jsonl → NeedDoc list, in file order."""
    return [doc for doc, _ in _read(path, codes, _need, None)]


def read_programme_records(path, codes: Codes | None = None) -> list[dict]:
    """programmes.jsonl → FORMAT.md records (dicts with the ``school`` name), for imports."""
    return [{**asdict(doc), "school": school} for doc, school in _read(path, codes, _programme, "school")]


def read_need_records(path, codes: Codes | None = None) -> list[dict]:
    """needs.jsonl → FORMAT.md records (dicts with the ``enterprise`` name), for imports."""
    return [{**asdict(doc), "enterprise": name} for doc, name in _read(path, codes, _need, "enterprise")]


def read_qrels(path, need_ids=None, programme_ids=None) -> dict[str, dict[str, int]]:
    """qrels.tsv → {need id: {programme id: grade}}; ids checked when lists are given."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, None, "file not found")
    qrels: dict[str, dict[str, int]] = {}
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            cells = line.rstrip("\r\n").split("\t")
            if number == 1 and cells[:3] == ["need_id", "programme_id", "grade"]:
                continue
            if len(cells) != 3:
                raise DataError(path, number, "expected 3 tab-separated fields: need_id, programme_id, grade")
            need, programme, grade = (c.strip() for c in cells)
            if not grade.isdigit() or int(grade) > 3:
                raise DataError(path, number, f"grade must be 0–3, got '{grade}'")
            if need_ids is not None and need not in need_ids:
                raise DataError(path, number, f"unknown need id '{need}'")
            if programme_ids is not None and programme not in programme_ids:
                raise DataError(path, number, f"unknown programme id '{programme}'")
            qrels.setdefault(need, {})[programme] = int(grade)
    return qrels
