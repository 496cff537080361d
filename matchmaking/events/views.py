"""Helpers shared by the event view modules: loading, running a service, slot labels."""
from flask import abort, flash, redirect
from flask_babel import lazy_gettext as _l

from ..core.forms import options
from ..core.errors import DomainError, Forbidden, NotFound
from ..extensions import db
from .slots import event_slots


def or_abort(load, *args, **kwargs):
    """Call a loader; NotFound → 404, Forbidden → 403."""
    try:
        return load(*args, **kwargs)
    except NotFound:
        abort(404)
    except Forbidden:
        abort(403)


def run(action, success_url, *, message=None, error_url=None):
    """Run a service action: commit and flash on success; roll back and say why on a domain error."""
    try:
        result = action()
    except NotFound:
        db.session.rollback()
        abort(404)
    except Forbidden:
        db.session.rollback()
        abort(403)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(error_url or success_url)
    db.session.commit()
    if message is not False:
        flash(message or _l("已保存。"), "success")
    return redirect(success_url(result) if callable(success_url) else success_url)


def slot_choices(event, *, include_removed=False):
    return options((s.number, f"{s.start:%H:%M}–{s.end:%H:%M}") for s in event_slots(event, include_removed=include_removed))


def field_error(form, error):
    """Put a service's DomainError on the form field it names; True when it was placed there."""
    if error.field and hasattr(form, error.field):
        getattr(form, error.field).errors = list(getattr(form, error.field).errors) + [error.message]
        return True
    return False
