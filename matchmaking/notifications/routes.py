from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..accounts.safety import is_safe_next
from . import services

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("")
@login_required
def index():
    items = services.for_user(current_user)
    return render_template("notifications/index.html", items=items, text=services.text)


@bp.post("/<int:notification_id>/open")
@login_required
def open_notification(notification_id):
    notification = services.mark_read(current_user, notification_id)
    return redirect(notification.link if is_safe_next(notification.link) else url_for("notifications.index"))


@bp.post("/read-all")
@login_required
def read_all():
    services.mark_all_read(current_user)
    return redirect(url_for("notifications.index"))
