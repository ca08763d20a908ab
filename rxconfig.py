"""Reflex configuration. Deployment knobs are environment variables (see cloudcv/config.py)."""

import os
from pathlib import Path

import reflex as rx

from cloudcv.config import settings

_bun = Path(__file__).parent / ".tools" / "node_modules" / ".bin" / "bun"

def _origins(base: str) -> list[str]:
    """Allow the public origin; for a localhost URL also its 127.0.0.1 twin (and back)."""
    twins = {base}
    for a, b in (("//localhost", "//127.0.0.1"), ("//127.0.0.1", "//localhost")):
        if a in base:
            twins.add(base.replace(a, b))
    return sorted(twins)


config = rx.Config(
    app_name="cloudcv",
    db_url=settings().db_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    cors_allowed_origins=_origins(settings().base_url),
    trusted_proxy_hops=int(os.environ.get("CLOUDCV_TRUSTED_PROXY_HOPS", "0")),
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(
        accent_color="indigo", gray_color="slate", radius="medium", scaling="100%",
        appearance="light"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
    **({"bun_path": _bun} if _bun.exists() else {}),
)
