"""Background jobs with progress: the work runs on a huey queue (SQLite or Redis), its state lives in the database.

From a route:  job = services.create(kind, by=user, params={...}, scope=...); db.session.commit();
runner.enqueue(job); return views.redirect_to(job).  New kinds: tasks.register_kind / register_periodic."""
