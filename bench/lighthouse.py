"""Lighthouse (performance) on CloudCV's pages beside a blank Reflex app, in the same run.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--form-factors desktop mobile]
                                         [--pages / /inloggen /privacy editor /mijn-gegevens]

Issue 20's page goal: on the production build, desktop >= 0.98 on every page and mobile >= the
blank Reflex app's mobile score. The script starts

- CloudCV with ``reflex run --env prod`` the way the browser tests do
  (``tests/browser/conftest._start``: own data dir, migrated SQLite, SMTP on loopback, free port);
- the blank Reflex 0.10.1 app of ``bench/baseline/`` (one page, one input, one handler,
  one computed var) the same way, on a free port of its own.

The editor (``/cv/<id>``) and ``/mijn-gegevens`` are measured logged in: a user registered and
verified through ``services.accounts`` (the verification link comes out of the test SMTP
server), a CV made with ``services.cv.cvs.create_cv`` and a session token from
``services.accounts.sessions.create`` in the server's database, sent by Lighthouse as the
``cloudcv_session`` cookie (``--extra-headers``; Chromium sends it on the websocket handshake
too, which is where the state reads it). Every run checks Lighthouse's final URL: a page that
redirected (to /inloggen, say) fails the run instead of scoring the wrong page.

Runs are interleaved (run 1 of every page, then run 2, ...) so a slow spell of this shared box
falls on all pages alike; the table shows medians. The JS column is the bytes on the wire
(gzip) of the scripts the page loaded, from Lighthouse's network-requests audit. The hydrate
column is the JSON the server sends a new tab of the page before it is hydrated (Reflex's
``hydrate_and_load`` answer, through ``bench/loadgen.Tab``): every byte of it is parsed and
dispatched into the page's state on the phone's main thread.

Lighthouse is an npm package (``make .tools/node_modules/.bin/lighthouse``); Chromium is
``/usr/bin/chromium`` (``CHROME_PATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BLANK_APP = ROOT / "bench" / "baseline"
LIGHTHOUSE = ROOT / ".tools/node_modules/.bin/lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking --disable-component-update --disable-sync")
AUDITS = {"cls": "cumulative-layout-shift", "lcp": "largest-contentful-paint",
          "tbt": "total-blocking-time", "fcp": "first-contentful-paint"}
PAGES = ("/", "/inloggen", "/privacy", "editor", "/mijn-gegevens")
LOGGED_IN = {"editor", "/mijn-gegevens"}
DESKTOP_GOAL = 0.98
PASSWORD = "paarse olifant danst"
BLANK = "blank"


def run_lighthouse(url: str, *, form_factor: str, out: Path, cookie: str | None = None) -> dict:
    """One Lighthouse run; its score, metrics, final URL and the page's script bytes."""
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance",
           "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}"]
    if form_factor == "desktop":
        cmd.append("--preset=desktop")
    if cookie:
        cmd.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    for attempt in range(3):  # headless Chromium now and then fails to start on a busy box
        done = subprocess.run(cmd, env=env, timeout=300, capture_output=True, text=True)
        if done.returncode == 0:
            break
        print(f"lighthouse failed (attempt {attempt + 1}): {done.stderr.strip()[-300:]}",
              file=sys.stderr)
    else:
        raise RuntimeError(f"lighthouse kept failing on {url}")
    report = json.loads(out.read_text())
    final = report.get("finalDisplayedUrl") or report.get("finalUrl")
    if urlsplit(final).path.rstrip("/") != urlsplit(url).path.rstrip("/"):
        raise RuntimeError(f"{url} ended on {final}: not the page meant (logged out?)")
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    figures = {"score": report["categories"]["performance"]["score"]}
    for name, audit in AUDITS.items():
        figures[name] = report["audits"][audit]["numericValue"]
    requests = report["audits"]["network-requests"]["details"]["items"]
    figures["js"] = sum(r.get("transferSize", 0) for r in requests
                        if r.get("resourceType") == "Script")
    return figures


@contextmanager
def blank_server():
    """The blank Reflex app, production build, on a free port; yields its URL."""
    from tests.browser.conftest import reflex_prod
    from tests.smtp import free_port

    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="lighthouse-blank-")) / "server.log"
    env = {**os.environ, "PATH": f"{ROOT / '.tools/node_modules/.bin'}:{os.environ['PATH']}",
           "REFLEX_TELEMETRY_ENABLED": "false"}
    for name in ("REFLEX_DB_URL", "REFLEX_REDIS_URL", "GRANIAN_WORKERS"):
        env.pop(name, None)
    with reflex_prod(BLANK_APP, env, port, log):
        yield f"http://localhost:{port}"


def hydrate_bytes(base_url: str, path: str, cookie: str | None) -> int:
    """The size of the hydration answer a new tab of ``path`` gets (JSON characters)."""
    import asyncio

    from bench.loadgen import Tab

    async def one() -> int:
        tab = Tab(base_url, cookie=cookie or "", path=path)
        try:
            answer = await tab.open()
        finally:
            await tab.close()
        return sum(len(json.dumps(m)) for m in answer.messages)

    return asyncio.run(one())


def logged_in_user(server) -> tuple[str, int]:
    """A verified user with one CV and a live session on ``server``: (cookie, cv id)."""
    from cloudcv.services.accounts import accounts, sessions
    from cloudcv.services.core.devices import Client
    from cloudcv.services.cv import cvs
    from tests.smtp import text_body

    email = f"lighthouse-{os.getpid()}@example.nl"
    with server.session() as s:
        accounts.register(s, name="Lotte Lighthouse", email=email, password=PASSWORD)
    link = re.search(r"/bevestigen\?token=(\S+)",
                     text_body(server.smtp.wait_for(email, "Bevestig"))).group(1)
    with server.session() as s:
        accounts.verify_email(s, token=link)
        user = accounts.by_email(s, email)
        cv_id = cvs.create_cv(s, user_id=user.id, title="Ontwikkelaar")
        cvs.set_field(s, user_id=user.id, cv_id=cv_id, name="headline", value="Senior ontwikkelaar")
        token, _ = sessions.create(s, user=user, client=Client(ip="127.0.0.1",
                                   user_agent="Lighthouse"), now=datetime.now(UTC))
        s.commit()
    return f"cloudcv_session={token}", cv_id


def measure(targets: dict[str, tuple[str, str | None]], *, runs: int, form_factors: list[str],
            keep: Path | None = None) -> dict[tuple[str, str], dict]:
    """Median figures per (page, form factor); targets maps page -> (url, cookie).

    With ``keep`` every Lighthouse JSON report is kept there (to see where a score goes)."""
    samples: dict[tuple[str, str], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        for run in range(runs):
            for form_factor in form_factors:
                for page, (url, cookie) in targets.items():
                    started = time.monotonic()
                    name = f"{page.strip('/') or 'home'}-{form_factor}-{run + 1}.json"
                    s = run_lighthouse(url, form_factor=form_factor, cookie=cookie,
                                       out=(keep or Path(tmp)) / name)
                    samples.setdefault((page, form_factor), []).append(s)
                    print(f"run {run + 1}/{runs} {form_factor:<7} {page:<14} {s['score']:.2f} "
                          f"({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    results = {}
    for key, runs_of in samples.items():
        results[key] = {k: statistics.median(s[k] for s in runs_of) for k in runs_of[0]}
        results[key]["runs"] = [s["score"] for s in runs_of]
    return results


def report(results: dict[tuple[str, str], dict], form_factors: list[str], pages: list[str]) -> bool:
    """Print the markdown table; True when every goal is met."""
    all_met = True
    print("| page | form factor | CloudCV | blank | goal | met? | LCP ms | TBT ms | CLS | FCP ms "
          "| JS gzip KB | hydrate KB | runs |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for form_factor in form_factors:
        blank = results[(BLANK, form_factor)]
        for page in [*pages, BLANK]:
            r = results[(page, form_factor)]
            if page == BLANK:
                score, goal, met = "", "", ""
            else:
                goal_value = DESKTOP_GOAL if form_factor == "desktop" else blank["score"]
                ok = r["score"] >= goal_value
                all_met &= ok
                score, goal, met = f"{r['score']:.2f}", f"≥ {goal_value:.2f}", "yes" if ok else "NO"
            print(f"| {page} | {form_factor} | {score or '—'} | {blank['score']:.2f} | {goal or '—'} "
                  f"| {met or '—'} | {r['lcp']:.0f} | {r['tbt']:.0f} | {r['cls']:.3f} "
                  f"| {r['fcp']:.0f} | {r['js'] / 1024:.0f} | {r.get('hydrate', 0) / 1024:.1f} "
                  f"| {', '.join(f'{x:.2f}' for x in r['runs'])} |")
    return all_met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--form-factors", nargs="+", choices=("desktop", "mobile"),
                        default=["desktop", "mobile"])
    parser.add_argument("--pages", nargs="+", default=list(PAGES),
                        help=f"paths of CloudCV; 'editor' is /cv/<id> (default: {' '.join(PAGES)})")
    parser.add_argument("--keep-reports", type=Path, metavar="DIR",
                        help="keep every Lighthouse JSON report in DIR")
    args = parser.parse_args()
    if args.keep_reports:
        args.keep_reports.mkdir(parents=True, exist_ok=True)
    if not LIGHTHOUSE.exists():
        print(f"missing {LIGHTHOUSE}: make {LIGHTHOUSE.relative_to(ROOT)}", file=sys.stderr)
        return 2
    from tests.browser.conftest import _start

    servers = _start()
    server = next(servers)
    try:
        with blank_server() as blank_url:
            cookie = cv_id = None
            if LOGGED_IN & set(args.pages):
                cookie, cv_id = logged_in_user(server)
            targets = {}
            for page in args.pages:
                path = f"/cv/{cv_id}" if page == "editor" else page
                targets[page] = (server.url + path, cookie if page in LOGGED_IN else None)
            targets[BLANK] = (blank_url + "/", None)
            results = measure(targets, runs=args.runs, form_factors=args.form_factors,
                              keep=args.keep_reports)
            for page, (url, cookie) in targets.items():
                parts = urlsplit(url)
                size = hydrate_bytes(f"{parts.scheme}://{parts.netloc}", parts.path, cookie)
                for form_factor in args.form_factors:
                    results[(page, form_factor)]["hydrate"] = size
    finally:
        servers.close()
    version = json.loads((ROOT / ".tools/node_modules/lighthouse/package.json").read_text())
    print(f"\nLighthouse {version['version']}, performance, median of "
          f"{args.runs} run(s), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores")
    met = report(results, args.form_factors, args.pages)
    print(f"\nall goals met: {'yes' if met else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
