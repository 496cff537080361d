"""The bureau's dashboard against the plan's 2025 targets, its public summary, and the plan records
(alliances, industry colleges, training bases, 双师型 ratios) that the platform cannot derive."""
