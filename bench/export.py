"""Benchmark of the "Mijn gegevens" export: the full ZIP of a heavy user.

    .venv/bin/python bench/export.py [--runs 5] [--profile]

Seeds a temporary SQLite database (migrated like production) with one user who has a row
in every table of the personal-data registry (``tests/mydata_factories.full_user``), 10
CVs with a photo (the 2-page sample of ``bench/pdf.py``, written through the services) and
log rows in the three log tables (login events, audit events, analytics events; copies of
the user's own rows through the ORM, the audit rows through ``audit.record``). It times
``services.privacy.export.build_zip`` (the whole ZIP: 10 CV PDFs, the photos, the overview
PDF, data.json) and its peak Python memory (tracemalloc) at 1,000 and at 10,000 log rows.
Memory is bounded when the peak grows far slower than the rows (the reference: 10× rows).
Goal (issue 20): ≤ 300 ms at 10,000 rows. ``--profile`` prints a cProfile of one build.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(tempfile.mkdtemp(prefix="cloudcv-bench-export-"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLOUDCV_DATA_DIR", str(DATA))
os.environ.setdefault("CLOUDCV_SECRET_KEY", "bench-secret-key-not-for-production")
os.environ["REFLEX_DB_URL"] = f"sqlite:///{DATA / 'export.db'}"

from sqlmodel import select  # noqa: E402

from bench.pdf import fill_cv, sample_photo  # noqa: E402
from cloudcv.models import AnalyticsEvent, LoginEvent  # noqa: E402
from cloudcv.services.core import audit, db  # noqa: E402
from cloudcv.services.cv import cvs  # noqa: E402
from cloudcv.services.privacy import export  # noqa: E402
from tests.mydata_factories import full_user  # noqa: E402

CVS = 10


def add_logs(session, user_id: int, rows: int) -> None:
    """``rows`` more log rows for the user, spread over the three log tables."""
    login = session.exec(select(LoginEvent).where(LoginEvent.user_id == user_id)).first()
    seen = session.exec(select(AnalyticsEvent).where(AnalyticsEvent.user_id == user_id)).first()
    for i in range(rows):
        kind = i % 10
        if kind < 4:
            session.add(LoginEvent(**{**login.model_dump(exclude={"id"}), "success": i % 3 != 0}))
        elif kind < 7:
            session.add(AnalyticsEvent(**{**seen.model_dump(exclude={"id"}), "path": f"/cv/{i}"}))
        else:
            audit.record(session, action="account.test", actor_user_id=user_id,
                         subject_user_id=user_id, n=i)
        if i % 1000 == 999:
            session.commit()
    session.commit()


def old_data_json(session, user_id: int) -> bytes:
    """data.json as build_zip wrote it before: the whole document in memory, then Python's
    indenting encoder."""
    import json

    return json.dumps(export.collect(session, user_id=user_id), ensure_ascii=False, indent=2).encode()


def measure(user_id: int, runs: int) -> tuple[float, float, int, float]:
    """(median ms, peak MiB of Python allocations, ZIP bytes, peak MiB of the old data.json)
    of build_zip."""
    times = []
    data = b""
    for _ in range(runs):
        with db.session_scope() as session:
            t = time.perf_counter()
            data = export.build_zip(session, user_id=user_id)
            times.append((time.perf_counter() - t) * 1000)
    with db.session_scope() as session:
        tracemalloc.start()
        export.build_zip(session, user_id=user_id)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        tracemalloc.start()
        old_data_json(session, user_id)
        old_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return statistics.median(times), peak / 2**20, len(data), old_peak / 2**20


def parts(user_id: int, runs: int) -> dict[str, float]:
    """Median ms of the ZIP's parts, each on its own: where the time goes."""
    import io

    from cloudcv.models import User
    from cloudcv.services.core import clock
    from cloudcv.services.cv import rendering
    from cloudcv.services.privacy import holdings, overview_pdf

    out: dict[str, list[float]] = {}
    with db.session_scope() as session:
        user = session.get(User, user_id)
        for _ in range(runs):
            for name, fn in (
                (f"{CVS} CV PDFs", lambda: [rendering.render_pdf(session, user_id=user_id, cv_id=c)
                                            for c in export._cv_ids(session, user_id)]),
                ("overzicht.pdf", lambda: overview_pdf.render(
                    name=user.name, email=user.email, generated=clock.now(),
                    items=holdings.holdings(session, user_id=user_id), lang="nl")),
                ("data.json", lambda: export.write_document(io.BytesIO(), session, user_id=user_id)),
                ("data.json the old way (collect + json.dumps indent=2)", lambda: old_data_json(session, user_id)),
            ):
                t = time.perf_counter()
                fn()
                out.setdefault(name, []).append((time.perf_counter() - t) * 1000)
    return {k: statistics.median(v) for k, v in out.items()}


def log_rows(session, user_id: int) -> int:
    from sqlalchemy import func

    from cloudcv.models import AuditEvent

    return sum(session.exec(select(func.count()).select_from(m).where(col == user_id)).one()
               for m, col in ((LoginEvent, LoginEvent.user_id), (AnalyticsEvent, AnalyticsEvent.user_id),
                              (AuditEvent, AuditEvent.subject_user_id)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    db.migrate(os.environ["REFLEX_DB_URL"])
    photo = sample_photo()
    t = time.perf_counter()
    with db.session_scope() as session:
        user, _ = full_user(session, "zwaar@example.nl", "Zware Gebruiker")
        user_id = user.id
        first = cvs.list_cvs(session, user_id=user_id)[0].id
        fill_cv(session, user_id=user_id, cv_id=first, photo=photo)
        for i in range(CVS - 1):
            cv_id = cvs.create_cv(session, user_id=user_id, title=f"Cv {i + 2}")
            fill_cv(session, user_id=user_id, cv_id=cv_id, photo=photo)
        add_logs(session, user_id, 1000 - log_rows(session, user_id))
        small_rows = log_rows(session, user_id)
    print(f"seeded in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    export.build_zip  # noqa: B018  (warm-up below: fonts, templates)
    with db.session_scope() as session:
        export.build_zip(session, user_id=user_id)
    small = measure(user_id, args.runs)
    with db.session_scope() as session:
        add_logs(session, user_id, 10_000 - log_rows(session, user_id))
        big_rows = log_rows(session, user_id)
    big = measure(user_id, args.runs)
    where = parts(user_id, args.runs)

    if args.profile:
        import cProfile
        import pstats

        with db.session_scope() as session:
            prof = cProfile.Profile()
            prof.runcall(export.build_zip, session, user_id=user_id)
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)

    print(f"\n## export: the full ZIP of a heavy user ({CVS} CVs with photos), {args.runs} runs, "
          f"{os.cpu_count()} cores; reference = the same user at {small_rows:,} log rows\n")
    print("| figure | at %s rows | reference: at %s rows | ratio | goal | met? |" % (f"{big_rows:,}", f"{small_rows:,}"))
    print("|---|---|---|---|---|---|")
    print(f"| build_zip median ms | {big[0]:.0f} | {small[0]:.0f} | {big[0] / small[0]:.2f}× | ≤ 300 ms | "
          f"{'yes' if big[0] <= 300 else 'NO'} |")
    ratio = big[1] / small[1]
    print(f"| peak Python memory MiB | {big[1]:.1f} | {small[1]:.1f} | {ratio:.2f}× | bounded "
          f"(≪ {big_rows / small_rows:.0f}× rows) | {'yes' if ratio < 2 else 'NO'} |")
    print(f"| peak MiB of data.json the old way | {big[3]:.1f} | {small[3]:.1f} | "
          f"{big[3] / small[3]:.2f}× | | |")
    for name, ms in where.items():
        print(f"| of which {name} ms (alone) | {ms:.0f} | | | | |")
    print(f"| ZIP size kB | {big[2] / 1024:.0f} | {small[2] / 1024:.0f} | {big[2] / small[2]:.2f}× | | |")


if __name__ == "__main__":
    main()
