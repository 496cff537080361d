"""Training programmes published by schools."""
