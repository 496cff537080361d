"""Background jobs with progress: slow work runs in a thread, its state lives in the database."""
