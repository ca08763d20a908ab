"""The migrations, on SQLite and PostgreSQL: from an empty database they build exactly the
schema the models declare, and every one of them goes down and up again.

Upgrading the previous release's schema (0013_marketing) with rows in it to head, and back,
is ``test_sealed.py::test_migration_0014_seals_existing_clear_rows_and_downgrade_opens_them``
(both backends, the data checked on the way up and down).
"""

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from cloudcv.models import metadata
from tests.conftest import alembic_config

PREVIOUS_RELEASE = "0013_marketing"


def _differences(url: str) -> list:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    return diffs


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names


def test_migrations_from_empty_build_exactly_the_models_schema(empty_url):
    command.upgrade(alembic_config(empty_url), "head")
    assert _differences(empty_url) == []
    assert {"user_account", "cv", "outbox_mail", "lease", "retention_run"} <= _tables(empty_url)


def test_every_migration_goes_down_to_empty_and_up_again(empty_url):
    cfg = alembic_config(empty_url)
    command.upgrade(cfg, "head")
    command.downgrade(cfg, "base")
    assert _tables(empty_url) <= {"alembic_version"}
    command.upgrade(cfg, PREVIOUS_RELEASE)
    command.upgrade(cfg, "head")
    assert _differences(empty_url) == []


def test_the_previous_release_is_an_ancestor_of_head():
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert PREVIOUS_RELEASE in {rev.revision for rev in scripts.walk_revisions("base", "heads")}
    assert len(scripts.get_heads()) == 1
