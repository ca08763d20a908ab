"""The blank Reflex 0.10.1 app Lighthouse measures beside CloudCV (bench/lighthouse.py).

Built and served by ``reflex run --env prod`` from this directory; the bun of the repository's
``.tools`` is used when present (Reflex cannot download its own here).
"""

from pathlib import Path

import reflex as rx

_bun = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / ".bin" / "bun"

config = rx.Config(
    app_name="blank_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
    **({"bun_path": _bun} if _bun.exists() else {}),
)
