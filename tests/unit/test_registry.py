"""The personal-data registry is complete: no table escapes export, erasure or retention.

Checked against the schema the migrations really build (alembic head, ``db.migrate``), not
against SQLModel.metadata alone: every migrated table has a registry entry (or is declared
free of personal data), every model has a migration, and every entry has its labels in
both catalogs. A failure names the table and the missing piece.
"""

import sys
from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from cloudcv.i18n import EN, NL
from cloudcv.models import NOT_PERSONAL, REGISTRY, Period, metadata
from cloudcv.models.registry import Entry
from cloudcv.services.core import db

MIGRATION_BOOKKEEPING = {"alembic_version"}
ROOT = Path(__file__).resolve().parents[2]


def _migrated(tmp_path):
    """The schema the migrations really build (not SQLModel.metadata, which only knows
    the models that were imported)."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    db.migrate(url)
    engine = create_engine(url)
    try:
        found = inspect(engine)
        return {t: {c["name"] for c in found.get_columns(t)} for t in found.get_table_names()}
    finally:
        engine.dispose()


def _where(model) -> str:
    """``cloudcv/models/accounts.py, LoginEvent``: where a developer fixes a gap."""
    path = Path(sys.modules[model.__module__].__file__).resolve()
    try:
        path = path.relative_to(ROOT)
    except ValueError:
        pass
    return f"{path}, {model.__name__}"


def registry_gaps(migrated: set[str], models: dict[str, type], registry: dict[str, Entry],
                  not_personal: dict[str, str]) -> list[str]:
    """One sentence per gap between the migrated tables, the model tables and the registry."""
    gaps = []
    for name in sorted(migrated - set(registry) - set(not_personal)):
        gaps.append(f"table {name!r} is in the migrated database but has no registry entry: "
                    "put @personal_data(...) or @no_personal_data(reason=...) above its model")
    for name in sorted(set(registry) & set(not_personal)):
        gaps.append(f"table {name!r} is both registered and declared free of personal data")
    for name in sorted(set(models) - migrated):
        gaps.append(f"table {name!r} ({_where(models[name])}) has no migration: "
                    "run .venv/bin/alembic revision --autogenerate (docs/extending.md)")
    return gaps


def label_gaps(registry: dict[str, Entry], catalogs: dict[str, dict[str, str]]) -> list[str]:
    """One sentence per registry entry and catalog key it lacks, naming the languages."""
    gaps = []
    for name in sorted(registry):
        entry = registry[name]
        for key in entry.label_keys:
            langs = [lang for lang, catalog in catalogs.items() if key not in catalog]
            if langs:
                gaps.append(f"registry entry {name!r} ({_where(entry.model)}) has no label "
                            f"{key!r} in {', '.join(langs)}: add it to cloudcv/i18n/catalogs/")
    return gaps


def _model_tables() -> dict[str, type]:
    """Table name -> model class of every SQLModel table the package scan imported."""
    return {m.local_table.name: m.class_ for m in SQLModel._sa_registry.mappers
            if m.local_table.metadata is metadata}


def test_every_table_is_registered_or_declared_free_of_personal_data(tmp_path):
    migrated = set(_migrated(tmp_path)) - MIGRATION_BOOKKEEPING
    models = _model_tables()
    assert set(models) == set(metadata.tables), "a table in metadata without a model class"
    gaps = registry_gaps(migrated, models, REGISTRY, NOT_PERSONAL)
    assert not gaps, "\n".join(gaps)


def test_every_registry_entry_has_its_labels_in_both_languages():
    gaps = label_gaps(REGISTRY, {"nl": NL, "en": EN})
    assert not gaps, "\n".join(gaps)


def test_the_checks_name_the_table_and_the_missing_piece():
    """The two checks above, fed a schema with a gap written here, say what is missing."""
    login = REGISTRY["login_event"]
    gaps = registry_gaps({"login_event", "reading_list"}, {"login_event": login.model},
                         {"login_event": login}, {})
    assert gaps == ["table 'reading_list' is in the migrated database but has no registry "
                    "entry: put @personal_data(...) or @no_personal_data(reason=...) above "
                    "its model"]
    gaps = registry_gaps(set(), {"login_event": login.model}, {"login_event": login}, {})
    assert gaps == ["table 'login_event' (cloudcv/models/accounts.py, LoginEvent) has no "
                    "migration: run .venv/bin/alembic revision --autogenerate "
                    "(docs/extending.md)"]
    shoes = replace(login, categories=(*login.categories, "shoe_size"))
    gaps = label_gaps({"login_event": shoes}, {"nl": NL, "en": {**EN, "cat.shoe_size": "x"}})
    assert gaps == ["registry entry 'login_event' (cloudcv/models/accounts.py, LoginEvent) "
                    "has no label 'cat.shoe_size' in nl: add it to cloudcv/i18n/catalogs/"]


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
