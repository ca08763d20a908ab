"""Alembic environment: the schema is SQLModel's metadata of ``cloudcv.models``.

Used by ``alembic revision --autogenerate`` and ``cloudcv.services.db.migrate``;
``reflex db migrate`` applies the same scripts.
"""

from alembic import context

from cloudcv.config import settings
from cloudcv.models import metadata
from cloudcv.services.db import engine

config = context.config
url = config.attributes.get("url") or settings().db_url


def run() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        context.configure(connection=connectable, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    with engine(url).connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    context.configure(url=url, target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run()
