"""The `matchmaking` commands: demo data, exchange-format import and export, bureau admin."""
import json

from matchmaking.accounts.models import User
from matchmaking.extensions import db
from matchmaking.needs.models import Need
from matchmaking.organisations.models import Organisation
from matchmaking.programmes.models import Programme

DEV_DATA = __import__("pathlib").Path(__file__).resolve().parent / "data" / "dev"


def _count(model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_seed_demo_loads_data_and_logins_and_is_idempotent(runner, client):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "school@demo.yibin.cn" in result.output
    counts = (_count(Organisation), _count(Programme), _count(Need))
    assert counts[0] >= 43 and counts[1] >= 60 and counts[2] >= 120
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert (_count(Organisation), _count(Programme), _count(Need)) == counts
    for email in ("bureau@demo.yibin.cn", "school@demo.yibin.cn", "enterprise@demo.yibin.cn"):
        response = client.post("/login", data={"email": email, "password": "Demo@2026"})
        assert response.status_code == 302, email
        client.post("/logout")
    from matchmaking.pairings.models import Pairing
    from matchmaking.projects.models import Project

    assert {p.status for p in db.session.scalars(db.select(Pairing))} == {"proposed", "accepted", "declined", "withdrawn", "expired"}
    assert {p.status for p in db.session.scalars(db.select(Project))} == {"negotiating", "signed", "implementing", "completed", "terminated"}
    baijiu = client.get("/programmes?cluster=baijiu").get_data(as_text=True)
    assert "酿酒" in baijiu or "白酒" in baijiu


def test_import_then_export_round_trip(runner, tmp_path):
    result = runner.invoke(args=["import-data", str(DEV_DATA)])
    assert result.exit_code == 0, result.output
    assert _count(Programme) == 48 and _count(Need) == 72
    # Importing the same files again changes nothing.
    assert runner.invoke(args=["import-data", str(DEV_DATA)]).exit_code == 0
    assert _count(Programme) == 48 and _count(Need) == 72
    assert runner.invoke(args=["export-data", str(tmp_path)]).exit_code == 0
    exported = [json.loads(line) for line in (tmp_path / "needs.jsonl").read_text(encoding="utf-8").splitlines()]
    original = {json.loads(line)["id"]: json.loads(line) for line in (DEV_DATA / "needs.jsonl").read_text(encoding="utf-8").splitlines()}
    assert len(exported) == 72
    for record in exported:
        assert record == original[record["id"]]


def test_import_refuses_bad_files_and_writes_nothing(runner, tmp_path):
    (tmp_path / "programmes.jsonl").write_text((DEV_DATA / "programmes.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    lines = (DEV_DATA / "needs.jsonl").read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[2])
    broken["cluster"] = "spaceships"
    lines[2] = json.dumps(broken, ensure_ascii=False)
    (tmp_path / "needs.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(args=["import-data", str(tmp_path)])
    assert result.exit_code == 2
    assert "needs.jsonl:3" in result.output and "cluster" in result.output
    assert _count(Programme) == 0 and _count(Need) == 0

    (tmp_path / "needs.jsonl").write_text("{not json\n", encoding="utf-8")
    result = runner.invoke(args=["import-data", str(tmp_path)])
    assert result.exit_code == 2 and "needs.jsonl:1" in result.output

    result = runner.invoke(args=["import-data", str(tmp_path / "missing")])
    assert result.exit_code == 2 and "file not found" in result.output


def test_create_bureau_admin(runner):
    result = runner.invoke(args=["create-bureau-admin", "--email", "officer@rsj.example.cn", "--password", "Bureau#2026x"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "officer@rsj.example.cn"))
    assert user.is_bureau
    weak = runner.invoke(args=["create-bureau-admin", "--email", "x@rsj.example.cn", "--password", "weakweak"])
    assert weak.exit_code == 2


def test_refresh_recommendations_follows_the_one_at_a_time_rule_of_the_web_job(runner, make):
    from matchmaking.jobs import services
    from matchmaking.jobs.models import Job

    running = services.create("recommendations.refresh", by=make.user(make.bureau()))
    db.session.commit()
    result = runner.invoke(args=["refresh-recommendations"])
    assert result.exit_code == 1
    assert f"already queued or running (job {running.id})" in result.output
    assert _count(Job) == 1
    running.status, running.active_key = "done", None
    db.session.commit()
    result = runner.invoke(args=["refresh-recommendations"])
    assert result.exit_code == 0, result.output
    job = db.session.scalar(db.select(Job).where(Job.id != running.id))
    assert job.kind == "recommendations.refresh" and job.status == "done" and job.created_by_id is None


def test_expire_pairings_and_send_reminders_are_recorded_as_jobs(runner):
    from matchmaking.jobs.models import Job

    assert "Expired 0 pairings." in runner.invoke(args=["expire-pairings"]).output
    assert "Sent 0 reminders." in runner.invoke(args=["send-reminders"]).output
    kinds = {(job.kind, job.status) for job in db.session.scalars(db.select(Job))}
    assert kinds == {("pairings.expire", "done"), ("projects.reminders", "done")}


def test_worker_refuses_to_start_when_jobs_run_inline(runner):
    result = runner.invoke(args=["worker"])
    assert result.exit_code == 2 and "JOBS_SYNC" in result.output


def test_matchmaking_run_is_flasks_run_that_also_starts_the_queue_consumer():
    from flask.cli import run_command

    from matchmaking.cli import _run_with_embedded_worker

    command = _run_with_embedded_worker()
    assert [p.name for p in command.params] == [p.name for p in run_command.params]
    assert command.callback is not run_command.callback


def test_the_engine_command_builds_no_app_on_a_fresh_instance(tmp_path):
    """`matchmaking recommend` on a machine with no database yet writes JSON lines only: no database
    is created, migrated or seeded, and no demo logins are printed ahead of the output."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    instance = tmp_path / "instance"
    data = Path(__file__).resolve().parent / "data" / "dev"
    env = dict(os.environ, MATCHMAKING_INSTANCE_PATH=str(instance), AUTO_SETUP_DATABASE="1")
    env.pop("DATABASE_URL", None)
    script = "import sys; from matchmaking.cli import main; sys.argv[0] = 'matchmaking'; main()"
    result = subprocess.run([sys.executable, "-c", script, "recommend", "--data", str(data), "--top", "1"],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout.splitlines()[0])
    assert "need_id" in first and len(first["programmes"]) == 1
    assert not list(instance.glob("*.sqlite3"))
