"""The personal-data registry is complete: no table escapes export, erasure or retention."""

from sqlalchemy import create_engine, inspect

from cloudcv.models import NOT_PERSONAL, REGISTRY, Period, metadata
from cloudcv.services.core import db

MIGRATION_BOOKKEEPING = {"alembic_version"}


def _migrated(tmp_path):
    """The schema the migrations really build (not SQLModel.metadata, which only knows
    the models that happen to be imported)."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    db.migrate(url)
    engine = create_engine(url)
    try:
        found = inspect(engine)
        return {t: {c["name"] for c in found.get_columns(t)} for t in found.get_table_names()}
    finally:
        engine.dispose()


def test_every_table_is_registered_or_declared_free_of_personal_data(tmp_path):
    tables = set(_migrated(tmp_path)) - MIGRATION_BOOKKEEPING
    unregistered = tables - set(REGISTRY) - set(NOT_PERSONAL)
    assert not unregistered, f"migrated tables missing from the personal-data registry: {unregistered}"
    assert not set(REGISTRY) & set(NOT_PERSONAL)
    assert set(REGISTRY) | set(NOT_PERSONAL) <= tables, "registered but never migrated"


def test_every_table_is_registered_on_the_postgresql_schema_too(session):
    if session.get_bind().dialect.name != "postgresql":
        return
    tables = set(inspect(session.connection()).get_table_names()) - MIGRATION_BOOKKEEPING
    assert tables == set(REGISTRY) | set(NOT_PERSONAL)


def test_registry_columns_exist_in_the_migrated_schema(tmp_path):
    columns = _migrated(tmp_path)
    for name, entry in REGISTRY.items():
        assert entry.subject in columns[name], name
        assert set(entry.secret_fields) <= columns[name], name


def test_every_entry_names_a_subject_column_and_real_fields():
    for name, entry in REGISTRY.items():
        columns = set(metadata.tables[name].columns.keys())
        assert entry.subject in columns, name
        clock_table = "user_account" if entry.retention.after == "agreement_end" else name
        assert entry.retention.from_field in metadata.tables[clock_table].columns, name
        assert set(entry.secret_fields) <= columns, name
        assert entry.categories and entry.clause and entry.purpose, name


def test_password_hashes_and_token_hashes_are_marked_secret():
    assert "password_hash" in REGISTRY["user_account"].secret_fields
    assert "token_hash" in REGISTRY["auth_session"].secret_fields


def test_security_events_are_kept_one_year_unless_on_hold():
    rule = REGISTRY["login_event"].retention
    assert (rule.period, rule.after, rule.unless) == (Period(1, "years"), "collection",
                                                      "abuse_hold")
    assert REGISTRY["login_event"].clause == "3.2.2"
