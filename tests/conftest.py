"""Shared fixtures. Settings are read once per process, so the data dir is set first."""

import os
import tempfile

os.environ.setdefault("CLOUDCV_DATA_DIR", tempfile.mkdtemp(prefix="cloudcv-test-"))
os.environ.setdefault("CLOUDCV_SECRET_KEY", "test-secret-key-not-for-production")

import pytest  # noqa: E402
from sqlmodel import Session  # noqa: E402

from cloudcv.services import clock, db  # noqa: E402


@pytest.fixture
def db_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'test.db'}"
    db.migrate(url)
    return url


@pytest.fixture
def session(db_url):
    with Session(db.engine(db_url), expire_on_commit=False) as s:
        yield s


@pytest.fixture
def frozen_clock():
    """A clock the test moves: ``frozen_clock.advance(minutes=5)``."""
    from datetime import timedelta

    from cloudcv.models.base import utcnow

    class Clock:
        def __init__(self):
            self.now = utcnow()

        def __call__(self):
            return self.now

        def advance(self, **kw):
            self.now += timedelta(**kw)

    c = Clock()
    clock.set(c)
    yield c
    clock.set(None)
