"""Importing a CV file (issue 22): every bad upload is refused with its own clear message, none
crashes the worker, and an ordinary CV made elsewhere (not by our templates) is recognised.

The files are built here: PDFs with fpdf2 (core font Helvetica, latin-1 text), DOCX with
python-docx, rewritten with :mod:`zipfile` where a hostile part is needed. Each refusal is
:class:`reading.Unreadable` with the i18n key the user sees. No database.
"""

from __future__ import annotations

import io
import random
import socket
import struct
import time
import tracemalloc
import zipfile

import docx
import pytest
from docx.shared import Pt
from fpdf import FPDF
from PIL import Image

from cloudcv.services.cv import reading
from cloudcv.services.cv.reading import MAX_BYTES, MAX_PAGES, Unreadable, read_lines, read_upload
from cloudcv.services.cv.recognise import recognise

TEXT = "Jan Jansen, kok in Zwolle, met tien jaar ervaring in de keuken."


def _refusal(raw) -> str:
    with pytest.raises(Unreadable) as caught:
        read_lines(raw)
    return caught.value.key


# ------------------------------------------------------------------------------- builders

def _pdf(pages: int = 1, text: str = TEXT) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", "", 12)
    for n in range(pages):
        pdf.add_page()
        pdf.cell(0, 10, f"Pagina {n + 1}: {text}")
    return pdf


def _pdf_bytes(pages: int = 1) -> bytes:
    return bytes(_pdf(pages).output())


def _docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs or (TEXT,):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite(raw: bytes, change: dict | None = None, add: tuple = ()) -> bytes:
    """The DOCX ``raw`` with parts changed (name → function of its bytes) and parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if change and info.filename in change:
                data = change[info.filename](data)
            dst.writestr(info.filename, data)
        for name, data in add:
            dst.writestr(name, data)
    return out.getvalue()


def _texts(reading_) -> list[str]:
    return [line.text for line in reading_.lines]


# ------------------------------------------------------------------ size, emptiness, format

def test_empty_upload_is_refused_as_empty():
    assert read_upload(io.BytesIO(b"")) == b""
    assert _refusal(b"") == "error.read_empty"
    assert _refusal(bytearray()) == "error.read_empty"
    assert _refusal(None) == "error.read_empty"


def test_an_unreadable_file_object_gives_nothing_not_a_trace():
    class Broken:
        def read(self, n):
            raise OSError("connection reset")

    assert read_upload(Broken()) == b""
    assert read_upload(object()) == b""
    assert _refusal(read_upload(Broken())) == "error.read_empty"


def test_a_50_mb_pdf_is_cut_at_the_limit_and_refused_with_little_memory():
    upload = io.BytesIO(b"%PDF-1.7\n" + bytes(50 * 1024 * 1024))
    tracemalloc.start()
    try:
        raw = read_upload(upload)
        assert len(raw) == MAX_BYTES + 1
        assert upload.tell() == MAX_BYTES + 1          # the rest of the upload is never read
        assert _refusal(raw) == "error.read_too_large"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * MAX_BYTES, f"peak {peak / 2**20:.1f} MiB"


def test_a_file_just_over_the_limit_is_refused_and_one_at_the_limit_is_not_for_its_size():
    over = b"%PDF-1.7\n" + bytes(MAX_BYTES - 9 + 1)
    assert len(over) == MAX_BYTES + 1
    assert _refusal(over) == "error.read_too_large"
    at = over[:MAX_BYTES]
    assert _refusal(at) == "error.read_corrupt"       # read (and found broken), not refused for size


@pytest.mark.parametrize("raw", [
    b"Jan Jansen\nKok\nRestaurant De Haven, Zwolle\n" * 20,                      # a .txt
    "Jan Jansen — kok\n".encode("utf-16"),                                          # a .txt in UTF-16
    bytes(random.Random(1).randrange(256) for _ in range(5000)),                  # noise
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096),                             # an old .doc (OLE)
    b"\x89PNG\r\n\x1a\n" + bytes(200),                                            # an image
    b"{\\rtf1\\ansi Jan Jansen}",                                                  # RTF
], ids=["txt", "txt-utf16", "random", "ole-doc", "png", "rtf"])
def test_a_file_that_is_no_pdf_or_docx_is_refused_as_a_format(raw):
    assert _refusal(raw) == "error.read_format"


def test_the_format_is_judged_by_the_bytes_not_the_name():
    """A PDF is read whatever the upload was called; what looks like a ZIP but is no DOCX is not."""
    assert read_lines(_pdf_bytes()).kind == "pdf"
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("cv.txt", TEXT)
    assert _refusal(archive.getvalue()) == "error.read_format"


# ------------------------------------------------------------------------------ broken PDFs

@pytest.mark.parametrize("cut", [0.9, 0.5, 0.1])
def test_a_truncated_pdf_is_refused_as_corrupt(cut):
    raw = _pdf_bytes()
    assert _refusal(raw[: int(len(raw) * cut)]) == "error.read_corrupt"


def test_a_garbled_pdf_is_refused_as_corrupt():
    raw = bytearray(_pdf_bytes())
    rnd = random.Random(22)
    for i in range(200, len(raw)):      # the header survives, the rest is noise
        raw[i] = rnd.randrange(256)
    assert _refusal(bytes(raw)) == "error.read_corrupt"


def test_a_pdf_header_on_noise_is_refused_as_corrupt():
    assert _refusal(b"%PDF-1.4\n" + bytes(random.Random(3).randrange(256) for _ in range(3000))) \
        == "error.read_corrupt"


@pytest.mark.parametrize("method", ["RC4", "AES_128"])
def test_a_pdf_with_a_password_is_refused_as_encrypted(method):
    from fpdf.enums import EncryptionMethod

    pdf = _pdf()
    pdf.set_encryption(owner_password="eigenaar", user_password="secret",
                       encryption_method=getattr(EncryptionMethod, method))
    assert _refusal(bytes(pdf.output())) == "error.read_encrypted"


def test_a_pdf_with_only_an_owner_password_opens_and_reads():
    """Encrypted against editing but not against reading: every viewer opens it, so do we."""
    pdf = _pdf()
    pdf.set_encryption(owner_password="eigenaar")
    assert any("Jan Jansen" in t for t in _texts(read_lines(bytes(pdf.output()))))


def test_an_image_only_pdf_is_refused_as_a_scan():
    pdf = FPDF(format="A4")
    pdf.add_page()
    scan = Image.new("RGB", (600, 850), (250, 250, 245))
    for x in range(40, 560, 7):          # something that looks like lines of type, as pixels
        scan.paste((30, 30, 30), (x, 100, x + 4, 108))
    pdf.image(scan, x=0, y=0, w=210)
    raw = bytes(pdf.output())
    assert _refusal(raw) == "error.read_no_text"


def test_a_30_page_pdf_is_read_up_to_the_page_limit():
    reading_ = read_lines(_pdf_bytes(30))
    pages = {line.page for line in reading_.lines}
    assert max(pages) < MAX_PAGES
    assert pages == set(range(MAX_PAGES))
    assert not any(t.startswith(f"Pagina {MAX_PAGES + 1}:") for t in _texts(reading_))


# ----------------------------------------------------------------------------- hostile DOCX

def test_a_docx_with_a_vba_project_is_refused_for_macros():
    raw = _rewrite(_docx_bytes(), add=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(512))])
    assert _refusal(raw) == "error.read_macros"


def test_a_docx_with_a_macro_enabled_content_type_is_refused_for_macros():
    raw = _rewrite(_docx_bytes(), change={"[Content_Types].xml": lambda d: d.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")})
    assert _refusal(raw) == "error.read_macros"


def _with_zero_part(raw: bytes, name: str, megabytes: int) -> bytes:
    """``raw`` plus the part ``name``: ``megabytes`` MiB of zeros, deflated in 1 MiB chunks
    (the test never holds the part itself)."""
    out = io.BytesIO()
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        with dst.open(name, "w") as part:
            for _ in range(megabytes):
                part.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_docx_is_refused_fast_with_bounded_memory():
    tracemalloc.start()
    try:
        bomb = _with_zero_part(_docx_bytes(), "word/media/image1.png", 200)
        assert len(bomb) < MAX_BYTES                  # it passes the size check: small on the wire
        started = time.perf_counter()
        key = _refusal(bomb)
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert key == "error.read_bomb"
    assert peak < 50 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    print(f"bomb of {len(bomb) / 1024:.0f} kB (200 MiB unpacked) refused in {seconds * 1000:.0f} ms, "
          f"peak {peak / 2**20:.1f} MiB")


def test_a_docx_of_many_small_parts_that_unpack_too_far_is_refused_as_a_bomb():
    """45 parts of 1 MiB each: none is large on its own, together past MAX_UNPACKED."""
    raw = _docx_bytes()
    for n in range(45):
        raw = _with_zero_part(raw, f"word/media/part{n}.bin", 1)
    assert _refusal(raw) == "error.read_bomb"


def test_a_docx_of_too_many_parts_is_refused_as_a_bomb():
    raw = _rewrite(_docx_bytes(), add=tuple((f"customXml/i{n}.xml", b"<a/>") for n in range(reading.MAX_PARTS + 1)))
    assert _refusal(raw) == "error.read_bomb"


def _lie_about_size(raw: bytes, name: str, size: int) -> bytes:
    """``raw`` with the uncompressed size of ``name`` set to ``size`` in its local header and
    in the central directory (a bomb that hides its size)."""
    data = bytearray(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        info = z.getinfo(name)
    assert data[info.header_offset:info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, info.header_offset + 22, size)
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_len = struct.unpack_from("<H", data, entry + 28)[0]
        if bytes(data[entry + 46:entry + 46 + name_len]) == name.encode():
            struct.pack_into("<I", data, entry + 24, size)
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    else:  # pragma: no cover
        raise AssertionError(f"{name} not in the central directory")
    return bytes(data)


def test_a_zip_bomb_that_hides_its_size_is_refused_and_never_unpacked():
    """document.xml really unpacks to 200 MiB of whitespace but says it is 4 kB: the reader
    trusts neither (it stops at the declared size and the checksum fails)."""
    raw = _docx_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        xml = z.read("word/document.xml")
    head, tail = xml.split(b"<w:body>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info.filename))
        with dst.open("word/document.xml", "w") as part:
            part.write(head + b"<w:body>")
            spaces = b" " * (1 << 20)
            for _ in range(200):
                part.write(spaces)
            part.write(tail)
    bomb = _lie_about_size(out.getvalue(), "word/document.xml", 4096)
    tracemalloc.start()
    try:
        key = _refusal(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert key in ("error.read_corrupt", "error.read_bomb")
    assert peak < 50 * 2**20


def test_a_zip_header_on_noise_is_refused_as_corrupt():
    assert _refusal(b"PK\x03\x04" + bytes(random.Random(5).randrange(256) for _ in range(4000))) \
        == "error.read_corrupt"


def test_an_external_image_in_a_docx_is_noted_and_never_fetched():
    """A linked image (a tracking pixel) and a remote template: the text reads, the note says
    what was ignored, and nothing connects to the addresses."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    rel = ('<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           f'relationships/image" Target="http://127.0.0.1:{port}/pixel.png" TargetMode="External"/>'
           '<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           f'relationships/attachedTemplate" Target="http://127.0.0.1:{port}/t.dotm" TargetMode="External"/>')
    raw = _rewrite(_docx_bytes(), change={"word/_rels/document.xml.rels": lambda d: d.replace(
        b"</Relationships>", rel.encode() + b"</Relationships>")})
    try:
        reading_ = read_lines(raw)
        with pytest.raises(BlockingIOError):
            listener.accept()                         # nobody knocked
    finally:
        listener.close()
    assert "import.external_ignored" in reading_.notes
    assert _texts(reading_) == [TEXT]


def test_a_hyperlink_alone_is_no_external_content():
    rel = ('<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/hyperlink" Target="https://www.example.nl/" TargetMode="External"/>')
    raw = _rewrite(_docx_bytes(), change={"word/_rels/document.xml.rels": lambda d: d.replace(
        b"</Relationships>", rel.encode() + b"</Relationships>")})
    assert read_lines(raw).notes == ()


def _with_doctype(doctype: str, reference: str):
    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"?>", b"?>\n" + doctype.encode(), 1)
        return xml.replace(b"Jan Jansen", f"Jan {reference} Jansen".encode(), 1)
    return change


def test_an_external_entity_in_a_docx_never_reads_the_server_s_files():
    raw = _rewrite(_docx_bytes("Jan Jansen", "Kok bij Restaurant De Haven in Zwolle sinds 2019."),
                   change={"word/document.xml": _with_doctype(
                       '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")})
    try:
        reading_ = read_lines(raw)
    except Unreadable as refused:
        assert refused.key == "error.read_corrupt"
        return
    assert not any("root:" in t for t in _texts(reading_))
    assert "Kok bij Restaurant De Haven in Zwolle sinds 2019." in _texts(reading_)


def test_a_billion_laughs_docx_is_refused_or_read_without_expanding():
    entities = '<!ENTITY a0 "lollollollollol">' + "".join(
        f'<!ENTITY a{n} "{("&a%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    raw = _rewrite(_docx_bytes("Jan Jansen", "Kok bij Restaurant De Haven in Zwolle sinds 2019."),
                   change={"word/document.xml": _with_doctype(f"<!DOCTYPE w:document [{entities}]>", "&a9;")})
    try:
        reading_ = read_lines(raw)
    except Unreadable as refused:
        assert refused.key in ("error.read_corrupt", "error.read_failed")
        return
    assert sum(len(t) for t in _texts(reading_)) < 1000


# ------------------------------------------------------------------------ the child's limits

@pytest.mark.parametrize("megabytes", [16, 4], ids=["reader-cannot-load", "python-cannot-start"])
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_child_that_runs_out_of_memory_is_a_failed_read(monkeypatch, kind, megabytes):
    """Its address-space limit is what stops a file that needs too much memory: here a limit
    too small for the reader itself stands in for a file too big for the real limit."""
    monkeypatch.setattr(reading, "CHILD_MEMORY", megabytes * 1024 * 1024)
    assert _refusal(_pdf_bytes() if kind == "pdf" else _docx_bytes()) == "error.read_failed"


def test_a_child_that_runs_out_of_time_is_a_failed_read(monkeypatch):
    monkeypatch.setattr(reading, "CHILD_TIMEOUT", 0.01)
    assert _refusal(_docx_bytes()) == "error.read_failed"


# ------------------------------------------------------------- a CV made elsewhere, recognised

def _pdf_line(pdf: FPDF, text: str, style: str = "", size: float = 10, right: str = "") -> None:
    pdf.set_font("helvetica", style, size)
    height = size * 0.5  # mm: about 1.4 × the type size, like a word processor's single spacing
    if right:
        pdf.cell(120, height, text)
        pdf.set_font("helvetica", "", size)
        pdf.cell(0, height, right, align="R", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _generic_pdf() -> bytes:
    """A CV as a word processor prints one: name large and bold, labelled contact lines,
    headings in capitals, each entry a bold title with its period right-aligned on its line."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    _pdf_line(pdf, "Jan Jansen", "B", 20)
    _pdf_line(pdf, "E-mail: jan@example.nl")
    _pdf_line(pdf, "Telefoon: 06-12345678")
    pdf.ln(5)
    _pdf_line(pdf, "WERKERVARING", "B", 13)
    _pdf_line(pdf, "Kok", "B", 11, right="2019 - heden")
    _pdf_line(pdf, "Restaurant De Haven, Zwolle")
    _pdf_line(pdf, "Bereidde dagelijks lunch en diner voor zestig gasten.")
    pdf.ln(5)
    _pdf_line(pdf, "OPLEIDING", "B", 13)
    _pdf_line(pdf, "Mbo Koken", "B", 11, right="2015 - 2019")
    _pdf_line(pdf, "Deltion College, Zwolle")
    return bytes(pdf.output())


def _generic_docx() -> bytes:
    """The same CV typed in Word without its heading styles: bold runs, a larger name, the
    period after a tab on the title's line (where a right tab stop puts it)."""
    document = docx.Document()

    def paragraph(text: str, bold: bool = False, size: float | None = None) -> None:
        run = document.add_paragraph().add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)

    paragraph("Jan Jansen", True, 20)
    paragraph("E-mail: jan@example.nl")
    paragraph("Telefoon: 06-12345678")
    paragraph("WERKERVARING", True, 13)
    paragraph("Kok\t2019 - heden", True, 11)
    paragraph("Restaurant De Haven, Zwolle")
    paragraph("Bereidde dagelijks lunch en diner voor zestig gasten.")
    paragraph("OPLEIDING", True, 13)
    paragraph("Mbo Koken\t2015 - 2019", True, 11)
    paragraph("Deltion College, Zwolle")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_BUILD = {"pdf": _generic_pdf, "docx": _generic_docx}

def _draft(kind: str):
    reading_ = read_lines(_BUILD[kind]())
    assert reading_.kind == kind
    return recognise(reading_.lines, reading_.author)


def _entries(draft, section):
    return [e for e in draft.entries if e.section == section]


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_generic_cv_gives_name_email_and_phone(kind):
    draft = _draft(kind)
    assert draft.fields["full_name"] == "Jan Jansen"
    assert draft.fields["email"] == "jan@example.nl"
    assert draft.fields["phone"] == "06-12345678"
    assert draft.lang == "nl"
    assert draft.own == []


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_generic_cv_gives_the_work_entry(kind):
    work = _entries(_draft(kind), "work")
    assert len(work) == 1
    assert (work[0].title, work[0].start, work[0].end, work[0].current) == ("Kok", "2019-01", "", True)
    assert "Bereidde dagelijks lunch en diner voor zestig gasten." in work[0].description


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_generic_cv_gives_the_education_entry(kind):
    education = _entries(_draft(kind), "education")
    assert len(education) == 1
    assert (education[0].title, education[0].start, education[0].end, education[0].current) == \
        ("Mbo Koken", "2015-01", "2019-01", False)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_generic_cv_gives_the_organisation_and_place(kind):
    work = _entries(_draft(kind), "work")[0]
    education = _entries(_draft(kind), "education")[0]
    assert (work.organisation, work.location) == ("Restaurant De Haven", "Zwolle")
    assert (education.organisation, education.location) == ("Deltion College", "Zwolle")


def test_bold_type_in_a_standard_font_pdf_is_seen_as_bold():
    lines = read_lines(_generic_pdf()).lines
    name = next(line for line in lines if line.text == "Jan Jansen")
    assert name.cells[0].bold


def test_words_set_apart_without_a_space_character_stay_apart():
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "", 10)
    pdf.cell(pdf.get_string_width("Nationaliteit") + 2, 6, "Nationaliteit")
    pdf.cell(0, 6, "Nederlandse", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, TEXT)
    assert _texts(read_lines(bytes(pdf.output())))[0] in ("Nationaliteit Nederlandse",
                                                          "Nationaliteit  Nederlandse")
