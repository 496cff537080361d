"""The bureau keeps the departments (reference data): their names, remits, contacts and first accounts."""
from flask import Blueprint, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField
from wtforms.validators import DataRequired, Email, Length, Optional

from ..accounts import services as accounts
from ..accounts.forms import NewAccountFields
from ..audit.services import record
from ..core.errors import Conflict, DomainError
from ..core.forms import StrippedStringField, options
from ..core.guards import bureau_required
from ..core.views import done, load, on_refusal
from ..extensions import db
from ..reference.models import District
from ..reference.services import choices
from .models import DEPARTMENT_ROLE_LABELS, DEPARTMENT_ROLES, Organisation

bp = Blueprint("bureau_departments", __name__, url_prefix="/bureau/departments")


class DepartmentForm(FlaskForm):
    name = StrippedStringField(_l("部门全称"), validators=[DataRequired(_l("请填写部门全称。")), Length(4, 120)])
    department = SelectField(_l("职责（审核范围）"), validators=[DataRequired(_l("请选择职责。"))])
    district_code = SelectField(_l("所在区县（区县政府为其辖区）"), validators=[DataRequired(_l("请选择区县。"))])
    contact_name = StrippedStringField(_l("联系人"), validators=[Optional(), Length(max=40)])
    contact_phone = StrippedStringField(_l("联系电话"), validators=[Optional(), Length(max=20)])
    email = StrippedStringField(_l("联系邮箱"), validators=[Optional(), Email(_l("邮箱格式不正确。"), check_deliverability=False),
                                                         Length(max=120)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = options([("", _l("请选择"))] + [(r, DEPARTMENT_ROLE_LABELS[r]) for r in DEPARTMENT_ROLES])
        self.district_code.choices = choices(District, blank=str(_l("请选择")))


class DepartmentAccountForm(NewAccountFields, FlaskForm):
    """The department's first (administrator) account; it adds its own colleagues afterwards."""


FIELDS = ("name", "department", "district_code", "contact_name", "contact_phone", "email")


def _save(department, form, *, by):
    """Copy the form onto the department; the name is unique and a district has one government."""
    values = {key: form[key].data for key in FIELDS}
    clash = db.session.scalar(select(Organisation).where(Organisation.name == values["name"], Organisation.id != (department.id or 0)))
    if clash is not None:
        raise Conflict(_l("该名称已被其他机构使用。"), field="name")
    if values["department"] != "district":
        other = db.session.scalar(select(Organisation).where(
            Organisation.kind == "department", Organisation.department == values["department"],
            Organisation.id != (department.id or 0)))
        if other is not None:
            raise DomainError(_l("该职责已由 %(name)s 承担，每项职责只设一个部门。", name=other.name), field="department")
    if values["department"] == "district":
        other = db.session.scalar(select(Organisation).where(
            Organisation.kind == "department", Organisation.department == "district",
            Organisation.district_code == values["district_code"], Organisation.id != (department.id or 0)))
        if other is not None:
            raise DomainError(_l("该区县已有区县政府：%(name)s。", name=other.name), field="district_code")
    for key, value in values.items():
        setattr(department, key, value or "")
    return department


def _department(department_id):
    return load(Organisation, department_id, visible=lambda o: o.is_department)


@bp.get("")
@bureau_required
def index():
    departments = db.session.scalars(select(Organisation).where(Organisation.kind == "department")
                                     .order_by(Organisation.department, Organisation.district_code, Organisation.id)).all()
    return render_template("bureau/departments.html", departments=departments)


@bp.route("/new", methods=["GET", "POST"])
@bureau_required
def create():
    form = DepartmentForm()
    if form.validate_on_submit():
        on_refusal(form=form, render=lambda: render_template("bureau/department_form.html", form=form, department=None))
        department = Organisation(kind="department", status="verified")
        _save(department, form, by=current_user)
        db.session.add(department)
        db.session.flush()
        record("department.create", user=current_user, obj=department, detail=department.name)
        return done(url_for("bureau_departments.edit", department_id=department.id), _l("部门已添加，请为其开通账号。"))
    return render_template("bureau/department_form.html", form=form, department=None), 400 if form.is_submitted() else 200


@bp.route("/<int:department_id>", methods=["GET", "POST"])
@bureau_required
def edit(department_id):
    department = _department(department_id)
    form = DepartmentForm(obj=department)
    account_form = DepartmentAccountForm(prefix="account")

    def page():
        return render_template("bureau/department_form.html", form=form, department=_department(department_id),
                               account_form=account_form)

    if form.validate_on_submit():
        on_refusal(form=form, render=page)
        _save(department, form, by=current_user)
        record("department.update", user=current_user, obj=department, detail=department.name)
        return done(url_for("bureau_departments.edit", department_id=department.id))
    return page(), 400 if form.is_submitted() else 200


@bp.post("/<int:department_id>/accounts")
@bureau_required
def add_account(department_id):
    department = _department(department_id)
    form, account_form = DepartmentForm(obj=department, formdata=None), DepartmentAccountForm(prefix="account")

    def page():
        return render_template("bureau/department_form.html", form=form, department=_department(department_id),
                               account_form=account_form)

    if not account_form.validate_on_submit():
        return page(), 400
    on_refusal(form=account_form, render=page)
    accounts.create_account(department, email=account_form.account_email.data, name=account_form.account_name.data,
                            password=account_form.password.data, is_org_admin=True, by=current_user)
    return done(url_for("bureau_departments.edit", department_id=department.id), _l("账号已开通。"))
