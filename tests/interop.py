"""The published formats we speak (``../shared/interop/``), for tests: the shared copy when
the checkout has it (then the committed copy in ``docs/interop/`` must be identical), the
committed copy otherwise (a clean clone, CI)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "interop"
COPY = ROOT / "docs" / "interop"


def interop(name: str) -> Path:
    """``jsonresume/schema.json`` and the like: the published file."""
    shared, copy = SHARED / name, COPY / name
    if shared.exists():
        assert shared.read_bytes() == copy.read_bytes(), f"{copy} differs from {shared}: copy it again"
        return shared
    return copy
