"""Every load benchmark of issue 20 (and the import round trip of issue 22), one after the
other (``make bench``).

    .venv/bin/python bench/all.py            # full runs (~35 minutes on 2 cores)
    BENCH_QUICK=1 .venv/bin/python bench/all.py   # every run a few seconds

Each script starts its own servers (CloudCV from this checkout and the blank Reflex app),
prints a markdown table (CloudCV, baseline, ratio, goal, met?) and appends it to
docs/performance.md. PostgreSQL + Redis runs are skipped, and say so, when those do not
answer. A script that fails does not stop the others; the exit status says whether any did.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ROWS = "100000" if report.QUICK else "1000000"
# the longest last: at 500 tabs with the after-save fetch today's server falls minutes behind
RUNS = [
    ["import.py"],  # issue 22: the import round trip (seconds)
    ["throughput.py"],
    ["logins.py"],
    ["retention.py", "--rows", ROWS, "--while-typing"],
    ["retention.py", "--rows", ROWS, "--while-typing", "--db", "postgresql"],
    ["events.py", "--scale", "sqlite", "--tabs", "200", "--no-fetch"],  # the save path alone
    ["events.py"],
]


def main() -> int:
    failed = []
    for run in RUNS:
        print(f"\n=== bench/{' '.join(run)}", flush=True)
        code = subprocess.run([sys.executable, str(ROOT / "bench" / run[0]), *run[1:]],
                              cwd=ROOT).returncode
        if code:
            failed.append(" ".join(run))
    if failed:
        print(f"\nfailed (or missed a goal they exit on): {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
