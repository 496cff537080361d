"""User accounts. Several accounts may belong to one organisation."""
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from ..core.timeutil import utcnow
from ..extensions import db


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.Integer, primary_key=True)
    organisation_id = db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)
    email = db.Column(db.String(120), nullable=False, unique=True)
    name = db.Column(db.String(40), nullable=False, default="")
    password_hash = db.Column(db.String(256), nullable=False)
    #: May manage the organisation's profile and accounts.
    is_org_admin = db.Column(db.Boolean, nullable=False, default=False)
    #: Disabled accounts cannot log in; existing sessions end at once.
    active = db.Column(db.Boolean, nullable=False, default=True)
    failed_logins = db.Column(db.Integer, nullable=False, default=0)
    locked_until = db.Column(db.DateTime, nullable=True)
    #: Bumped on logout, password change and disabling: sessions carrying an older
    #: value are no longer accepted.
    session_version = db.Column(db.Integer, nullable=False, default=1)
    last_login_at = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    organisation = db.relationship("Organisation", back_populates="users", lazy="joined")

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def get_id(self):
        # The session remembers the version too, so revoking is one increment.
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self):
        return self.active

    @property
    def is_bureau(self):
        return self.organisation.kind == "bureau"

    @property
    def is_department(self):
        return self.organisation.kind == "department"

    @property
    def is_government(self):
        """The bureau or another department."""
        return self.organisation.kind in ("bureau", "department")

    @property
    def is_school(self):
        return self.organisation.kind == "school"

    @property
    def is_enterprise(self):
        return self.organisation.kind == "enterprise"

    def revoke_sessions(self):
        """End every session (and API token) of this user."""
        self.session_version += 1

    def __repr__(self):
        return f"<User {self.id} {self.email}>"
