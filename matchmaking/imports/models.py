"""An uploaded file's validated rows, kept server-side between preview and commit."""
from ..core.timeutil import utcnow
from ..extensions import db

KINDS = ("programmes", "needs", "organisations")


class ImportBatch(db.Model):
    __tablename__ = "import_batches"

    id = db.Column(db.Integer, primary_key=True)
    #: "programmes", "needs" or "organisations".
    kind = db.Column(db.String(20), nullable=False)
    #: The uploader; only they may see and commit the batch.
    user_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    organisation_id = db.Column(db.Integer, db.ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True)
    filename = db.Column(db.String(200), nullable=False, default="")
    #: SHA-256 of the uploaded file.
    sha256 = db.Column(db.String(64), nullable=False)
    #: The cells read from the file, as text: {"letters": {key: "C"}, "rows": [{"row": 5, "cells": {…},
    #: "formulas": [keys]}, …]}; emptied after commit.
    rows = db.Column(db.JSON, nullable=False, default=dict)
    row_count = db.Column(db.Integer, nullable=False, default=0)
    #: The uploaded file while it waits to be read on the job queue; emptied once read.
    content = db.Column(db.LargeBinary, nullable=True)
    #: uploaded → previewed → committed (once; a second commit finds it committed).
    status = db.Column(db.String(20), nullable=False, default="previewed")
    #: {"created": n, "updated": n, "unchanged": n} after commit.
    counts = db.Column(db.JSON, nullable=False, default=dict)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    committed_at = db.Column(db.DateTime, nullable=True)

    user = db.relationship("User")

    @property
    def is_committed(self):
        return self.status == "committed"
