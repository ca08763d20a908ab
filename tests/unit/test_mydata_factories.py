"""The "full user" fixture really is full: at least one row in every table that holds
personal data, checked against the registry AND against a list written here (so a table
that the registry forgets, or a registry entry the fixture skips, both fail)."""

from sqlalchemy import inspect, select

from cloudcv.models import REGISTRY, metadata
from tests.mydata_factories import full_user

# Every table of the migrated schema that holds a user's personal data, with the column that
# names the user. Written here, not read from the registry.
PERSONAL_TABLES = {
    "user_account": "id", "auth_session": "user_id", "login_event": "user_id",
    "one_time_token": "user_id", "authority_request": "user_id",
    "audit_event": "subject_user_id", "consent_record": "user_id",
    "analytics_event": "user_id", "contact_question": "user_id", "cv": "user_id",
    "cv_entry": "user_id", "photo": "user_id", "cv_recipient": "user_id",
    "cv_section": "user_id", "cv_history": "user_id", "cv_snapshot": "user_id", "cover_letter": "user_id",
    "outbox_mail": "user_id", "abuse_hold": "user_id", "data_request": "user_id",
    "retention_notice": "user_id", "statement_notice": "user_id",
    "share_link": "user_id", "share_snapshot": "user_id", "share_access": "user_id",
    "share_hit": "user_id",
    "marketing_opt_in": "user_id",
    "two_factor": "user_id", "recovery_code": "user_id", "passkey": "user_id",
}
# Tables of the migrated schema without personal data (reason in models/).
NOT_PERSONAL_TABLES = {"alembic_version", "append_only_grant", "data_breach", "erasure_tombstone", "lease",
                       "marketing_campaign", "marketing_campaign_send", "marketing_suppression",
                       "processor", "retention_run"}


def rows_of(session, user_id: int) -> dict[str, int]:
    """Rows per table that name the user, for every table of the explicit list and the registry."""
    pairs = dict(PERSONAL_TABLES)
    pairs.update({name: entry.subject for name, entry in REGISTRY.items()})
    found = {}
    for name, column in pairs.items():
        col = metadata.tables[name].c[column]
        found[name] = len(session.execute(select(col).where(col == user_id)).all())
    return found


def test_the_lists_above_cover_every_table_of_the_migrated_database(session):
    tables = set(inspect(session.connection()).get_table_names())
    assert tables == set(PERSONAL_TABLES) | NOT_PERSONAL_TABLES
    assert set(REGISTRY) == set(PERSONAL_TABLES)
    assert {n: e.subject for n, e in REGISTRY.items()} == PERSONAL_TABLES


def test_the_full_user_has_a_row_in_every_personal_data_table(session):
    anna, _ = full_user(session, "anna@example.nl", "Anna de Vries")
    empty = sorted(name for name, count in rows_of(session, anna.id).items() if count == 0)
    assert empty == []
