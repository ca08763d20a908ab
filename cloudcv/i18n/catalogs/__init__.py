"""One module per feature, each with an ``NL`` and an ``EN`` dict. Keys must be unique
across modules (tests/unit/test_architecture.py checks it)."""
