"""The `matchmaking` console command: Flask's own commands (run, db, shell, routes) plus ours."""
import sys

import click
from flask.cli import FlaskGroup, with_appcontext

from . import create_app


def main():
    """Entry point of the `matchmaking` console script."""
    from .recommender.cli import evaluate, recommend

    cli = FlaskGroup(create_app=lambda: create_app(), help="宜宾产教融合校企对接平台")
    cli.add_command(_run_with_embedded_worker(), "run")
    # The engine's commands need no app: on the group itself Flask finds them without building one
    # (no database set up, no demo logins printed ahead of the JSON lines).
    cli.add_command(recommend)
    cli.add_command(evaluate)
    cli.main(prog_name="matchmaking")


def _run_with_embedded_worker():
    """Flask's `run`, which on the embedded default also runs the job queue's consumer in a thread
    (JOBS_EMBEDDED_WORKER), so that `matchmaking run` alone starts everything. Only the process
    that serves starts it (not the reloader's watcher); gunicorn never runs this command."""
    import copy
    import os

    from flask.cli import ScriptInfo, get_debug_flag, run_command

    command = copy.copy(run_command)
    serve = run_command.callback

    def callback(*args, **kwargs):
        app = click.get_current_context().ensure_object(ScriptInfo).load_app()
        reload = kwargs.get("reload")
        reload = get_debug_flag() if reload is None else reload
        serving = not reload or os.environ.get("WERKZEUG_RUN_MAIN") == "true"
        if serving and app.config["JOBS_EMBEDDED_WORKER"] and not app.config["JOBS_SYNC"]:
            from .jobs.queue import start_embedded

            start_embedded(app)
            click.echo(f" * Background jobs: consumer running in this process ({app.config['JOBS_BACKEND']} queue)")
        return serve(*args, **kwargs)

    command.callback = callback
    return command


def register_commands(app):
    for command in (init_db_command, seed_demo_command, create_bureau_admin_command, import_data_command, export_data_command,
                    expire_pairings_command, send_reminders_command, refresh_recommendations_command, worker_command):
        app.cli.add_command(command)


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


def _run_job(kind, *, echo=None):
    """Run a job of `kind` here and now, through the same one-at-a-time rule as the pages; exit 1 if
    one is already queued or running, 2 if it failed."""
    from .jobs import runner, services

    try:
        job = runner.start(kind, echo=echo)
    except services.AlreadyRunning as refused:
        click.echo(f"Error: a {kind} job is already queued or running (job {refused.job_id}); not started.", err=True)
        sys.exit(1)
    if job.status != "done":
        click.echo(f"Error: job {job.id} ({kind}) failed; see the log.", err=True)
        sys.exit(2)
    return job


@click.command("expire-pairings")
@with_appcontext
def expire_pairings_command():
    """Expire pairings left unanswered past their deadline (also run daily by the job queue)."""
    job = _run_job("pairings.expire")
    click.echo(f"Expired {job.result['count']} pairings.")


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Remind parties of projects without follow-up and of overdue milestones (also run daily by the job queue)."""
    job = _run_job("projects.reminders")
    click.echo(f"Sent {job.result['count']} reminders.")


@click.command("refresh-recommendations")
@with_appcontext
def refresh_recommendations_command():
    """Refit the recommender on every published item and rewrite all stored suggestions (as the
    bureau's 全量刷新推荐 job: refused while one is queued or running; also run nightly by the queue)."""
    import time

    started = time.perf_counter()

    def progress(done, total, message):
        click.echo(f"[{done + 1}/{total}] {message}")

    job = _run_job("recommendations.refresh", echo=progress)
    click.echo(f"Stored {job.result['count']} suggested pairs in {time.perf_counter() - started:.1f} s.")


@click.command("worker")
@click.option("--workers", type=int, default=None, help="Worker threads (default JOBS_WORKERS).")
@click.option("--no-periodic", is_flag=True, help="Do not run the scheduled tasks (run them on one worker only).")
@with_appcontext
def worker_command(workers, no_periodic):
    """Run the job queue's consumer: background jobs, retries and the scheduled tasks (SIGTERM stops it
    and puts a running job back on the queue; SIGINT lets it finish first)."""
    import logging

    from flask import current_app

    from .jobs.queue import get_queue

    app = current_app._get_current_object()
    if app.config["JOBS_SYNC"]:
        click.echo("Error: JOBS_SYNC is set: jobs run inline and there is no queue to consume.", err=True)
        sys.exit(2)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Alembic's logging setup (migrations at start) disables the loggers that existed then: not ours.
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger) and name.split(".")[0] in ("huey", "matchmaking"):
            logger.disabled = False
    for name in ("huey", "matchmaking"):
        logging.getLogger(name).setLevel(logging.INFO)
    queue = get_queue(app)
    click.echo(f"Job queue: {app.config['JOBS_BACKEND']} ({queue.pending()} waiting)")
    queue.consumer(workers=workers, periodic=not no_periodic).run()
