"""The database layer under several forked workers (GRANIAN_WORKERS > 1)."""

import os
import pickle

from cloudcv.services.core import db


def test_a_forked_worker_never_reuses_the_parents_connection(tmp_path):
    # Two processes on one socket interleave their queries: PostgreSQL then answers one
    # worker's SELECT with the other's result (seen in the scale-out test before the fix).
    eng = db.engine(f"sqlite:///{tmp_path / 'fork.db'}")
    with eng.connect() as conn:  # back in the pool, still open
        parent = conn.connection.dbapi_connection  # held: its address cannot be reused
    with eng.connect() as conn:
        assert conn.connection.dbapi_connection is parent  # the pool does reuse it
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report which connection it gets, then leave at once
        try:
            with db.engine(str(eng.url)).connect() as conn:
                shared = conn.connection.dbapi_connection is parent
                conn.exec_driver_sql("SELECT 1").one()
            os.write(write, pickle.dumps(shared))
        finally:
            os._exit(0)
    os.close(write)
    shared = pickle.loads(os.read(read, 1024))
    os.waitpid(pid, 0)
    assert shared is False
    with eng.connect() as conn:  # the parent's own connection was not closed by the child
        assert conn.connection.dbapi_connection is parent
        assert conn.exec_driver_sql("SELECT 1").one() == (1,)
