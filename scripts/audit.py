"""P29: audit the locked dependencies for known vulnerabilities (run by `make test`).

Python: ``pip-audit`` over ``requirements.lock`` (every package pinned ``==``) against the OSV
database. Frontend: ``bun audit`` over ``reflex.lock/bun.lock`` (the lockfile Reflex copies into
``.web``) against the npm registry's advisory endpoint.

Exit code: 0 when nothing is known to be vulnerable, and also when an advisory database cannot be
reached (a WARNING says which lockfile went unaudited and why); 1 when a known vulnerability is
found; 2 when the audit itself cannot run (bad lockfile, tool missing, unexpected tool error).

The services can be redirected with the tools' own variables: ``PIP_AUDIT_OSV_URL`` (pip-audit)
and ``NPM_CONFIG_REGISTRY`` (bun); ``HTTPS_PROXY`` is honoured by both.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLEAN, VULNERABLE, BROKEN = 0, 1, 2
TIMEOUT = 300  # seconds for one tool run; the services answer in a few seconds
PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!_-]+$")
# What pip-audit and bun print when the advisory service did not answer (connection refused,
# DNS failure, timeout, proxy or TLS failure, or an HTTP error status from the service).
UNREACHABLE = re.compile(
    r"ConnectionError|ConnectTimeout|ReadTimeout|ProxyError|SSLError|NameResolutionError"
    r"|Max retries exceeded|Could not connect|network may be blocking|ServiceError"
    r"|^error: (POST|GET) \S+ - ", re.M)


@dataclass
class Outcome:
    """What one audit found: a verdict and the lines to print."""

    verdict: int
    lines: list[str] = field(default_factory=list)


def pinned_lines(lock: Path) -> list[str]:
    """The requirement lines of ``lock``; ValueError for anything not ``name==version``."""
    lines = []
    for number, raw in enumerate(lock.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not PIN.match(line) or line.lower().startswith("cloudcv=="):
            raise ValueError(f"{lock.name}:{number}: not an exact pin of a dependency: {line}")
        lines.append(line)
    return lines


def audit_python(lock: Path) -> Outcome:
    """pip-audit over ``lock``: vulnerable, clean, or unaudited (service unreachable)."""
    try:
        count = len(pinned_lines(lock))
    except (OSError, ValueError) as err:
        return Outcome(BROKEN, [f"audit: ERROR: {err}"])
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "pip-audit.json"
        run = _run([sys.executable, "-m", "pip_audit", "-r", str(lock), "--no-deps",
                    "--disable-pip", "-s", "osv", "--format", "json", "--aliases", "on",
                    "--output", str(report), "--progress-spinner", "off", "--timeout", "30"])
        found = json.loads(report.read_text()) if report.exists() else None
    if found is not None:
        vulnerable = [dep for dep in found["dependencies"] if dep.get("vulns")]
        skipped = [dep for dep in found["dependencies"] if "skip_reason" in dep]
        lines = [f"audit: VULNERABLE: {dep['name']} {dep['version']}: {vuln['id']}"
                 f" ({', '.join(vuln.get('aliases', [])) or 'no aliases'})"
                 f"; fixed in {', '.join(vuln.get('fix_versions', [])) or 'no release yet'}"
                 for dep in vulnerable for vuln in dep["vulns"]]
        lines += [f"audit: WARNING: {lock.name}: {dep['name']} was not audited: "
                  f"{dep['skip_reason']}" for dep in skipped]
        if vulnerable:
            return Outcome(VULNERABLE, lines)
        if run.returncode == 0:
            audited = count - len(skipped)
            return Outcome(CLEAN, lines + [f"audit: {lock.name}: no known vulnerabilities in "
                                           f"{audited} packages (pip-audit, OSV)"])
    elif run.returncode == 0:
        return Outcome(CLEAN, [f"audit: {lock.name}: no known vulnerabilities in {count} "
                               "packages (pip-audit, OSV)"])
    output = run.stderr + run.stdout
    if UNREACHABLE.search(output):
        return Outcome(CLEAN, [_warning(lock.name, "the Python advisory database (OSV)",
                                        output)])
    return Outcome(BROKEN, [f"audit: ERROR: pip-audit failed (exit {run.returncode}):",
                            _tail(output)])


def audit_frontend(lock_dir: Path) -> Outcome:
    """bun audit over ``lock_dir/bun.lock``: vulnerable, clean, or unaudited."""
    lock = lock_dir / "bun.lock"
    if not lock.is_file() or not (lock_dir / "package.json").is_file():
        return Outcome(BROKEN, [f"audit: ERROR: no bun.lock and package.json in {lock_dir}"])
    bun = shutil.which("bun") or shutil.which("bun", path=str(ROOT / ".tools/node_modules/.bin"))
    if bun is None:
        return Outcome(BROKEN, ["audit: ERROR: bun not found (run `make bootstrap`)"])
    run = _run([bun, "audit", "--json"], cwd=lock_dir)
    try:
        found = json.loads(run.stdout)
    except ValueError:
        found = None
    if run.returncode == 0 and found == {}:
        return Outcome(CLEAN, [f"audit: {lock_dir.name}/bun.lock: no known vulnerabilities "
                               "(bun audit, npm registry)"])
    if isinstance(found, dict) and found:
        return Outcome(VULNERABLE, [
            f"audit: VULNERABLE: {name} ({advisory.get('vulnerable_versions', '?')}): "
            f"{advisory.get('severity', '?')}: {advisory.get('title', '?')} "
            f"{advisory.get('url', '')}".rstrip()
            for name, advisories in found.items() for advisory in advisories])
    output = run.stderr + run.stdout
    if UNREACHABLE.search(output):
        return Outcome(CLEAN, [_warning(f"{lock_dir.name}/bun.lock",
                                        "the npm advisory endpoint", output)])
    return Outcome(BROKEN, [f"audit: ERROR: bun audit failed (exit {run.returncode}):",
                            _tail(output)])


def _run(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                              timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 124, "", "ReadTimeout: no answer in time")


def _warning(what: str, service: str, output: str) -> str:
    reason = UNREACHABLE.search(output).group(0)
    detail = next((line.strip() for line in reversed(output.splitlines())
                   if UNREACHABLE.search(line)), reason)
    return (f"audit: WARNING: {service} could not be reached; {what} was NOT audited "
            f"this run. Cause: {detail[:300]}")


def _tail(output: str, lines: int = 15) -> str:
    return "\n".join(output.strip().splitlines()[-lines:])


def main(argv: list[str] | None = None) -> int:
    """Run the audits asked for; print what each found; return the worst verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-lock", type=Path, default=ROOT / "requirements.lock")
    parser.add_argument("--frontend-lock", type=Path, default=ROOT / "reflex.lock",
                        help="folder holding bun.lock and package.json")
    parser.add_argument("--only", choices=["python", "frontend"])
    args = parser.parse_args(argv)
    outcomes = []
    if args.only in (None, "python"):
        outcomes.append(audit_python(args.python_lock))
    if args.only in (None, "frontend"):
        outcomes.append(audit_frontend(args.frontend_lock))
    for outcome in outcomes:
        for line in outcome.lines:
            print(line)
    verdict = max(outcome.verdict for outcome in outcomes)
    if verdict == VULNERABLE:
        print("audit: FAILED: upgrade the pins above (docs/security.md, "
              "'Dependencies and patching')")
    return verdict


if __name__ == "__main__":
    sys.exit(main())
