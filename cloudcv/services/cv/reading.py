"""Reading an uploaded CV (PDF or DOCX) as lines of text with their style, in a child process
with hard limits (issue 22: "all parsing on our server, nothing kept but the result").

A hostile file must not take the server down: PDFium is C, a DOCX is a ZIP that may be a
bomb. So :func:`read_lines` never parses in the worker. It starts this file as a script
(``python reading.py pdf|docx``), hands it the bytes on stdin (never a file on disk) and
takes back JSON on stdout. The child runs under ``RLIMIT_AS`` (:data:`CHILD_MEMORY`),
``RLIMIT_CPU`` and a wall-clock timeout, with no file descriptors but the three pipes; it
imports nothing of CloudCV. What it returns is only text: one line per printed line
(PDF: characters grouped by baseline, split into cells where a wide gap separates them, each
cell with its size, weight, slant and fill colour) or per paragraph (DOCX: with Word's style
as a hint: Title, Subtitle, Heading 1/2, List). ``services/cv/recognise.py`` turns the lines
into a draft CV. Blocking: call off the event loop.

Refusals are :class:`Unreadable` with an i18n key: ``error.read_empty``,
``error.read_too_large``, ``error.read_format``, ``error.read_encrypted``, ``error.read_corrupt``,
``error.read_no_text`` (a scanned page: an image without text), ``error.read_macros``,
``error.read_bomb``, ``error.read_failed`` (the child ran out of memory or time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass

MAX_BYTES = 10 * 1024 * 1024      # an upload larger than this is refused before it is read
MAX_PAGES = 10                    # a CV: further pages are not read
MAX_CHARS = 200_000
MAX_UNPACKED = 40 * 1024 * 1024   # a DOCX's parts together, uncompressed
MAX_RATIO = 100                   # uncompressed / compressed, per part (a zip bomb packs 1000×)
MAX_PARTS = 2000
CHILD_MEMORY = 1024 * 1024 * 1024  # address space of the reading process
CHILD_CPU_SECONDS = 20
CHILD_TIMEOUT = 30
MIN_TEXT = 20                     # fewer printable characters: a scan, nothing to read

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
_MACRO_TYPES = ("macroEnabled", "vbaProject", "vbaData")


class Unreadable(Exception):
    """An upload that cannot be read; ``key`` is the i18n key of the user's message."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Cell:
    """A run of text on one line: its size (pt), weight, slant, fill colour and left edge."""

    text: str
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    color: str = ""
    x: float = 0.0


@dataclass(frozen=True)
class Line:
    """One printed line (PDF) or paragraph line (DOCX). ``y`` is the baseline in points from
    the page's foot (PDF; 0 for DOCX); ``hint`` Word's style (``title``, ``subtitle``,
    ``h1``, ``h2``, ``bullet``; "" otherwise)."""

    cells: tuple[Cell, ...]
    page: int = 0
    y: float = 0.0
    hint: str = ""

    @property
    def text(self) -> str:
        """The line's cells as one string."""
        return "  ".join(c.text for c in self.cells)


@dataclass(frozen=True)
class Reading:
    """What a file holds: its kind, its lines, notes (i18n keys) and its author metadata."""

    kind: str                     # "pdf" or "docx"
    lines: tuple[Line, ...]
    notes: tuple[str, ...] = ()   # i18n keys: what was seen and not used (external links…)
    author: str = ""              # the document's author metadata


def kind_of(raw: bytes) -> str:
    """"pdf", "docx" or "" by the file's first bytes (never by its name)."""
    if raw.startswith(PDF_MAGIC) or raw[:1024].lstrip().startswith(PDF_MAGIC):
        return "pdf"
    if raw.startswith(ZIP_MAGIC):
        return "docx"
    return ""


def read_upload(file) -> bytes:
    """At most :data:`MAX_BYTES` + 1 bytes of an uploaded file (one past the limit, so
    :func:`read_lines` can refuse it); b"" when it cannot be read. Blocking."""
    try:
        raw = file.read(MAX_BYTES + 1)
    except (AttributeError, OSError, TypeError, ValueError):
        return b""
    return raw if isinstance(raw, bytes) else b""


def _limits() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no file
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def read_lines(raw: bytes) -> Reading:
    """The lines of a PDF or DOCX upload, read in a limited child process. Raises
    :class:`Unreadable`. Blocking: call off the event loop."""
    if not isinstance(raw, (bytes, bytearray)) or not raw:
        raise Unreadable("error.read_empty")
    if len(raw) > MAX_BYTES:
        raise Unreadable("error.read_too_large")
    kind = kind_of(bytes(raw))
    if not kind:
        raise Unreadable("error.read_format")
    if kind == "docx":
        _check_zip(bytes(raw))
    try:
        done = subprocess.run(
            [sys.executable, "-I", os.path.abspath(__file__), kind], input=bytes(raw),
            capture_output=True, timeout=CHILD_TIMEOUT, preexec_fn=_limits, close_fds=True,
            env={"PATH": os.environ.get("PATH", "")},
        )
    except subprocess.TimeoutExpired:
        raise Unreadable("error.read_failed") from None
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Unreadable("error.read_failed") from None
    if answer.get("error"):
        raise Unreadable(str(answer["error"]))
    lines = tuple(
        Line(cells=tuple(Cell(*c) for c in line["cells"]), page=line.get("page", 0),
             y=line.get("y", 0.0), hint=line.get("hint", ""))
        for line in answer.get("lines", []))
    if sum(len(c.text.strip()) for line in lines for c in line.cells) < MIN_TEXT:
        raise Unreadable("error.read_no_text")
    return Reading(kind=kind, lines=lines, notes=tuple(str(n) for n in answer.get("notes", [])),
                   author=str(answer.get("author", ""))[:200])


def _check_zip(raw: bytes) -> None:
    """Refuse a DOCX that is not one, carries macros, or unpacks to far more than it weighs."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if len(infos) > MAX_PARTS:
                raise Unreadable("error.read_bomb")
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise Unreadable("error.read_bomb")
            if total > MAX_UNPACKED:
                raise Unreadable("error.read_bomb")
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise Unreadable("error.read_format")
            types = z.read("[Content_Types].xml").decode("utf-8", "replace")
            if any(n.lower().endswith(("vbaproject.bin", "vbadata.xml")) for n in names) \
                    or any(t in types for t in _MACRO_TYPES):
                raise Unreadable("error.read_macros")
    except zipfile.BadZipFile:
        raise Unreadable("error.read_corrupt") from None


# ------------------------------------------------------------------ the child process

def _pdf_lines(raw: bytes) -> dict:  # pragma: no cover - runs in the child
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pr

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        return {"error": "error.read_encrypted" if "password" in text else "error.read_corrupt"}
    out, count = [], 0
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    font_name = ctypes.create_string_buffer(128)
    font_flags = ctypes.c_int()
    for pno in range(min(len(pdf), MAX_PAGES)):
        tp = pdf[pno].get_textpage()
        line, cell, prev_x, prev_right = None, None, 0.0, 0.0
        for i in range(tp.count_chars()):
            ch = chr(pr.FPDFText_GetUnicode(tp.raw, i))
            if ch in "\r\n\x00\ufffe\uffff":
                continue
            if pr.FPDFText_IsGenerated(tp.raw, i) == 1 and ch != " ":
                continue  # PDFium's own line breaks; its spaces between words set apart stay
            count += 1
            if count > MAX_CHARS:
                break
            pr.FPDFText_GetCharOrigin(tp.raw, i, ox, oy)
            pr.FPDFText_GetCharBox(tp.raw, i, left, right, bottom, top)
            size = round(pr.FPDFText_GetFontSize(tp.raw, i), 2)
            x, y = ox.value, oy.value
            new_line = line is None or abs(y - line["y"]) > max(size, 4) * 0.4 or x < prev_x - 0.5
            if new_line:
                line = {"page": pno, "y": round(y, 1), "cells": []}
                out.append(line)
                cell = None
            if ch == " ":
                if cell is not None:
                    cell[0] += " "
                prev_x = x
                continue
            gap = x - prev_right
            weight = pr.FPDFText_GetFontWeight(tp.raw, i)
            pr.FPDFText_GetFillColor(tp.raw, i, r, g, b, a)
            color = f"#{r.value:02x}{g.value:02x}{b.value:02x}"
            got = pr.FPDFText_GetFontInfo(tp.raw, i, font_name, len(font_name), font_flags)
            name = font_name.raw[:max(got - 1, 0)].decode("latin-1", "replace").lower() if got else ""
            # the standard fonts (Helvetica-Bold…) report no weight: the name and flags say it
            bold = weight >= 600 or bool(font_flags.value & 0x40000) or any(
                w in name for w in ("bold", "black", "heavy", "semibold", "demi"))
            italic = bool(font_flags.value & 0x40) or "italic" in name or "oblique" in name
            if cell is None or gap > size * 1.2:
                cell = ["", size, bold, italic, color, round(x, 1)]
                line["cells"].append(cell)
            cell[0] += ch
            cell[1] = max(cell[1], size)
            prev_x, prev_right = x, right.value
        tp.close()
    for line in out:
        for c in line["cells"]:
            c[0] = " ".join(c[0].split())
        line["cells"] = [c for c in line["cells"] if c[0]]
    try:
        author = pdf.get_metadata_dict().get("Author", "")
    except Exception:
        author = ""
    return {"lines": [line for line in out if line["cells"]], "author": author}


def _docx_lines(raw: bytes) -> dict:  # pragma: no cover - runs in the child
    import io

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception:  # python-docx raises many kinds for a broken package
        return {"error": "error.read_corrupt"}
    notes = []
    for rel in document.part.rels.values():
        if rel.is_external and not rel.reltype.endswith("/hyperlink"):
            notes.append("import.external_ignored")
            break

    def hint(p) -> str:
        name = (p.style.name if p.style is not None else "") or ""
        low = name.lower()
        if low == "title":
            return "title"
        if low == "subtitle":
            return "subtitle"
        if low.startswith("heading 1"):
            return "h1"
        if low.startswith("heading"):
            return "h2"
        if "list" in low:
            return "bullet"
        return ""

    def size_of(p, run) -> float:
        size = run.font.size or (p.style.font.size if p.style is not None else None)
        return round(size.pt, 1) if size else 0.0

    def paragraph_lines(p, out):
        h = hint(p)
        runs = [run for run in p.runs if run.text]
        text = "".join(run.text for run in runs)
        if not text.strip():
            return
        bold = all(bool(run.bold) for run in runs if run.text.strip())
        italic = all(bool(run.italic) for run in runs if run.text.strip())
        size = max((size_of(p, run) for run in runs), default=0.0)
        # a bold run label ("E-mail: ") followed by plain text stays one cell
        for part in text.replace("\r", "\n").split("\n"):
            cells = [[" ".join(c.split()), size, bold, italic, "", 0.0]
                     for c in part.split("\t") if c.strip()]  # a tab stop sets cells apart
            if cells:
                out.append({"cells": cells, "hint": h})

    out = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_lines(Paragraph(block, document), out)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = []
                for c in row.cells:
                    text = " ".join(c.text.split())
                    if text and (not cells or cells[-1][0] != text):
                        cells.append([text, 0.0, False, False, "", 0.0])
                if cells:
                    out.append({"cells": cells, "hint": ""})
        if sum(len(c[0]) for line in out for c in line["cells"]) > MAX_CHARS:
            break
    return {"lines": out, "notes": notes, "author": document.core_properties.author or ""}


def _main() -> int:  # pragma: no cover - runs in the child
    kind = sys.argv[1] if len(sys.argv) > 1 else ""
    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        answer = _pdf_lines(raw) if kind == "pdf" else _docx_lines(raw) if kind == "docx" \
            else {"error": "error.read_format"}
    except MemoryError:
        answer = {"error": "error.read_failed"}
    except Exception:  # anything else a hostile file provokes: refused, never a trace
        answer = {"error": "error.read_corrupt"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main())
