"""Lighthouse on the production build: /privacy against a near-blank page of the same app.

    .venv/bin/python bench/lighthouse.py [--runs 3] [--form-factor desktop|mobile]
                                         [--paths /privacy /] [--url http://host:port]

Starts ``reflex run --env prod`` from this checkout the way the browser tests do
(``tests/browser/conftest._start``: own data dir, migrated SQLite, free port) unless
``--url`` points at a running server, runs Lighthouse (performance only) ``--runs``
times per path and prints the median score, CLS, LCP, TBT and FCP per path.

Lighthouse itself is an npm package: ``npm install --prefix .tools lighthouse`` (the
script says so when it is missing). Chromium is ``/usr/bin/chromium`` (``CHROME_PATH``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIGHTHOUSE = ROOT / ".tools/node_modules/.bin/lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking --disable-component-update --disable-sync")
AUDITS = {"cls": "cumulative-layout-shift", "lcp": "largest-contentful-paint",
          "tbt": "total-blocking-time", "fcp": "first-contentful-paint"}


def run_lighthouse(url: str, *, form_factor: str, out: Path) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance",
           "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}"]
    if form_factor == "desktop":
        cmd.append("--preset=desktop")
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
    figures = {"score": report["categories"]["performance"]["score"]}
    for name, audit in AUDITS.items():
        figures[name] = report["audits"][audit]["numericValue"]
    return figures


def measure(base: str, paths: list[str], *, runs: int, form_factor: str) -> dict[str, dict]:
    results = {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        for path in paths:
            samples = [run_lighthouse(base + path, form_factor=form_factor,
                                      out=Path(tmp) / f"run{i}.json") for i in range(runs)]
            results[path] = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
            results[path]["runs"] = [s["score"] for s in samples]
    return results


def report(results: dict[str, dict], form_factor: str) -> None:
    print(f"Lighthouse {form_factor}, performance (median of runs)")
    print(f"{'path':<12} {'score':>5} {'CLS':>6} {'LCP ms':>7} {'TBT ms':>7} {'FCP ms':>7}  runs")
    for path, r in results.items():
        print(f"{path:<12} {r['score']:>5.2f} {r['cls']:>6.3f} {r['lcp']:>7.0f} {r['tbt']:>7.0f} "
              f"{r['fcp']:>7.0f}  {', '.join(f'{s:.2f}' for s in r['runs'])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--form-factor", choices=("desktop", "mobile"), default="desktop")
    parser.add_argument("--paths", nargs="+", default=["/privacy", "/"])
    parser.add_argument("--url", help="a running server (default: start one from this checkout)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"missing {LIGHTHOUSE}: npm install --prefix {ROOT / '.tools'} lighthouse",
              file=sys.stderr)
        return 2
    if args.url:
        report(measure(args.url.rstrip("/"), args.paths, runs=args.runs,
                       form_factor=args.form_factor), args.form_factor)
        return 0
    from tests.browser.conftest import _start

    servers = _start()
    server = next(servers)
    try:
        report(measure(server.url, args.paths, runs=args.runs, form_factor=args.form_factor),
               args.form_factor)
    finally:
        servers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
