"""axe-core in Chromium: inject ``axe.min.js`` (installed by the Makefile into .tools) into a
rendered page, run it, and return the violations with a message a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("minor", "moderate", "serious", "critical")
BLOCKING = ("serious", "critical")

# WCAG 2.x A/AA plus axe's best practices (landmarks, heading order, region, ...).
RUN_OPTIONS = {"resultTypes": ["violations"],
               "runOnly": {"type": "tag",
                           "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                      "best-practice"]}}


@dataclass
class AxeResult:
    url: str
    violations: list[dict] = field(default_factory=list)

    def of_impact(self, *impacts: str) -> list[dict]:
        return [v for v in self.violations if v.get("impact") in impacts]

    def counts(self) -> dict[str, int]:
        """Number of violating nodes per impact (one rule on 20 buttons counts 20)."""
        out = {impact: 0 for impact in IMPACTS}
        for v in self.violations:
            out[v.get("impact") or "minor"] += len(v["nodes"])
        return out

    def message(self, *impacts: str) -> str:
        chosen = self.of_impact(*impacts) if impacts else self.violations
        lines = [f"axe: {len(chosen)} rule(s) violated on {self.url}"]
        for v in chosen:
            lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} node(s))"
                         f"\n    {v['helpUrl']}")
            for node in v["nodes"][:8]:
                target = " ".join(" >> ".join(t) if isinstance(t, list) else t
                                  for t in node["target"])
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                lines.append(f"    at {target}\n      {summary[:300]}")
            if len(v["nodes"]) > 8:
                lines.append(f"    ... and {len(v['nodes']) - 8} more")
        return "\n".join(lines)


def run_axe(page: Page, *, context: str | dict | None = None) -> AxeResult:
    """Run axe-core on the page as it is now; inject the library on first use per document."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} missing: run `make test` (it installs axe-core)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Not add_script_tag: an inline <script> is refused by our CSP. Evaluation through
        # the DevTools protocol runs outside the page's policy.
        page.evaluate("() => { " + AXE_JS.read_text() + "\n}")
    # Let animations (dialogs, menus) finish so axe measures the final colours.
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    violations = page.evaluate(
        "([ctx, opts]) => axe.run(ctx || document, opts).then(r => r.violations)",
        [context, RUN_OPTIONS])
    return AxeResult(url=page.url, violations=violations)
