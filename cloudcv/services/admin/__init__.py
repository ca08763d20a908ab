"""The admin console: dashboard, users, requests, incidents (authorities, breaches), contact
questions and operations. Every function that takes ``admin_id`` starts with
``core.authz.require_admin`` (Forbidden for anyone else) and writes what it changes to the
audit log (``core/audit.py``). The pages are ``pages/admin``, the state ``state/admin.py``;
the user side of requests, consent and retention lives in ``services/privacy``."""
