"""The shared fpdf2 engine: fonts, the page, text cleaning, a fresh document per render.

Every layout prints in one of the font families of ``families.py`` (four styles each,
``assets/fonts``) on A4 in millimetres. :func:`engine` parses a family once per process
into a read-only prototype that :func:`new_pdf` deep-copies (the fast path, ``fast/``); with ``use_fast=False`` a
stock fpdf2 document is built instead, which ``tests/unit/test_pdf.py`` compares with the
fast one. All user text goes through :func:`clean_text` before it is measured or drawn.
Measuring and drawing live in ``canvas.py``, rows and page flow in ``rows.py``, the
layouts in ``templates/``.
"""

from __future__ import annotations

import copy
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import families
from .fast import SUPPORTED_FPDF, fonts, images, output
from .scripts import FALLBACKS, Script

FONT_DIR = Path(__file__).resolve().parents[4] / "assets" / "fonts"
FAMILY = families.DEFAULT  # the fpdf2 family name is the families.py key
FONT_FILES = families.get(FAMILY).files
TEXT_STYLES = ("", "B", "I")  # the styles the layouts print with

PAGE_W, PAGE_H = 210.0, 297.0
PT = 25.4 / 72  # millimetres per point
CREATOR = "CloudCV.nl"


# -------------------------------------------------------------------------------- text

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0/C1 controls (except \t and \n), zero-width space and bidi controls (the bidi algorithm
# orders the text; ZWNJ/ZWJ stay, they steer Arabic and Indic shaping; so do FSI/PDI, the
# isolates that scripts.isolated puts around parts of one line: stored text never holds
# them, the fields refuse or drop bidi controls), BOM, variation
# selectors, interlinear annotations, tag characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2067\u206a-\u206f"
    "\ufeff\ufe00-\ufe0f\ufff9-\ufffc\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
REPLACEMENT = "\u25a1"  # □, for letters the font cannot draw


def clean_text(text: str, covered: frozenset[int]) -> str:
    """Text safe to print with a font covering the code points in ``covered``.

    Line breaks become ``\\n``, tabs spaces; control, bidi-override and other
    invisible characters go; emoji and other symbols the font lacks are dropped;
    letters it lacks (CJK, …) become □. Markup is left alone: it is printed as is.
    """
    if not text:
        return ""
    text = str(text)
    if text.isascii() and text.isprintable():
        return text
    text = _NEWLINES.sub("\n", text).replace("\t", " ")
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    if covered.issuperset(map(ord, text.replace("\n", ""))):
        return text
    out = []
    for ch in text:
        if ch == "\n" or ord(ch) in covered:
            out.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat[0] in "CMS":  # controls, surrogates, private use, marks, emoji & symbols
            continue
        out.append(" " if cat[0] == "Z" else REPLACEMENT)
    return "".join(out)



# ------------------------------------------------------------------------------- FPDF


class CVPdf(output.FastFPDF):
    """fpdf2 document with page hooks set per render.

    The ``{nb}`` total-pages alias is only active while a footer is drawn (user text
    may contain ``{nb}``) and again for ``output()``, which substitutes it.
    """

    on_page: Callable[["CVPdf"], None] | None = None  # every page after the first
    on_footer: Callable[["CVPdf"], None] | None = None

    _last_footer_rendered = False

    def _render_footer(self) -> None:
        if not self._last_footer_rendered:
            super()._render_footer()

    def output(self, *args, **kwargs):  # type: ignore[override]
        """fpdf2's ``output()``, after the last page's footer with ``{nb}`` active."""
        if not self.buffer:
            if self.page == 0:
                self.add_page()
            self._render_footer()  # the last page's footer, with {nb} active
            self._last_footer_rendered = True
            self.alias_nb_pages("{nb}")  # so that output() substitutes it
        return super().output(*args, **kwargs)

    def header(self) -> None:
        """fpdf2's page hook: ``on_page`` on every page after the first."""
        if self.on_page is not None and self.page > 1:
            self.on_page(self)

    def footer(self) -> None:
        """fpdf2's page hook: ``on_footer`` on every page."""
        if self.on_footer is not None:
            self.on_footer(self)


def _configure(pdf: CVPdf) -> None:
    pdf.set_auto_page_break(False)  # Flow decides where pages break
    pdf.set_margins(0, 0, 0)
    pdf.c_margin = 0
    pdf.alias_nb_pages(None)  # only the footer uses {nb}: user text may contain it
    pdf.set_creator(CREATOR)
    pdf.set_producer(CREATOR)


def _fallback_files():
    """(fpdf2 family, style, path) of every fallback font of ``scripts.py``."""
    for fallback, files in FALLBACKS:
        for style, name in files.items():
            yield fallback, style, FONT_DIR / name


_FALLBACK_FONTS: dict[str, fonts.SharedTTFFont] = {}  # parsed once for every family
TEXT_MEMO_SIZE = 8192  # wrapped lines, shaped widths and line recipes kept per family (_Engine.memo)


class _Engine:
    """Read-only, shared: a prototype document with one family's fonts parsed once, and
    the fallback fonts of ``scripts.py``, which a document only gets copies of when it
    prints a text that needs them (:meth:`add_fallbacks`): a Latin CV does not pay for them."""

    def __init__(self, family: str = FAMILY) -> None:
        proto = CVPdf(unit="mm", format="A4")
        _configure(proto)
        for style, name in families.get(family).files.items():
            fonts.add_shared_font(proto, family, style, FONT_DIR / name)
        for style in TEXT_STYLES:
            fonts.warm_up(proto.fonts[family + style])
        if not _FALLBACK_FONTS:  # (under engine()'s lock) numbered after a family's four fonts
            added = [fonts.add_shared_font(proto, name, style, path).fontkey  # font.i 5, 6, …
                     for name, style, path in _fallback_files()]
            _FALLBACK_FONTS.update((key, proto.fonts.pop(key)) for key in added)
        for font in [*proto.fonts.values(), *_FALLBACK_FONTS.values()]:
            font.hbfont  # HarfBuzz faces made once, shared by the copies (shaping only reads them)
        self.fallbacks = _FALLBACK_FONTS
        self.family = family
        self.prototype = proto
        self.script = Script.of((proto.fonts[family + s].cmap for s in TEXT_STYLES),
                                (font.cmap for font in self.fallbacks.values()))
        self.covered = self.script.covered
        self.own = self.script.own
        self.fallback_cmaps = {key: frozenset(font.cmap) for key, font in self.fallbacks.items()}
        self.images = images.ImageInfoCache(maxsize=32)
        self._memo: OrderedDict[tuple, Any] = OrderedDict()
        self._memo_lock = threading.Lock()

    def add_fallbacks(self, pdf: CVPdf, text: str) -> None:
        """Give ``pdf`` (a copy of the prototype) its own copies of the fallback fonts that
        draw a character of ``text`` the family lacks. fpdf2 picks a fallback among the
        fonts that have the character (``FPDF.get_fallback_font``), so leaving out those
        that have none of them changes nothing that is printed."""
        missing = self._missing(text)
        if missing:
            for key, cmap in self.fallback_cmaps.items():
                if key not in pdf.fonts and not missing.isdisjoint(cmap):
                    pdf.fonts[key] = copy.deepcopy(self.fallbacks[key])

    def _missing(self, text: str) -> set[int]:
        return set(map(ord, text)).difference(self.own)

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """What ``compute`` returns for ``key``, kept for every later document: a text's
        lines at a width, a shaped text's width or drawing recipe (``fast/shaped.py``) in
        this family depend on the fonts, the fallbacks and the shaping options, which are
        the same for every document, and a preview re-renders the same text. Bounded LRU
        (:data:`TEXT_MEMO_SIZE`), thread-safe; values are read-only."""
        with self._memo_lock:
            found = self._memo.get(key)
            if found is not None:
                self._memo.move_to_end(key)
                return found
        found = compute()
        with self._memo_lock:
            self._memo[key] = found
            while len(self._memo) > TEXT_MEMO_SIZE:
                self._memo.popitem(last=False)
        return found


_ENGINES: dict[str, _Engine] = {}  # at most one per entry of families.FAMILIES
_ENGINE_LOCK = threading.Lock()


def engine(family: str = FAMILY) -> _Engine:
    """The process-wide engine of ``family`` (a ``families.py`` key; ``KeyError`` for
    another), built on first use (thread-safe)."""
    found = _ENGINES.get(family)
    if found is None:
        families.get(family)
        with _ENGINE_LOCK:
            found = _ENGINES.get(family)
            if found is None:
                found = _ENGINES[family] = _Engine(family)
    return found


def built(family: str) -> bool:
    """Whether :func:`engine` has built ``family``'s engine already (it then returns at once)."""
    return family in _ENGINES


def clear_memos() -> None:
    """Forget every engine's shaped widths and line recipes (for benchmarks and tests)."""
    for eng in list(_ENGINES.values()):
        with eng._memo_lock:
            eng._memo.clear()


def new_pdf(use_fast: bool = True, family: str = FAMILY) -> CVPdf:
    """A fresh document with the four styles of ``family`` loaded (with ``use_fast=False``
    also the fallback fonts; on the fast path :meth:`_Engine.add_fallbacks` adds them)."""
    if use_fast and SUPPORTED_FPDF:
        return copy.deepcopy(engine(family).prototype)
    pdf = CVPdf(unit="mm", format="A4")
    _configure(pdf)
    for style, name in families.get(family).files.items():
        pdf.add_font(family, style, str(FONT_DIR / name))
    for name, style, path in _fallback_files():
        pdf.add_font(name, style, str(path))
    return pdf

