"""Talent, apprenticeship, internship, training and joint R&D needs published by enterprises."""
