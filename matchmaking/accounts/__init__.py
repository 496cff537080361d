"""User accounts, login with lockout, sessions that can be revoked."""
