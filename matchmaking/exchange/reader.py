"""Read and validate exchange-format JSON Lines (data/FORMAT.md). Pure Python.

Every problem is reported as `file:line: message` and nothing is returned until the
whole file is valid, so an import is all or nothing."""
import json
from pathlib import Path

from .. import referencedata as rd


class DataError(ValueError):
    """A file is missing or a line breaks the format; str() names the file and line."""


def _is_text(value):
    return isinstance(value, str) and value.strip() != ""


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_list(value, allowed=None):
    if not isinstance(value, list) or not value or not all(_is_text(item) for item in value):
        return False
    return allowed is None or all(item in allowed for item in value)


PROGRAMME_FIELDS = {
    "id": _is_text,
    "school": _is_text,
    "title": _is_text,
    "cluster": lambda v: v in rd.codes(rd.CLUSTERS),
    "level": lambda v: v in rd.codes(rd.LEVELS),
    "district": lambda v: v in rd.DISTRICT_NAMES,
    "description": _is_text,
    "skills": _check_list,
    "capacity": _is_int,
    "modes": lambda v: _check_list(v, set(rd.codes(rd.MODES))),
}

NEED_FIELDS = {
    "id": _is_text,
    "enterprise": _is_text,
    "title": _is_text,
    "cluster": lambda v: v in rd.codes(rd.CLUSTERS),
    "kind": lambda v: v in rd.codes(rd.NEED_KINDS),
    "level": lambda v: v in rd.codes(rd.LEVELS),
    "district": lambda v: v in rd.DISTRICT_NAMES,
    "description": _is_text,
    "skills": _check_list,
    "headcount": _is_int,
}


def read_jsonl(path, fields):
    """Validated records of one file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    records, seen = [], set()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"{path}:{number}: broken JSON ({error.msg})") from None
        if not isinstance(record, dict):
            raise DataError(f"{path}:{number}: a line must be a JSON object")
        for name, valid in fields.items():
            if name not in record:
                raise DataError(f"{path}:{number}: missing field '{name}'")
            if not valid(record[name]):
                raise DataError(f"{path}:{number}: invalid value for '{name}': {str(record[name])[:60]!r}")
        if record["id"] in seen:
            raise DataError(f"{path}:{number}: duplicate id {record['id']!r}")
        seen.add(record["id"])
        records.append({name: record[name] for name in fields})
    return records


def read_directory(directory):
    """(programmes, needs) from DIR/programmes.jsonl and DIR/needs.jsonl."""
    directory = Path(directory)
    return (
        read_jsonl(directory / "programmes.jsonl", PROGRAMME_FIELDS),
        read_jsonl(directory / "needs.jsonl", NEED_FIELDS),
    )
