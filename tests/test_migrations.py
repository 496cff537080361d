"""The migrations build exactly the schema the models describe."""
import os

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from matchmaking import create_app
from matchmaking.extensions import db


def test_migrations_match_the_models(tmp_path):
    url = os.environ.get("TEST_MIGRATIONS_DATABASE_URL") or "sqlite:///" + str(tmp_path / "migrated.sqlite3")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    with app.app_context():
        from matchmaking.setup import init_database

        init_database()
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        db.engine.dispose()
    assert diff == []
