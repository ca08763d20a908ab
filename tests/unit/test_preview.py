"""The editor's preview: rasterised with PDFium (no subprocess spawned per image, nothing on
disk), one page size per page, serialised around PDFium, owner only, cached per version,
made in a background process at a lower OS priority than the server's."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from cloudcv.services.core.errors import NotFound
from cloudcv.services.cv import cvs, preview, rendering
from cloudcv.services.cv.pdf import render
from cloudcv.services.cv.pdf.document import CVDocument, Item, Section
from cloudcv.services.cv.preview_queue import PreviewCache
from tests.factories import verified_user
from tests.security._harness import run_async

A4_AT_60_DPI = (497, 702)  # 210 × 297 mm at 60 dpi, rounded up as PDFium does


def two_page_doc(name="Sanne de Vries") -> CVDocument:
    items = tuple(Item(f"Functie {i}", "Werkgever B.V.", "Utrecht", "2010 – 2012",
                       "Verantwoordelijk voor veel werk. " * 12) for i in range(12))
    return CVDocument(name=name, sections=(Section("work", "Werkervaring", items),),
                      template="ats", lang="nl", title="CV")


@pytest.fixture
def no_subprocess(monkeypatch):
    def refuse(*a, **kw):
        raise AssertionError("the preview must not spawn a process or write a temp file")
    for target, name in ((subprocess, "run"), (subprocess, "Popen"),
                         (tempfile, "TemporaryDirectory"), (tempfile, "mkstemp"),
                         (tempfile, "NamedTemporaryFile")):
        monkeypatch.setattr(target, name, refuse)


def test_two_pages_stack_into_one_png_of_the_page_size(no_subprocess):
    pdf = render(two_page_doc())
    png = preview.pages_png(pdf)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (A4_AT_60_DPI[0], 2 * A4_AT_60_DPI[1] + preview.GAP)
    # the gap between the pages has the sheet's grey; the pages are white paper with ink on them
    assert image.convert("RGB").getpixel((10, A4_AT_60_DPI[1] + 8)) == (229, 231, 235)
    page = image.convert("L").crop((0, 0, *A4_AT_60_DPI))
    assert page.getpixel((2, 2)) == 255
    assert sum(page.histogram()[:128]) > 500  # text was drawn


def test_the_editor_preview_is_a_jpeg_of_the_same_pages(no_subprocess):
    image = Image.open(io.BytesIO(preview.document_jpeg(two_page_doc())))
    assert image.format == "JPEG"
    assert image.size == (A4_AT_60_DPI[0], 2 * A4_AT_60_DPI[1] + preview.GAP)
    grey = image.convert("RGB").getpixel((10, A4_AT_60_DPI[1] + 8))
    assert all(abs(c - want) <= 3 for c, want in zip(grey, (229, 231, 235)))  # JPEG is lossy
    page = image.convert("L").crop((0, 0, *A4_AT_60_DPI))
    assert page.getpixel((2, 2)) >= 250 and sum(page.histogram()[:128]) > 500


def test_the_image_changes_with_the_text():
    assert preview.pages_png(render(two_page_doc("Anna"))) != preview.pages_png(render(two_page_doc("Bert")))


HAMMER = """
import sys, threading
from tests.unit.test_preview import two_page_doc
from cloudcv.services.cv import preview
from cloudcv.services.cv.pdf import render
pdfs = [render(two_page_doc(n)) for n in ("Anna", "Bert", "Cees", "Daan")]
serial = [preview.pages_png(p) for p in pdfs]
wrong = []
def worker(i):
    for k in range(15):
        if preview.pages_png(pdfs[(i + k) % 4]) != serial[(i + k) % 4]:
            wrong.append((i, k))
threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print("wrong", len(wrong))
"""


def test_concurrent_previews_equal_serial_ones():
    """8 threads rasterising at once (PDFium is not thread-safe: without the lock this
    crashes the process with SIGSEGV, so it runs in a child process of its own)."""
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", HAMMER], cwd=root, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(root)})
    assert (proc.returncode, proc.stdout.strip()) == (0, "wrong 0"), proc.stderr[-2000:]


def test_max_pages_is_honoured():
    image = Image.open(io.BytesIO(preview.pages_png(render(two_page_doc()), max_pages=1)))
    assert image.size == A4_AT_60_DPI


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def bob(session):
    return verified_user(session, email="bob@example.nl", name="Bob").id


def test_the_preview_is_the_owners_only(session, anna, bob):
    cv_id = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    assert rendering.render_preview(session, user_id=anna, cv_id=cv_id).startswith(b"\xff\xd8\xff")
    with pytest.raises(NotFound):
        rendering.render_preview(session, user_id=bob, cv_id=cv_id)


def test_the_cache_rasterises_one_version_once_and_a_change_again(session, anna):
    cv_id = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    calls = []

    async def rasterise(doc):
        calls.append(doc.headline)
        return preview.document_jpeg(doc)

    cache = PreviewCache()

    def shown():
        doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
        return run_async(rendering.cached_preview(doc, user_id=anna, cv_id=cv_id, cache=cache,
                                                  rasterise=rasterise))

    first = shown()
    assert shown() == first and len(calls) == 1
    cvs.set_field(session, user_id=anna, cv_id=cv_id, name="headline", value="Kok")
    second = shown()
    assert second[0] != first[0] and second[1] != first[1] and calls == ["", "Kok"]
    assert cache.get(anna + 1000, cv_id, second[0]) is None


def _my_niceness() -> int:
    return os.nice(0)


def _my_pid() -> int:
    return os.getpid()


def _exit_hard() -> None:
    os._exit(1)


def test_background_work_runs_in_another_process_at_a_lower_priority():
    from cloudcv.services.core import pools

    image = run_async(pools.in_process(preview.document_jpeg, two_page_doc("Anna")))
    assert image == preview.document_jpeg(two_page_doc("Anna"))
    assert run_async(pools.in_process(_my_pid)) != os.getpid()
    assert run_async(pools.in_process(_my_niceness)) == os.nice(0) + 10


def test_a_background_process_that_dies_is_replaced():
    from concurrent.futures.process import BrokenProcessPool

    from cloudcv.services.core import pools

    before = pools.process_pool()
    with pytest.raises(BrokenProcessPool):  # tried twice: it dies in the new pool too
        run_async(pools.in_process(_exit_hard))
    assert pools.process_pool() is not before
    assert run_async(pools.in_process(_my_pid)) != os.getpid()  # and the next call works


def test_the_preview_keeps_colours_in_their_channels():
    """PDFium renders 3 bytes per pixel in B, G, R order for the preview (the fast path);
    a pure red, green and blue square come out as (255, 0, 0), (0, 255, 0), (0, 0, 255)."""
    from fpdf import FPDF

    doc = FPDF(unit="pt", format=(72, 24))
    doc.add_page()
    for n, colour in enumerate(((255, 0, 0), (0, 255, 0), (0, 0, 255))):
        doc.set_fill_color(*colour)
        doc.rect(n * 24, 0, 24, 24, style="F")
    [page] = preview.page_images(bytes(doc.output()), dpi=72)
    assert page.mode == "RGB" and page.size == (72, 24)
    assert [page.getpixel((12 + n * 24, 12)) for n in range(3)] == [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
