"""Bureau write actions that are not owned by another domain."""
from ..audit.services import record


def update_reference_row(row, data, *, by):
    """Edit the labels (and, for targets, the figure) of a reference row."""
    before = f"{row.name_zh}/{row.name_en}"
    for key, value in data.items():
        if hasattr(row, key) and key != "code":
            setattr(row, key, value.strip() if isinstance(value, str) else value)
    record("reference.update", user=by, object_type=row.__tablename__, object_id=row.code, detail=f"{before} → {row.name_zh}/{row.name_en}")
