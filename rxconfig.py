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

# Every page loads the whole Radix Themes library (Reflex's root imports it), but the bundler
# splits it by which pages import which part into ~20 chunks of 0.1-20 KB: ~30 requests per page
# where the blank app makes 10. On a mobile connection each costs a round trip on one of six
# connections (issue 20). One chunk for Radix and the icons instead.
_UI_CHUNK = """            {
              test: /node_modules[\\/](@radix-ui|lucide-react)[\\/]/,
              name: "ui",
            },
"""


class BundleChunksPlugin(rx.plugins.Plugin):
    """Adds the ``ui`` chunk group to the generated vite.config.js (Reflex has no setting)."""

    def pre_compile(self, **context):
        context["add_modify_task"]("vite.config.js", self.add_group)

    @staticmethod
    def add_group(config: str) -> str:
        anchor = "          groups: [\n"
        if anchor not in config:
            raise RuntimeError("vite.config.js changed shape: the ui chunk group is not added")
        return config if _UI_CHUNK in config else config.replace(anchor, anchor + _UI_CHUNK, 1)


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
        appearance="light")), BundleChunksPlugin()],
    disable_plugins=[rx.plugins.SitemapPlugin],
    **({"bun_path": _bun} if _bun.exists() else {}),
)
