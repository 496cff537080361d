"""Read exchange-format directories (data/FORMAT.md) for imports.

One reader serves the whole platform: the recommender's ``dataio`` validates every line
and reports problems as `file:line: message`; nothing is returned until both files are
valid, so an import is all or nothing."""
from pathlib import Path

from ..recommender.dataio import DataError, read_need_records, read_programme_records

__all__ = ["DataError", "read_directory"]


def read_directory(directory):
    """(programme records, need records) from DIR/programmes.jsonl and DIR/needs.jsonl."""
    directory = Path(directory)
    return read_programme_records(directory / "programmes.jsonl"), read_need_records(directory / "needs.jsonl")
