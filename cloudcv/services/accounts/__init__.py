"""Accounts: registration, login and sessions, passwords, and the account edits a user makes
under Mijn gegevens (name, e-mail address, deleting the account)."""
