"""A py-spy profile of a running server process, and its top frames.

    .venv/bin/pip install py-spy      # not a dependency: only for this

``spy(pid, seconds, out)`` starts ``py-spy record --format raw`` (collapsed stacks) on one
process; ``top(out)`` reads them back: the frames with the most samples on top of the stack
(self) and anywhere in it (inclusive), as a markdown list.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def py_spy() -> str | None:
    local = ROOT / ".venv/bin/py-spy"
    return str(local) if local.exists() else shutil.which("py-spy")


def spy(pid: int, seconds: float, out: Path) -> subprocess.Popen | None:
    exe = py_spy()
    if exe is None:
        print("py-spy not installed (.venv/bin/pip install py-spy): no profile", file=sys.stderr)
        return None
    return subprocess.Popen([exe, "record", "--pid", str(pid), "--duration", str(int(seconds)),
                             "--rate", "200", "--format", "raw", "--output", str(out),
                             "--nonblocking", "--threads"],
                            stdout=subprocess.DEVNULL, stderr=open(f"{out}.log", "w"))


def _frame(frame: str) -> str:
    # py-spy raw frames look like "function (path/to/file.py:123)"; keep function + file:line
    # with the path cut to what follows site-packages/ or the checkout
    name, _, where = frame.partition(" (")
    where = where.rstrip(")")
    for cut in ("site-packages/", str(ROOT) + "/"):
        if cut in where:
            where = where.split(cut, 1)[1]
    return f"{name} ({where})" if where else name


def top(collapsed: Path, n: int = 10) -> str:
    """Top ``n`` frames by self and by inclusive samples, from py-spy's raw output."""
    own: collections.Counter = collections.Counter()
    incl: collections.Counter = collections.Counter()
    main: collections.Counter = collections.Counter()
    threads: collections.Counter = collections.Counter()
    total = 0
    idle = 0
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        count = int(count)
        parts = stack.split(";")
        thread = parts[0].split(": ", 1)[-1] if parts[0].startswith("thread") else "?"
        frames = [f for f in parts if f and not f.startswith(("thread", "process"))]
        if not frames:
            continue
        total += count
        threads["event loop (MainThread)" if thread == "MainThread" else "worker threads"] += count
        if thread == "MainThread":
            main[_frame(frames[-1])] += count
        leaf = _frame(frames[-1])
        if any(w in leaf for w in ("select (", "epoll", "_worker (concurrent", "wait (threading",
                                   "_recv (", "poll (")):
            idle += count
        own[leaf] += count
        for f in {_frame(f) for f in frames}:
            incl[f] += count
    if not total:
        return "(no samples)"
    lines = [f"{total:,} samples ({idle / total:.0%} in waits: select/epoll/idle threads)", "",
             "Self (top of stack):"]
    lines += [f"{i}. {c / total:5.1%}  {f}" for i, (f, c) in enumerate(own.most_common(n), 1)]
    lines += ["", "Samples by thread: " + ", ".join(f"{k} {v / total:.0%}" for k, v in threads.items())]
    main_total = sum(main.values())
    if main_total:
        lines += ["", "Event loop thread, self (share of its own samples):"]
        lines += [f"{i}. {c / main_total:5.1%}  {f}" for i, (f, c) in enumerate(main.most_common(n), 1)]
    lines += ["", "Inclusive, frames of cloudcv/ and sqlalchemy/reflex only:"]
    mine = [(f, c) for f, c in incl.most_common() if any(k in f for k in (
        "cloudcv/", "sqlalchemy/", "reflex/", "reflex_base/", "sqlite3", "pdftoppm", "subprocess"))]
    lines += [f"{i}. {c / total:5.1%}  {f}" for i, (f, c) in enumerate(mine[:n], 1)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(top(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10))
