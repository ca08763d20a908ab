"""Closed loop: 1 and 10 tabs saving as fast as answers come, CloudCV against the blank app,
on 1 worker (SQLite, no Redis) and on Redis + 2 workers (CloudCV on PostgreSQL).

    .venv/bin/python bench/throughput.py [--tabs 1 10] [--seconds 10] [--scale sqlite pg]

The same generator (``bench/loadgen.py``) drives both apps: CloudCV's logged-in editors call
``save_field`` on CVs of their own; the blank app's tabs call its one handler. Prints events/s,
the 1-tab p50, and the 2-worker/1-worker ratio for each app. Malformed events go in first
on every set-up (counted, not timed).

Goals (issue 20): CloudCV on 1 worker >= 50% of the blank app's events/s (10 tabs); CloudCV's
2-worker/1-worker ratio >= the blank app's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402
import loadgen as lg  # noqa: E402
import servers  # noqa: E402


async def measure(target, n: int, seconds: float, *, hostile: bool = False, victim=None):
    tabs = await lg.open_tabs(target, n)
    try:
        hostile_result = await lg.malformed(target, victim=victim) if hostile else None
        return await lg.closed_loop(target, tabs, seconds=seconds), hostile_result
    finally:
        await lg.close_tabs(tabs)


def run_scale(scale: str, tab_counts: list[int], seconds: float, notes: list[str]) -> dict:
    """{(app, tabs): Result} for one set-up."""
    out = {}
    with servers.baseline(scale) as blank, servers.cloudcv(scale) as app:
        editors = lg.make_editors(app.app, max(tab_counts))
        victim = lg.make_editors(app.app, 1, users=1)[0]
        before = lg.stored_field(app.app, victim)
        targets = (lg.BlankTarget(blank), lg.CloudCVTarget(app, editors))
        for n in tab_counts:
            for target in targets:
                report.settle(target.running)
                first = n == tab_counts[0]
                result, hostile = report.run(measure(target, n, seconds, hostile=first,
                                                     victim=victim))
                out[(target.name, n)] = result
                notes.append(f"{scale}: {result.line()}")
                if hostile is not None:
                    notes.append(f"{scale}: {hostile.line(target.name)}")
        unchanged = lg.stored_field(app.app, victim) == before
        notes.append(f"{scale}: the other user's CV after the malformed events: "
                     f"{'unchanged' if unchanged else '**CHANGED**'}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--seconds", type=float, default=report.seconds(10, 2))
    parser.add_argument("--scale", nargs="+", choices=servers.SCALES, default=list(servers.SCALES))
    args = parser.parse_args()
    notes: list[str] = []
    results: dict[str, dict] = {}
    for scale in servers.available(args.scale, notes):
        results[scale] = run_scale(scale, args.tabs, args.seconds, notes)

    label = {"sqlite": "1 worker (SQLite)", "pg": "Redis + 2 workers (PostgreSQL)"}
    rows = []
    most = max(args.tabs)
    for scale, res in results.items():
        for n in args.tabs:
            b, c = res[("baseline", n)], res[("CloudCV", n)]
            share = report.ratio(c.rate, b.rate)
            goal = scale == "sqlite" and n == most
            rows.append({"set-up": label[scale], "tabs": n,
                         "baseline": f"{report.fmt(b.rate, '/s')} (p50 {report.fmt(b.ms(.5), 'ms')})",
                         "CloudCV": f"{report.fmt(c.rate, '/s')} (p50 {report.fmt(c.ms(.5), 'ms')})",
                         "ratio": report.fmt(share, "%"),
                         "goal": "≥ 50% of baseline" if goal else "",
                         "met?": report.met(share >= 0.5) if goal else ""})
    if "sqlite" in results and "pg" in results:
        one, two = results["sqlite"], results["pg"]
        b = report.ratio(two[("baseline", most)].rate, one[("baseline", most)].rate)
        c = report.ratio(two[("CloudCV", most)].rate, one[("CloudCV", most)].rate)
        rows.append({"set-up": "2 workers / 1 worker", "tabs": most,
                     "baseline": report.fmt(b, "x"), "CloudCV": report.fmt(c, "x"),
                     "ratio": report.fmt(report.ratio(c, b), "x"),
                     "goal": "CloudCV's ≥ baseline's", "met?": report.met(c >= b)})
    columns = ["set-up", "tabs", "baseline", "CloudCV", "ratio", "goal", "met?"]
    body = (f"Closed loop, {args.seconds:g} s per level: events/s (saves answered per second) "
            f"and p50 round trip.\n\n" + report.table(rows, columns) + "\n\n"
            + "\n".join(f"- {n}" for n in notes))
    report.record("throughput", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
