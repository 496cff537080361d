"""宜宾产教融合校企对接平台 — the Flask application package."""
import os
from pathlib import Path

from flask import Flask

from .config import build_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Build the application: defaults, then environment, then the test's overrides."""
    instance_path = os.environ.get("MATCHMAKING_INSTANCE_PATH") or str(ROOT / "instance")
    os.makedirs(instance_path, exist_ok=True)
    app = Flask(
        __name__,
        instance_path=instance_path,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(build_config(instance_path))
    if test_config:
        app.config.from_mapping(test_config)

    from . import web

    web.init_app(app)

    if app.config.get("AUTO_SETUP_DATABASE") and not app.config.get("TESTING"):
        from .setup import ensure_database

        with app.app_context():
            ensure_database(app)
    return app
