"""Columns every posting has."""
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import declared_attr

from ..core.timeutil import utcnow
from ..extensions import db

STATUSES = ("draft", "published", "closed", "archived")


class PostingMixin:
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    description = db.Column(db.Text, nullable=False)
    #: Skills, courses or certificates as a JSON list of strings.
    skills = db.Column(db.JSON, nullable=False, default=list)
    #: draft → published ⇄ closed → archived (see postings.lifecycle).
    status = db.Column(db.String(20), nullable=False, default="draft", index=True)
    #: The identifier used in the exchange format ("P017"), so re-imports update instead of duplicating.
    external_ref = db.Column(db.String(40), nullable=True)
    #: Title, skills and description joined, for keyword search.
    search_text = db.Column(db.Text, nullable=False, default="")
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    updated_at = db.Column(db.DateTime, nullable=False, default=utcnow, onupdate=utcnow)
    published_at = db.Column(db.DateTime, nullable=True, index=True)
    closed_at = db.Column(db.DateTime, nullable=True)

    @declared_attr
    def organisation_id(cls):
        return db.Column(db.Integer, db.ForeignKey("organisations.id"), nullable=False, index=True)

    @declared_attr
    def cluster_code(cls):
        return db.Column(db.String(40), db.ForeignKey("clusters.code"), nullable=False, index=True)

    @declared_attr
    def level_code(cls):
        return db.Column(db.String(40), db.ForeignKey("levels.code"), nullable=False, index=True)

    @declared_attr
    def district_code(cls):
        return db.Column(db.String(40), db.ForeignKey("districts.code"), nullable=False, index=True)

    @declared_attr
    def organisation(cls):
        return db.relationship("Organisation", lazy="joined")

    @declared_attr
    def cluster(cls):
        return db.relationship("Cluster", lazy="joined")

    @declared_attr
    def level(cls):
        return db.relationship("Level", lazy="joined")

    @declared_attr
    def district(cls):
        return db.relationship("District", lazy="joined")

    @hybrid_property
    def is_published(self):
        """Published (also a SQL condition: `Need.is_published`)."""
        return self.status == "published"

    @property
    def is_archived(self):
        return self.status == "archived"

    @property
    def is_public(self):
        return self.is_published

    @property
    def is_listed(self):
        """Published by a verified organisation: what the public lists, the recommender and the dashboard count."""
        return self.is_published and self.organisation.is_verified

    def refresh_search_text(self):
        """Keep the search column in step with the text fields."""
        self.search_text = "\n".join([self.title or "", " ".join(self.skills or []), self.description or ""])
