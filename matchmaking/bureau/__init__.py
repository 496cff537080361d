"""The bureau's desk: verification queue, accounts, audit log and reference data."""
