"""One way to handle a page request.

A view loads what it acts on with `load` (or a domain loader that raises NotFound /
Forbidden), says with `on_refusal` how a refusal should be shown, calls a service and
answers with `done`. It never catches DomainError and never commits:

- a DomainError escaping a page view is handled once (`handle_refusal`, registered in
  web.py): the transaction is rolled back; NotFound → the 404 page, Forbidden → the 403
  page with the rule's message; any other refusal goes on the form field it names, or is flashed and the user is
  sent where `on_refusal` said;
- the request's one commit happens after the view answered with success
  (`finish_transaction`, Indico's rule): services only flush.
"""
from dataclasses import dataclass
from typing import Callable

from flask import flash, g, redirect, request
from flask_babel import lazy_gettext as _l

from ..extensions import db
from .errors import DomainError, Forbidden, NotFound

#: Methods that must never write; their transaction is always rolled back.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAVED = _l("已保存。")


def load(model, ident, *, visible: Callable | None = None, allowed: Callable | None = None):
    """The row of `model` with primary key `ident` (flaskr's get_post(id, check_author=True)).

    NotFound when it does not exist or `visible(row)` is false (we never say which);
    Forbidden when it is visible but `allowed(row)` is false."""
    row = db.session.get(model, ident) if ident is not None else None
    if row is None or (visible is not None and not visible(row)):
        raise NotFound(_l("页面不存在，或您无权查看。"))
    if allowed is not None and not allowed(row):
        raise Forbidden(_l("您没有权限执行此操作。"))
    return row


@dataclass(frozen=True)
class Refusal:
    """How the current view shows a refused action."""

    #: Where to send the user after flashing the message (None: show the form again).
    redirect_to: str | None = None
    #: The submitted form: a refusal naming one of its fields is shown at that field.
    form: object = None
    #: () → response body of the page with `form`, rendered again after the rollback.
    render: Callable | None = None


def on_refusal(redirect_to=None, *, form=None, render=None):
    """Declare, before calling a service, how a DomainError it raises is shown to the user."""
    g.refusal = Refusal(redirect_to, form, render)


def done(url, message=SAVED, category="success"):
    """The answer to a successful action: flash `message` (unless None) and redirect."""
    if message is not None:
        flash(message, category)
    return redirect(url)


def place_on_field(form, error):
    """Put a service's DomainError on the form field it names; True when it was placed there."""
    name = getattr(form, "field_aliases", {}).get(error.field, error.field)
    if form is None or not name or name not in getattr(form, "_fields", {}):
        return False
    field = form[name]
    field.errors = list(field.errors) + [error.message]
    return True


def handle_refusal(error: DomainError, render_error):
    """The page answer to a DomainError that escaped a view (see the module docstring)."""
    db.session.rollback()
    if isinstance(error, NotFound):
        return render_error(404)
    if isinstance(error, Forbidden):  # the rule's message says why, and whose action it is
        return render_error(403, error.message)
    refusal = g.get("refusal") or Refusal()
    if refusal.render is not None and place_on_field(refusal.form, error):
        return refusal.render(), 400
    flash(error.message, "danger")
    if refusal.redirect_to:
        return redirect(refusal.redirect_to)
    if refusal.render is not None:
        return refusal.render(), 400
    return render_error(error.status_code if error.status_code >= 400 else 400, error.message)


def finish_transaction(response):
    """Commit what a successful unsafe request wrote; roll back everything else."""
    if response.status_code < 400 and request.method not in SAFE_METHODS:
        db.session.commit()
    else:
        db.session.rollback()
    return response
