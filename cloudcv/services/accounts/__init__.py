"""Accounts: registration, login and sessions, passwords, and the account edits a user makes
under Mijn gegevens (name, e-mail address, deleting the account).

The tables and what is kept of them, for how long, are in ``models/accounts.py`` (registry
entries); the session cookie is set in ``api_session.py``; admin actions on accounts live in
``services/admin/admin_users.py``."""
