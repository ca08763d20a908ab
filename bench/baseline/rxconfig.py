"""The blank Reflex app the benchmarks measure CloudCV against (bench/servers.py starts it).

Nothing but the framework: no database, no plugins beyond Reflex's defaults' minimum. Redis
and the worker count come from the environment (``REFLEX_REDIS_URL``, ``GRANIAN_WORKERS``),
exactly as for CloudCV.
"""

from pathlib import Path

import reflex as rx

_bun = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / ".bin" / "bun"

config = rx.Config(
    app_name="baseline",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
    **({"bun_path": _bun} if _bun.exists() else {}),
)
