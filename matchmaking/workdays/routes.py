"""The bureau's holiday table at /bureau/calendar: the year's rows, add/edit/delete, a calculator."""
import re
from datetime import date

from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..core.errors import NotFound
from ..core.guards import bureau_required
from ..core.timeutil import local_today
from ..core.views import done, on_refusal
from . import services
from .forms import FIRST_YEAR, LAST_YEAR, CalculatorForm, CalendarDayForm
from .seed import PROVISIONAL_YEARS

bp = Blueprint("workdays", __name__, url_prefix="/bureau/calendar")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _year(value):
    """?year= (or a typed date's year) within the forms' range, else this year."""
    if isinstance(value, date):
        value = str(value.year)
    text = (value or "").strip()
    if text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return local_today().year


def _day(text):
    """A YYYY-MM-DD path segment as a date; anything else (20260216, 2026-02-30) is a 404."""
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise NotFound(_l("页面不存在，或您无权查看。")) from None


def _calculation(form):
    """The calculator's answer (a date), or None before it is used or when what was typed is refused."""
    if not {"start", "days"} & set(request.args) or not form.validate():
        return None
    return services.add_working_days(form.start.data, form.days.data)


def _index_page(form, year):
    calc_form = CalculatorForm(formdata=request.args if {"start", "days"} & set(request.args) else None)
    result = _calculation(calc_form)
    return render_template("workdays/index.html", form=form, calc_form=calc_form, result=result, year=year,
                           rows=services.days_of_year(year), years=services.years(),
                           provisional=year in PROVISIONAL_YEARS, today=local_today())


@bp.get("")
@bureau_required
def index():
    return _index_page(CalendarDayForm(formdata=None), _year(request.args.get("year")))


@bp.post("")
@bureau_required
def save():
    """The add form: a new day, or a change to the day typed if the table already has it."""
    form = CalendarDayForm()
    valid = form.validate()
    year = _year(form.day.data if isinstance(form.day.data, date) else request.args.get("year"))
    on_refusal(form=form, render=lambda: _index_page(form, year))
    if not valid:
        return _index_page(form, year), 400
    row = services.save_day(form.day.data, form.kind.data, form.name.data, by=current_user)
    return done(url_for("workdays.index", year=row.day.year),
                _l("已保存：%(day)s %(name)s", day=row.day.isoformat(), name=row.name))


@bp.route("/<day>/edit", methods=["GET", "POST"])
@bureau_required
def edit(day):
    row = services.get_day(_day(day))
    form = CalendarDayForm() if request.method == "POST" else CalendarDayForm(obj=row)
    del form.day  # the date is the row's key: another date is added on the main page
    if request.method != "POST":
        return render_template("workdays/edit.html", form=form, row=row)
    the_day = row.day
    on_refusal(form=form, render=lambda: render_template("workdays/edit.html", form=form, row=services.get_day(the_day)))
    if not form.validate():
        return render_template("workdays/edit.html", form=form, row=row), 400
    services.save_day(the_day, form.kind.data, form.name.data, by=current_user)
    return done(url_for("workdays.index", year=the_day.year),
                _l("已保存：%(day)s %(name)s", day=the_day.isoformat(), name=form.name.data))


@bp.post("/<day>/delete")
@bureau_required
def delete(day):
    the_day = _day(day)
    back = url_for("workdays.index", year=the_day.year)
    on_refusal(back)
    services.delete_day(the_day, by=current_user)
    return done(back, _l("已删除：%(day)s", day=the_day.isoformat()))
