"""Alembic environment: the schema is SQLModel's metadata of ``cloudcv.models``.

Importing ``cloudcv.models`` imports every module of that package (``models.discover``), so
a new model file is in ``metadata`` (and ``alembic revision --autogenerate`` sees it)
without being listed anywhere. Used by ``alembic revision --autogenerate`` and
``cloudcv.services.core.db.migrate``; ``reflex db migrate`` applies the same scripts.
"""

from alembic import context

from cloudcv.config import settings
from cloudcv.models import metadata
from cloudcv.services.core.db import engine

config = context.config
url = config.attributes.get("url") or settings().db_url


def _migrate(connection) -> None:
    """SQLite rebuilds tables to alter them (batch mode): dropping the old copy of a parent
    table fails, or cascades, while foreign keys are on. They are switched off for the run
    (only possible outside a transaction) and every reference is checked before the commit."""
    # A caller's open transaction would make the PRAGMA a no-op: then leave it as it is.
    sqlite = connection.dialect.name == "sqlite" and not connection.in_transaction()
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # end SQLAlchemy's autobegun transaction; the migration opens its own
    try:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
    finally:
        if sqlite:
            if connection.in_transaction():
                connection.rollback()  # a failed migration: leave nothing half done
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def run() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _migrate(connectable)
        return
    with engine(url).connect() as connection:
        _migrate(connection)


if context.is_offline_mode():
    context.configure(url=url, target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run()
