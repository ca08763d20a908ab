"""Open loop: N logged-in tabs typing in a CV field at 1 save/s each, against the blank app.

    .venv/bin/python bench/events.py [--tabs 50 200 500] [--seconds 15] [--scale sqlite pg]
                                     [--no-fetch] [--profile SECONDS]

Starts the blank Reflex app and CloudCV from this checkout (``bench/servers.py``; ``sqlite``:
SQLite and 1 worker, ``pg``: PostgreSQL + Redis and 2 workers, when those answer). CloudCV's
tabs are logged-in editors, each on a CV of its own (``bench/loadgen.py``), calling
``EditorState.save_field("headline", ...)`` once a second and then fetching what the real
page fetches after a save (``loadgen.after_save``: today the preview image), timed apart.
The blank app's tabs call its one handler on the same schedule. Latency counts from each
save's scheduled time. Malformed events go in at the first load level of every run (N tabs connected).
Afterwards every tab's last acknowledged value is read back through the services, and the
other user's CV is checked unchanged.

Goal (issue 20): CloudCV's p95 at 200 tabs <= 3x the blank app's p95, in the same run.
``--profile S`` records S seconds of py-spy on CloudCV's busiest process at 200 tabs and
prints the top frames.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402  (puts the checkout on sys.path)
import loadgen as lg  # noqa: E402
import servers  # noqa: E402

GOAL = 3.0  # CloudCV p95 / blank p95 at 200 tabs


async def measure(target, n: int, seconds: float, *, fetch: bool, hostile: bool,
                  victim=None, profile: float = 0, profile_out: Path | None = None):
    """One load level on one target; with ``hostile`` the malformed events go in first.
    Returns (Result, Malformed or None)."""
    tabs = await lg.open_tabs(target, n)
    try:
        # before the measured window, not during it: the generator's own 1 MB send stalls its
        # event loop for ~0.3 s, which would show up as the typists' latency
        hostile_result = await lg.malformed(target, victim=victim) if hostile else None
        loop = asyncio.create_task(lg.open_loop(target, tabs, seconds=seconds, fetch=fetch))
        spy = None
        if profile and profile_out is not None:
            import pyspy

            await asyncio.sleep(1)
            pid = await asyncio.to_thread(target.running.busiest_pid)
            spy = pyspy.spy(pid, profile, profile_out)
        result = await loop
        if spy is not None:
            await asyncio.to_thread(spy.wait, profile + 30)
        return result, hostile_result
    finally:
        await lg.close_tabs(tabs)


def run_scale(scale: str, tab_counts: list[int], seconds: float, fetch: bool,
              profile: float) -> tuple[list[dict], list[str]]:
    rows, notes = [], []
    with servers.baseline(scale) as blank, servers.cloudcv(scale) as app:
        lg.check_names(app.web_dir, [f"{lg.EDITOR}.save_field"])
        lg.check_names(blank.web_dir, [lg.BLANK + ".set_text"])
        editors = lg.make_editors(app.app, max(tab_counts))
        victim = lg.make_editors(app.app, 1, users=1)[0]  # an account of its own
        victim_before = lg.stored_field(app.app, victim)
        cloud = lg.CloudCVTarget(app, editors)
        plain = lg.BlankTarget(blank)
        for n in tab_counts:
            report.settle(blank)
            first = n == tab_counts[0]
            b, bm = report.run(measure(plain, n, seconds, fetch=fetch, hostile=first))
            report.settle(app)
            out = Path(app.log).parent / f"profile-{n}.txt"
            c, cm = report.run(measure(cloud, n, seconds, fetch=fetch, hostile=first, victim=victim,
                                       profile=profile if n == 200 else 0, profile_out=out))
            lost = lg.lost_acknowledged(app.app, editors, c)
            for name, m in (("baseline", bm), ("CloudCV", cm)):
                if m is not None:
                    notes.append(f"{scale}: {m.line(name)}")
            notes += [f"{scale}: {b.line()}", f"{scale}: {c.line()}"]
            if lost:
                notes.append(f"{scale}: **{lost} tabs lost an acknowledged save** (stored older than acknowledged)")
            if profile and n == 200 and out.exists():
                import pyspy

                notes.append(f"{scale}: py-spy, CloudCV at 200 tabs ({out}):\n\n```\n"
                             f"{pyspy.top(out)}\n```")
            r = report.ratio(c.ms(.95), b.ms(.95))
            rows.append({
                "set-up": f"{scale}, {app.workers} worker{'s' if app.workers > 1 else ''}",
                "tabs": n,
                "baseline p50 / p95": f"{report.fmt(b.ms(.5), 'ms')} / {report.fmt(b.ms(.95), 'ms')}",
                "CloudCV p50 / p95 / p99 / max": " / ".join(
                    report.fmt(c.ms(q), "ms") for q in (.5, .95, .99, 1)),
                "ratio p95": report.fmt(r, "x"),
                "CloudCV saves answered": f"{c.answered}/{c.offered}",
                "after-save fetch p50 / p95": (f"{report.fmt(c.ms(.5, 'fetches'), 'ms')} / "
                                               f"{report.fmt(c.ms(.95, 'fetches'), 'ms')}"
                                               if fetch else "off"),
                "goal": f"p95 ≤ {GOAL:g}× baseline" if n == 200 else "",
                "met?": report.met(r <= GOAL) if n == 200 else "",
            })
        unchanged = lg.stored_field(app.app, victim) == victim_before
        notes.append(f"{scale}: the other user's CV after the malformed events: "
                     f"{'unchanged' if unchanged else '**CHANGED**'}")
    return rows, notes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--seconds", type=float, default=report.seconds(15, 3))
    parser.add_argument("--scale", nargs="+", choices=servers.SCALES, default=list(servers.SCALES))
    parser.add_argument("--no-fetch", action="store_true", help="saves only, no after-save fetch")
    parser.add_argument("--profile", type=float, default=0, metavar="SECONDS")
    args = parser.parse_args()
    columns = ["set-up", "tabs", "baseline p50 / p95", "CloudCV p50 / p95 / p99 / max",
               "ratio p95", "CloudCV saves answered", "after-save fetch p50 / p95", "goal", "met?"]
    notes: list[str] = []
    # one entry per set-up, written as soon as it is measured: a long run keeps what it has
    for scale in servers.available(args.scale, notes):
        rows, scale_notes = run_scale(scale, args.tabs, args.seconds, not args.no_fetch,
                                      args.profile)
        body = (f"Open loop, 1 save/s per tab, {args.seconds:g} s per level; latency from each "
                f"save's scheduled time; CloudCV tabs also fetch what the page fetches after a "
                f"save{' (off in this run)' if args.no_fetch else ''}.\n\n"
                + report.table(rows, columns) + "\n\n"
                + "\n".join(f"- {n}" for n in notes + scale_notes))
        report.record(f"events ({scale})", body)
        notes = []
    if notes:  # set-ups skipped after the last one measured
        report.record("events (skipped)", "\n".join(f"- {n}" for n in notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
