"""What every load benchmark shares: quick mode, the machine, the markdown table, and the
run log in ``docs/performance.md`` that each run appends its figures to."""

from __future__ import annotations

import asyncio
import math
import os
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
for path in (ROOT, ROOT / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

PERFORMANCE_MD = ROOT / "docs" / "performance.md"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")


def seconds(full: float, quick: float = 2.0) -> float:
    """A measuring window: ``full`` normally, ``quick`` under ``BENCH_QUICK=1``."""
    return quick if QUICK else full


def machine() -> str:
    """Cores and CPU model, from /proc/cpuinfo."""
    model, cores = "unknown CPU", 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and model == "unknown CPU":
                model = line.split(":", 1)[1].strip()
            if line.startswith("processor"):
                cores += 1
    except OSError:
        pass
    return f"{cores or os.cpu_count()} cores, {model}"


def now_amsterdam() -> str:
    return datetime.now(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%d %H:%M %Z")


def fmt(value: float, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "/s":
        return f"{value:,.0f}/s"
    if unit == "ms":
        return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "%":
        return f"{value:.0%}"
    return str(value)


def ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else math.nan


def table(rows: list[dict], columns: list[str]) -> str:
    """A markdown table of ``rows`` (dicts of already formatted cells)."""
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    out += ["| " + " | ".join(str(r.get(c, "")) for c in columns) + " |" for r in rows]
    return "\n".join(out)


def met(ok: bool | None) -> str:
    return "–" if ok is None else ("yes" if ok else "**no**")


def record(title: str, body: str, *, argv: list[str] | None = None) -> None:
    """Print a run's figures and append them to docs/performance.md with the date (Europe/
    Amsterdam), the machine and how it was run."""
    how = " ".join(["bench/" + Path(sys.argv[0]).name, *(argv if argv is not None else sys.argv[1:])])
    head = (f"### {title} — {now_amsterdam()}\n\n"
            f"Machine: {machine()}. Run: `{how}`{' (BENCH_QUICK=1)' if QUICK else ''}.\n\n")
    text = head + body.rstrip() + "\n"
    print("\n" + text)
    if os.environ.get("BENCH_NO_RECORD"):
        return
    PERFORMANCE_MD.parent.mkdir(parents=True, exist_ok=True)
    with open(PERFORMANCE_MD, "a") as fh:
        fh.write("\n" + text)


def settle(running, *, quiet: float = 0.15, timeout: float = 60) -> float:
    """Wait until a server's processes are idle (under ``quiet`` of one core for a second),
    so work left over from one measurement does not land in the next; returns the wait."""
    started = time.monotonic()

    def cpu() -> float:
        total = 0
        for pid in running.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass
        return total / os.sysconf("SC_CLK_TCK")

    while time.monotonic() - started < timeout:
        before = cpu()
        time.sleep(1)
        if cpu() - before < quiet:
            break
    return time.monotonic() - started


def run(coro):
    return asyncio.run(coro)
