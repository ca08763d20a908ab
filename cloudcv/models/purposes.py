"""The purposes of §3 of the privacy statement, each with the statement's data list and the
retention period it promises.

Tables declare their own rule with ``@personal_data`` (next to the table); this module
declares what the statement promises per clause. /privacy and the processing register
render these promises in the statement's own words;
tests/unit/test_retention_statement.py checks that every table registered under a clause
keeps its purpose's period (or a shorter, documented technical one), so the page can never
promise something the engine does not enforce, and tests/unit/test_statement_spec.py that
each period is the one the statement itself names.

Purposes without a table yet (3.2.1, 3.2.3, 3.3.1) hold no data today; the table that a
later feature adds must use the same clause and rule (for marketing: ``from_field`` names
the unsubscribed timestamp). 3.3.2 is kept by ``contact_question``, 3.3.3 by
``analytics_event``.
"""

from __future__ import annotations

from .accounts import SERVICE_RETENTION
from .registry import Retention, days, months, purpose, years

SERVICE = purpose(
    clause="3.1", key="service", basis="contract",
    categories=("name", "address", "phone", "email", "birth_date", "nationality", "gender",
                "marital_status", "driving_licence", "education", "work_experience",
                "other_info", "recipients", "password_hash", "session_id", "photo",
                "contact_info"),
    retention=SERVICE_RETENTION,
)

IMPROVEMENT = purpose(
    clause="3.2.1", key="improvement", basis="legitimate_interest",
    categories=("ip_address", "device_id", "user_id", "os", "login_time", "place", "usage"),
    retention=Retention(years(2), after="collection"),
)

SECURITY = purpose(
    clause="3.2.2", key="security", basis="legitimate_interest",
    categories=("ip_address", "device_id", "session_id", "os", "login_time", "place",
                "payment_location", "connection_type"),
    retention=Retention(years(1), after="collection", unless="abuse_hold"),
    wording="ret.collection_until",  # §3.2.2: "tot 1 jaar nadat zij zijn verzameld"
)

CUSTOMER_MARKETING = purpose(
    clause="3.2.3", key="customer_marketing", basis="legitimate_interest",
    categories=("email",),
    retention=Retention(days(0), after="unsubscribe", from_field="unsubscribed_at"),
)

MARKETING = purpose(
    clause="3.3.1", key="marketing", basis="consent",
    categories=("name", "organisation", "email"),
    retention=Retention(days(0), after="unsubscribe", from_field="unsubscribed_at"),
)

QUESTIONS = purpose(
    clause="3.3.2", key="questions", basis="consent",
    categories=("name", "organisation", "email", "contact_info"),
    retention=Retention(months(2), after="handled", from_field="handled_at"),
)

TRACKING = purpose(
    clause="3.3.3", key="tracking", basis="consent", subjects=("users", "visitors"),
    categories=("cookie_id", "ip_address", "device_id", "pixel_id", "site_usage", "referrer",
                "location", "usage"),
    retention=Retention(years(1), after="consent_withdrawn"),
)
