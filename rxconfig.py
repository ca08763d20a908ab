"""Reflex configuration. Deployment knobs are environment variables (see cloudcv/config.py)."""

import os
from pathlib import Path

import reflex as rx

from cloudcv.config import settings

_bun = Path(__file__).parent / ".tools" / "node_modules" / ".bin" / "bun"


def _respawn_failed_workers() -> None:
    """Reflex 0.10.1 starts Granian (``reflex run --env prod``) without
    ``respawn_failed_workers``, and Granian then stops the whole server when one worker dies
    (OOM kill, segfault): with GRANIAN_WORKERS=2 the surviving worker went down with it
    (tests/browser/test_scaleout.py). Make respawning Granian's default; its crash-loop guard
    still stops a worker that dies again within seconds of its respawn."""
    try:
        from granian.server.common import AbstractServer
    except ImportError:  # no Granian: nothing to patch
        return
    init = AbstractServer.__init__
    if getattr(init, "_cloudcv_respawn", False):
        return

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("respawn_failed_workers", True)
        init(self, *args, **kwargs)

    __init__._cloudcv_respawn = True
    AbstractServer.__init__ = __init__


_respawn_failed_workers()

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
