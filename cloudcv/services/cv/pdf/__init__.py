"""PDF export of a CV.

``render(doc)`` lays out a :class:`~cloudcv.services.cv.pdf.document.CVDocument` with
the template ``doc.template`` from the registry (``registry.py``; the layouts are the
modules of ``templates/``) and returns the PDF bytes. It is a pure function and safe to
call from several worker threads at once. ``render_png`` turns one page into a PNG with
poppler's ``pdftoppm`` (the template tests compare pages with it; the editor's live preview
is drawn in process by ``services/cv/preview.py``). The engine the layouts share: ``engine.py``
(fonts, document), ``canvas.py``, ``rows.py``, ``blocks.py``, ``colour.py``; the fast
path under fpdf2: ``fast/``. Who may render which CV is decided before a document
exists: ``services/cv/rendering.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable

from . import engine, families, registry, scripts
from .canvas import Canvas, Ctx
from .colour import parse_color
from .document import CVDocument, Fact, Item, Section

__all__ = [
    "CVDocument",
    "Fact",
    "Item",
    "PdfToolMissing",
    "PreviewError",
    "Section",
    "build",
    "page_count",
    "render",
    "render_png",
    "warm_up",
]

PREVIEW_TIMEOUT = 30  # seconds


class PreviewError(RuntimeError):
    """The preview image could not be made."""


class PdfToolMissing(PreviewError):
    """A poppler-utils program (``pdftoppm``, ``pdfinfo``) is not installed."""


def build(doc: CVDocument, use_fast: bool = True) -> engine.CVPdf:
    """Lay out ``doc`` with its template in a new document (not yet output).

    ``use_fast=False`` uses stock fpdf2 throughout (for comparison in tests and the
    benchmark). Any caller; raises ``Invalid("error.template_unknown")`` when
    ``doc.template`` is not in the registry.
    """
    template = registry.get(doc.template)
    family = doc.typography.font if doc.typography.font in families.FAMILIES else families.DEFAULT
    eng = engine.engine(family)
    pdf = engine.new_pdf(use_fast, family)
    c = Canvas(pdf, eng.script, eng.images if use_fast else None, family,
               eng.add_fallbacks if use_fast else None, eng.memo if use_fast else None)
    name = c.line(doc.name)
    pdf.set_title(c.line(doc.title) or name)
    pdf.set_author(name)
    pdf.set_lang(re.sub(r"[^A-Za-z0-9-]", "", doc.lang or "")[:35] or "nl")
    pdf.add_page()
    template.build(Ctx(c, doc, parse_color(doc.accent)))
    return pdf


def render(doc: CVDocument) -> bytes:
    """The CV as PDF bytes, laid out with the template ``doc.template``.

    Pure and thread-safe; any caller. Raises ``Invalid("error.template_unknown")`` for
    a name the registry does not hold: there is no fallback layout.
    """
    return bytes(build(doc).output())


def unprintable(texts: Iterable[str], family: str = families.DEFAULT) -> list[str]:
    """The distinct characters of ``texts`` that neither ``family`` (a ``families.py`` key,
    another is the default) nor any fallback font draws: the PDF prints them as □. The
    editor warns about them. Any caller; the family's engine is built on first use
    (:func:`warm_up` builds them all at start)."""
    covered = engine.engine(family if family in families.FAMILIES else families.DEFAULT).covered
    found: dict[str, None] = {}
    for text in texts:
        if text and not text.isascii():
            found.update(dict.fromkeys(scripts.uncovered(text, covered)))
    return list(found)


def is_warm(family: str) -> bool:
    """Whether ``family``'s engine is built (then :func:`unprintable` is a few set lookups;
    otherwise its first call parses fonts for ~0.3-0.8 s). Any caller."""
    return engine.built(family if family in families.FAMILIES else families.DEFAULT)


def warm_up() -> None:
    """Parse the fonts of every family and discover the templates now (~0.3-0.5 s per
    family, once per process) instead of in the first render. Any caller (the scheduler
    calls it at start)."""
    for family in families.FAMILIES:
        engine.engine(family)
    registry.templates()


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise PdfToolMissing(f"{name} not found: install poppler-utils to render previews")
    return path


def render_png(pdf: bytes, page: int = 1, dpi: int = 60) -> bytes:
    """PNG of one page of ``pdf`` (1-based), rendered by ``pdftoppm`` at ``dpi``.

    Any caller. Raises ``ValueError`` for a page below 1 or a dpi outside 10-600,
    :class:`PdfToolMissing` without poppler-utils and :class:`PreviewError` when
    ``pdftoppm`` fails (e.g. the page does not exist).
    """
    page, dpi = int(page), int(dpi)
    if page < 1:
        raise ValueError("page numbers start at 1")
    if not 10 <= dpi <= 600:
        raise ValueError("dpi must be between 10 and 600")
    cmd = [_tool("pdftoppm"), "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-"]
    try:
        proc = subprocess.run(cmd, input=pdf, capture_output=True, timeout=PREVIEW_TIMEOUT, check=False)
    except FileNotFoundError as exc:  # removed between which() and run()
        raise PdfToolMissing(str(exc)) from exc
    except subprocess.TimeoutExpired as exc:
        raise PreviewError("pdftoppm timed out") from exc
    if proc.returncode != 0 or not proc.stdout.startswith(b"\x89PNG"):
        message = proc.stderr.decode("utf-8", "replace").strip() or f"exit status {proc.returncode}"
        raise PreviewError(f"pdftoppm failed for page {page}: {message}")
    return proc.stdout


_PAGES_COUNT = re.compile(rb"/Type\s*/Pages\b")
_COUNT = re.compile(rb"/Count\s+(\d+)")


def page_count(pdf: bytes) -> int:
    """Number of pages of a PDF made by :func:`render`.

    Reads ``/Count`` of the page tree root, which fpdf2 writes uncompressed; falls
    back to ``pdfinfo`` for other PDFs. Any caller; raises :class:`PreviewError` when
    the count cannot be found.
    """
    for obj in re.finditer(rb"\d+\s+0\s+obj\b(.*?)endobj", pdf, re.S):
        body = obj.group(1)
        if _PAGES_COUNT.search(body) and b"/Parent" not in body.split(b"stream", 1)[0]:
            m = _COUNT.search(body)
            if m:
                return int(m.group(1))
    proc = subprocess.run([_tool("pdfinfo"), "-"], input=pdf, capture_output=True, timeout=PREVIEW_TIMEOUT)
    m = re.search(rb"^Pages:\s+(\d+)", proc.stdout, re.M)
    if not m:
        raise PreviewError("cannot count the pages of this PDF")
    return int(m.group(1))
