"""Home page, language switch, privacy notice and the signed-in user's workspace."""
