"""20 concurrent real logins (argon2) while 200 logged-in tabs type: the typists' p95 against
their own idle p95, measured in the same run on the same tabs.

    .venv/bin/python bench/logins.py [--typists 200] [--logins 20] [--seconds 10]
                                     [--scale sqlite pg] [--fetch]

Starts CloudCV from this checkout (``bench/servers.py``). The typists are logged-in editors
saving once a second (``bench/loadgen.py`` open loop; ``--fetch`` adds the page's after-save
fetch, which on its own saturates this machine, see bench/events.py). First they type alone
for ``--seconds`` (idle), then for as long again while ``--logins`` tabs on /inloggen submit
the real login form (``LoginState.submit``) over and over, each the moment its last login
was answered. The blank app does not log in: the typists' idle p95 is the reference.

Goal (issue 20): the typists' p95 during the logins <= 2x their idle p95.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402
import loadgen as lg  # noqa: E402
import servers  # noqa: E402

GOAL = 2.0


async def scenario(target, typists: int, seconds: float, emails: list[str], fetch: bool):
    from tests.factories import PASSWORD

    tabs = await lg.open_tabs(target, typists)
    try:
        idle = await lg.open_loop(target, tabs, seconds=seconds, fetch=fetch)
        busy, storm = await asyncio.gather(
            lg.open_loop(target, tabs, seconds=seconds, fetch=fetch),
            lg.login_storm(target.url, emails, PASSWORD, seconds=seconds))
        return idle, busy, storm
    finally:
        await lg.close_tabs(tabs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--typists", type=int, default=200)
    parser.add_argument("--logins", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=report.seconds(10, 3))
    parser.add_argument("--scale", nargs="+", choices=servers.SCALES, default=["sqlite"])
    parser.add_argument("--fetch", action="store_true", help="typists also fetch the preview")
    args = parser.parse_args()
    rows, notes = [], []
    for scale in servers.available(args.scale, notes):
        with servers.cloudcv(scale) as app:
            editors = lg.make_editors(app.app, args.typists)
            emails = [email for _, email in lg.make_users(app.app, args.logins, "login")]
            report.settle(app)
            idle, busy, storm = report.run(scenario(lg.CloudCVTarget(app, editors),
                                                    args.typists, args.seconds, emails,
                                                    args.fetch))
        r = report.ratio(busy.ms(.95), idle.ms(.95))
        rows.append({"set-up": f"{scale}, {app.workers} worker{'s' if app.workers > 1 else ''}",
                     "typists idle p95": report.fmt(idle.ms(.95), "ms"),
                     "typists during logins p95": report.fmt(busy.ms(.95), "ms"),
                     "ratio": report.fmt(r, "x"),
                     "logins done (p95)": f"{storm.ok} ({report.fmt(lg.pct(storm.latencies, .95) * 1000, 'ms')})",
                     "goal": f"≤ {GOAL:g}× idle", "met?": report.met(r <= GOAL)})
        notes += [f"{scale} idle: {idle.line()}", f"{scale} during logins: {busy.line()}",
                  f"{scale}: {storm.line()}"]
        if storm.ok == 0:
            notes.append(f"{scale}: **no login succeeded: the figures do not measure logins**")
    columns = ["set-up", "typists idle p95", "typists during logins p95", "ratio",
               "logins done (p95)", "goal", "met?"]
    body = (f"{args.typists} typists at 1 save/s{' with the after-save fetch' if args.fetch else ''}"
            f", {args.seconds:g} s idle then {args.seconds:g} s with {args.logins} concurrent "
            f"logins through the login form's event. Reference: the same typists idle, same run."
            f"\n\n" + report.table(rows, columns) + "\n\n" + "\n".join(f"- {n}" for n in notes))
    report.record("logins", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
