"""Reference data (clusters, levels, modes, need kinds, districts, plan targets)."""
