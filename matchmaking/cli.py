"""The `matchmaking` console command: Flask's own commands (run, db, shell, routes) plus ours."""
import sys

import click
from flask.cli import FlaskGroup, with_appcontext

from . import create_app


def main():
    """Entry point of the `matchmaking` console script."""
    cli = FlaskGroup(create_app=lambda: create_app(), help="宜宾产教融合校企对接平台")
    cli.main(prog_name="matchmaking")


def register_commands(app):
    for command in (init_db_command, seed_demo_command, create_bureau_admin_command, import_data_command, export_data_command,
                    expire_pairings_command, send_reminders_command, refresh_recommendations_command):
        app.cli.add_command(command)
    try:
        from .recommender.cli import evaluate, recommend
    except ImportError:  # the engine is optional while it is being built
        return
    app.cli.add_command(recommend)
    app.cli.add_command(evaluate)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Apply migrations and seed reference data (run on every deployment)."""
    from .setup import init_database

    added = init_database()
    click.echo(f"Database is up to date; {added} reference rows added.")


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Load the demo organisations, programmes, needs and demo logins (after init-db)."""
    from .extensions import db
    from .setup import demo_logins_text, seed_demo

    counts = seed_demo()
    db.session.commit()
    from .recommendations.services import refresh_all

    counts["suggested_pairs"] = refresh_all()
    db.session.commit()
    click.echo(f"Demo data loaded: {counts}")
    click.echo(demo_logins_text())


@click.command("create-bureau-admin")
@click.option("--email", required=True)
@click.option("--name", default="人社局管理员")
@click.password_option(help="At least 8 characters with 3 of 4 character classes.")
@with_appcontext
def create_bureau_admin_command(email, name, password):
    """Create a bureau (人社局) officer account."""
    from .accounts.services import create_account
    from .core.errors import DomainError
    from .extensions import db
    from .reference.services import seed_reference_data
    from .setup import bureau_organisation

    seed_reference_data()
    try:
        user = create_account(bureau_organisation(), email=email, name=name, password=password, is_org_admin=True)
    except DomainError as error:
        db.session.rollback()
        click.echo(f"Error: {error.message}", err=True)
        sys.exit(2)
    db.session.commit()
    click.echo(f"Bureau account created: {user.email}")


@click.command("import-data")
@click.argument("directory", type=click.Path(file_okay=False))
@with_appcontext
def import_data_command(directory):
    """Import DIR/programmes.jsonl and DIR/needs.jsonl (exchange format) as published items."""
    from .exchange.reader import DataError, read_directory
    from .exchange.services import import_records
    from .extensions import db
    from .reference.services import seed_reference_data

    try:
        programmes, needs = read_directory(directory)
    except DataError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    seed_reference_data()
    try:
        counts = import_records(programmes, needs)
    except ValueError as error:
        db.session.rollback()
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    db.session.commit()
    from .recommendations.services import refresh_all

    counts["suggested_pairs"] = refresh_all()
    db.session.commit()
    click.echo(f"Imported: {counts}")


@click.command("export-data")
@click.argument("directory", type=click.Path(file_okay=False))
@with_appcontext
def export_data_command(directory):
    """Export published programmes and needs to DIR in the exchange format."""
    from .exchange.services import export_records

    counts = export_records(directory)
    click.echo(f"Exported: {counts}")


@click.command("expire-pairings")
@with_appcontext
def expire_pairings_command():
    """Expire pairings left unanswered past their deadline (run daily)."""
    from .extensions import db
    from .pairings.services import expire_overdue

    count = expire_overdue()
    db.session.commit()
    click.echo(f"Expired {count} pairings.")


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Remind parties of projects without follow-up and of overdue milestones (run daily)."""
    from .extensions import db
    from .projects.reminders import send_reminders

    with current_app_request_context():
        count = send_reminders()
    db.session.commit()
    click.echo(f"Sent {count} reminders.")


def current_app_request_context():
    """A request context so url_for() works outside a request (links in notifications)."""
    from flask import current_app

    return current_app.test_request_context("/")


@click.command("refresh-recommendations")
@with_appcontext
def refresh_recommendations_command():
    """Refit the recommender on every published item and rewrite all stored suggestions."""
    import time

    from .extensions import db
    from .recommendations.services import refresh_all

    started = time.perf_counter()

    def progress(done, total, message):
        click.echo(f"[{done + 1}/{total}] {message}")

    count = refresh_all(progress=progress)
    db.session.commit()
    click.echo(f"Stored {count} suggested pairs in {time.perf_counter() - started:.1f} s.")
