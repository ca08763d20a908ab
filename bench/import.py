"""Benchmark of the CV import (issue 22): our own exports read back and recognised.

    .venv/bin/python bench/import.py [--misses]

Seeds a temporary SQLite database (migrated like production) with one verified user and the
20-CV round-trip corpus (``tests/import_corpus.make_corpus``: every template of the registry,
in turn each CV language). Every CV is exported as PDF (``rendering.render_pdf``) and as DOCX
(``word.export_docx``), read back with ``reading.read_lines`` (the limited child process, as
an upload is read) and recognised with ``recognise.recognise``; the draft is scored against
the CV it came from (``tests.import_corpus.expected`` + ``score``: every personal-detail
field, own-section title and entry field the CV holds counts once).

Prints a table per CV and format (template, CV language, format, recovered/total, percent,
read ms, recognise ms), then the totals per format and overall. ``--misses`` also lists
what was not recovered. Exits 1 when a format recovers less than 95 % (the goal), 0
otherwise. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(tempfile.mkdtemp(prefix="cloudcv-bench-import-"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CLOUDCV_DATA_DIR", str(DATA))
os.environ.setdefault("CLOUDCV_SECRET_KEY", "bench-secret-key-not-for-production")
os.environ["REFLEX_DB_URL"] = f"sqlite:///{DATA / 'import.db'}"

from cloudcv.models import CV  # noqa: E402
from cloudcv.services.core import db  # noqa: E402
from cloudcv.services.cv import reading, recognise, rendering, word  # noqa: E402
from tests.factories import verified_user  # noqa: E402
from tests.import_corpus import expected, make_corpus, score  # noqa: E402

GOAL = 95.0
FORMATS = (("pdf", rendering.render_pdf), ("docx", word.export_docx))


def measure(session, user_id: int, cv_id: int, kind: str, export) -> dict:
    """One CV in one format: exported, read back, recognised and scored."""
    _, raw = export(session, user_id=user_id, cv_id=cv_id)
    t = time.perf_counter()
    read = reading.read_lines(raw)
    read_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    draft = recognise.recognise(read.lines, read.author)
    recognise_ms = (time.perf_counter() - t) * 1000
    got, total, misses = score(expected(session, cv_id), draft)
    cv = session.get(CV, cv_id)
    return {"template": cv.template, "lang": cv.lang, "kind": kind, "got": got, "total": total,
            "misses": misses, "read_ms": read_ms, "recognise_ms": recognise_ms, "bytes": len(raw)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list what was not recovered")
    args = parser.parse_args()

    db.migrate(os.environ["REFLEX_DB_URL"])
    t = time.perf_counter()
    with db.session_scope() as session:
        user_id = verified_user(session).id
        ids = make_corpus(session, user_id)
    print(f"seeded {len(ids)} CVs in {time.perf_counter() - t:.1f} s", file=sys.stderr)

    rows: list[dict] = []
    with db.session_scope() as session:
        for cv_id in ids[:4]:  # warm-up, one CV per language: fonts, templates, the
            for kind, export in FORMATS:  # recogniser's tables (headings, months, countries)
                measure(session, user_id, cv_id, kind, export)
        for cv_id in ids:
            for kind, export in FORMATS:
                try:
                    rows.append(measure(session, user_id, cv_id, kind, export))
                except reading.Unreadable as refused:
                    cv = session.get(CV, cv_id)
                    rows.append({"template": cv.template, "lang": cv.lang, "kind": kind, "got": 0,
                                 "total": 1, "misses": [f"refused: {refused.key}"], "read_ms": 0.0,
                                 "recognise_ms": 0.0, "bytes": 0})

    print(f"\n## import: {len(ids)} exported CVs read back and recognised, "
          f"{os.cpu_count()} cores\n")
    print("| template | CV language | format | recovered/total | % | read ms | recognise ms |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['template']} | {r['lang']} | {r['kind']} | {r['got']}/{r['total']} | "
              f"{100 * r['got'] / r['total']:.1f} | {r['read_ms']:.0f} | {r['recognise_ms']:.1f} |")

    print("\n| format | recovered/total | % | median read ms | median recognise ms | goal | met? |")
    print("|---|---|---|---|---|---|---|")
    failed = False
    for kind, _ in FORMATS:
        mine = [r for r in rows if r["kind"] == kind]
        got, total = sum(r["got"] for r in mine), sum(r["total"] for r in mine)
        pct = 100 * got / total
        ok = pct >= GOAL
        failed |= not ok
        print(f"| {kind} | {got}/{total} | {pct:.1f} | "
              f"{statistics.median(r['read_ms'] for r in mine):.0f} | "
              f"{statistics.median(r['recognise_ms'] for r in mine):.1f} | ≥ {GOAL:.0f} % | "
              f"{'yes' if ok else 'NO'} |")
    got, total = sum(r["got"] for r in rows), sum(r["total"] for r in rows)
    print(f"| overall | {got}/{total} | {100 * got / total:.1f} | "
          f"{statistics.median(r['read_ms'] for r in rows):.0f} | "
          f"{statistics.median(r['recognise_ms'] for r in rows):.1f} | | |")

    if args.misses:
        print("\n### not recovered\n")
        for r in rows:
            for miss in r["misses"]:
                print(f"- {r['template']} {r['lang']} {r['kind']}: {miss}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
