"""Shared plumbing every domain uses: database sessions, clock, errors, field checks, audit
log, mail outbox, signed tokens, throttling, devices and the admin guard. Imports no other
domain package."""
