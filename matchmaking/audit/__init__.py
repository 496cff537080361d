"""The audit log: logins, failures and every bureau action, browsable by the bureau."""
