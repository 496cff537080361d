"""The job queue: huey, on SQLite in instance/ by default, on Redis in production, or inline
(huey's immediate mode) when JOBS_SYNC is set.

The queue carries only job ids; what a job does and how far it got lives in the `jobs` table.
One huey task, `run_job`, runs any kind; periodic kinds and the recovery of interrupted jobs
are huey periodic tasks, run by the consumer's scheduler (`matchmaking worker`, or the thread
that `matchmaking run` starts on the embedded default)."""
import atexit
import logging
import threading
from datetime import timezone

from flask import current_app
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab, signals
from huey.consumer import Consumer

from ..core.timeutil import LOCAL_TZ
from .tasks import PERIODIC

log = logging.getLogger(__name__)
_build_lock = threading.Lock()


def get_queue(app=None):
    """The app's JobQueue, built on first use (after every domain has registered its kinds)."""
    app = app or current_app._get_current_object()
    queue = app.extensions.get("jobs_queue")
    if queue is None:
        with _build_lock:
            queue = app.extensions.get("jobs_queue")
            if queue is None:
                queue = app.extensions["jobs_queue"] = JobQueue(app)
    return queue


def make_huey(config):
    """The huey instance the configuration describes."""
    name = config["JOBS_QUEUE_NAME"]
    if config["JOBS_SYNC"]:
        return MemoryHuey(name, immediate=True, results=False)
    backend = config["JOBS_BACKEND"]
    if backend == "redis":
        return RedisHuey(name, url=config["JOBS_REDIS_URL"], results=False)
    if backend == "sqlite":
        return SqliteHuey(name, filename=config["JOBS_SQLITE_PATH"], results=False, timeout=30)
    raise ValueError(f"JOBS_BACKEND must be 'sqlite' or 'redis', not {backend!r}")


def local_crontab(line):
    """A huey periodic-task test for a crontab line read in Asia/Shanghai time (huey's clock is UTC)."""
    minute, hour, day, month, day_of_week = line.split()
    matches = crontab(minute, hour, day, month, day_of_week)

    def validate(timestamp):
        local = timestamp.replace(tzinfo=timezone.utc).astimezone(LOCAL_TZ).replace(tzinfo=None)
        return matches(local)

    return validate


class JobQueue:
    """One app's huey instance and its tasks."""

    def __init__(self, app):
        from . import runner

        self.app = app
        self.huey = make_huey(app.config)

        def run_job(job_id):
            runner.execute(app, job_id)

        self.run_job = self.huey.task(name="run_job")(run_job)

        def recover_jobs():
            for job_id in runner.recover(app):
                self.enqueue(job_id)

        self.huey.periodic_task(crontab(), name="recover_jobs")(recover_jobs)
        schedules = app.config.get("JOBS_SCHEDULE", {})
        for kind, default in PERIODIC.items():
            line = (schedules.get(kind) or default).strip()
            if line.lower() in ("", "off", "none"):
                continue
            self._add_periodic(kind, line)

        @self.huey.signal(signals.SIGNAL_INTERRUPTED)
        def on_interrupted(signal, task, *args, **kwargs):
            # The consumer is stopping while this job runs: put it back so the next consumer retries it.
            if isinstance(task, self.run_job.task_class) and runner.interrupted(app, *task.args):
                self.huey.enqueue(task)

    def _add_periodic(self, kind, line):
        from . import runner

        app = self.app

        def run_periodic():
            runner.run_periodic(app, kind)

        self.huey.periodic_task(local_crontab(line), name=f"periodic:{kind}")(run_periodic)

    def enqueue(self, job_id):
        """Put the job on the queue (run it at once under JOBS_SYNC). A queue that cannot be reached
        is logged, not raised: the job stays queued in the database and the recovery enqueues it."""
        try:
            self.run_job(job_id)
        except Exception:  # noqa: BLE001 — the request that started the job must not fail for it
            log.exception("Could not put job %s on the queue; it will be retried", job_id)

    def pending(self):
        """How many messages wait in the queue (for `matchmaking worker --status` and tests)."""
        return self.huey.pending_count()

    def consumer(self, *, workers=None, periodic=True, embedded=False):
        """A huey consumer with thread workers; `embedded` leaves the process's signals alone
        (it then runs in a thread of `matchmaking run`, whose main thread owns them)."""
        workers = workers or self.app.config["JOBS_WORKERS"]
        cls = EmbeddedConsumer if embedded else Consumer
        return cls(self.huey, workers=workers, periodic=periodic, worker_type="thread", max_delay=2.0)


class EmbeddedConsumer(Consumer):
    """A consumer running in a background thread: no signal handlers, stopped by `stop_embedded`."""

    def _set_signal_handlers(self):
        pass


def start_embedded(app, *, workers=None, periodic=True):
    """Run a consumer in daemon threads of this process (`matchmaking run`, tests). Returns a
    function that stops it; at exit it is stopped so that a running job is put back in the queue."""
    consumer = get_queue(app).consumer(workers=workers, periodic=periodic, embedded=True)
    thread = threading.Thread(target=consumer.run, name="job-consumer", daemon=True)
    thread.start()
    stopped = threading.Event()

    def stop(timeout=5):
        if stopped.is_set():
            return
        stopped.set()
        consumer.stop(graceful=False)
        thread.join(timeout)

    atexit.register(stop)
    return stop
