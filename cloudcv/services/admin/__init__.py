"""The admin console: dashboard, users, requests, incidents (authorities, breaches), contact
questions and operations. Every function starts with ``core.authz.require_admin``."""
