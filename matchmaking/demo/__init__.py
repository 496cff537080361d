"""Demo data shipped with the platform (fictitious organisations, realistic Yibin postings)."""
