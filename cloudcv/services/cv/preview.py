"""The editor's live preview: every page of the real PDF as one PNG (pdftoppm + Pillow).

Called by ``rendering.render_preview`` (which checks ownership); served by ``api.py``
at ``/api/cv/<id>/preview.png``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

DPI = 60
GAP = 16


def pages_png(pdf: bytes, *, dpi: int = DPI, max_pages: int = 6) -> bytes:
    """The first ``max_pages`` pages of ``pdf`` stacked into one PNG. Any caller.

    Raises ``RuntimeError`` without ``pdftoppm`` and ``subprocess.CalledProcessError`` /
    ``TimeoutExpired`` when it fails.
    """
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RuntimeError("pdftoppm (poppler-utils) is required for the preview")
    with tempfile.TemporaryDirectory(prefix="cloudcv-preview-") as tmp:
        src = Path(tmp) / "cv.pdf"
        src.write_bytes(pdf)
        subprocess.run([exe, "-png", "-r", str(dpi), "-f", "1", "-l", str(max_pages),
                        str(src), str(Path(tmp) / "p")], check=True, timeout=30,
                       capture_output=True)
        pages = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p-*.png"))]
    width = max(p.width for p in pages)
    height = sum(p.height for p in pages) + GAP * (len(pages) - 1)
    sheet = Image.new("RGB", (width, height), (229, 231, 235))
    y = 0
    for page in pages:
        sheet.paste(page, (0, y))
        y += page.height + GAP
    out = io.BytesIO()
    sheet.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()
