"""Docking events (政校企对接活动): registration, 1:1 meeting scheduling, check-in, outcomes."""
