"""Shared UI pieces: layout, form fields. Reusable, no DB."""
