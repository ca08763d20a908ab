"""Every script: the fallback fonts, and which text needs them or shaping.

A CV's own family (``families.py``: DejaVu, Liberation) draws Latin, Greek and Cyrillic.
Text in any other script falls back, run by run, to the Noto fonts of ``FALLBACKS``
(``assets/fonts/noto``, rebuilt by ``scripts/build_fonts.py``, SIL OFL 1.1): Noto Sans for
Latin the family lacks, then the scripts written in the Netherlands (Arabic for Arabic,
Persian and Kurdish; Hebrew; Devanagari for Hindi and Sarnami; Ethiopic for Tigrinya and
Amharic; Tifinagh for Tamazight; Armenian, Georgian, Thai, Tamil, Bengali, Gurmukhi), and a
CJK subset (Chinese level 1, Japanese kanji level 1, kana, the common Hangul syllables).

Shaping (HarfBuzz through fpdf2's ``set_text_shaping``) and the Unicode bidi algorithm only
run for text that needs them: :meth:`Script.plain` says when a text prints exactly as its
characters, glyph by glyph, in the family's own font, the fast path of ``fast/``. Anything
else (a character the family lacks, a right-to-left letter, a combining mark) is measured,
broken into lines and drawn by fpdf2 with the fallbacks and shaping on (``canvas.py``).
A character that no shipped font has is printed as ``engine.REPLACEMENT``; the editor warns
about it (:func:`uncovered`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# fpdf2 family name -> style -> file under assets/fonts; the order is the fallback order.
def _noto(script: str, bold: bool = True) -> tuple[str, Mapping[str, str]]:
    stem = f"noto/NotoSans{script}"
    files = {"": f"{stem}-Regular.ttf", **({"B": f"{stem}-Bold.ttf"} if bold else {})}
    return f"noto{script.lower() or 'sans'}", files


FALLBACKS: tuple[tuple[str, Mapping[str, str]], ...] = (
    _noto(""), _noto("Arabic"), _noto("Hebrew"), _noto("Devanagari"), _noto("Ethiopic"),
    _noto("Tifinagh", bold=False), _noto("Armenian"), _noto("Georgian"), _noto("Thai"),
    _noto("Tamil"), _noto("Bengali"), _noto("Gurmukhi"),
    ("notocjk", {"": "noto/NotoSansCJKsc-Subset.ttf"}),
)
FALLBACK_IDS = tuple(family + style for family, files in FALLBACKS for style in files)

_JOINERS = frozenset((0x200C, 0x200D))  # ZWNJ and ZWJ steer Arabic and Indic shaping


def needs_shaping(cp: int) -> bool:
    """Whether a code point only prints right through shaping or the bidi algorithm: a
    right-to-left letter or digit, a combining mark, a joiner."""
    ch = chr(cp)
    return (unicodedata.bidirectional(ch) in ("R", "AL", "AN")
            or unicodedata.category(ch) in ("Mn", "Mc", "Me") or cp in _JOINERS)


def is_rtl(text: str) -> bool:
    """Whether ``text`` is a right-to-left paragraph: its first strong letter outside an
    isolate is (rules P2 and P3 of the Unicode bidi algorithm, as ``dir="auto"`` in the
    editor)."""
    depth = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            depth = max(0, depth - 1)
        elif depth == 0 and kind in ("R", "AL"):
            return True
        elif depth == 0 and kind == "L":
            return False
    return False


FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


def isolated(parts: list[str]) -> list[str]:
    """``parts`` that are printed on one line side by side (a place, a period, a level),
    each in a bidi isolate when one of them holds right-to-left letters: then a Hebrew
    city does not turn the postcode beside it around, and the line reads left to right
    (UAX #9, isolates). Parts are cleaned text: user input never holds isolates
    (``engine.clean_text`` drops them)."""
    if len(parts) < 2 or not any(unicodedata.bidirectional(ch) in ("R", "AL")
                                 for part in parts if not part.isascii() for ch in part):
        return parts
    return [f"{FSI}{part}{PDI}" for part in parts]


@dataclass(frozen=True)
class Script:
    """What one family with the fallbacks can print: ``covered`` by some font, ``simple``
    (printed by the family itself, glyph by glyph)."""

    covered: frozenset[int]
    simple: frozenset[int]  # with "\n": a line break is plain too
    own: frozenset[int] = frozenset()  # what every style of the family itself has

    @classmethod
    def of(cls, family_cmaps: Iterable[Iterable[int]], fallback_cmaps: Iterable[Iterable[int]]) -> "Script":
        """From the cmaps of the family's styles and of every fallback font."""
        own = frozenset.intersection(*(frozenset(c) for c in family_cmaps))
        covered = own.union(*(frozenset(c) for c in fallback_cmaps))
        return cls(covered, frozenset(cp for cp in own if not needs_shaping(cp)) | {ord("\n")}, own)

    def plain(self, text: str) -> bool:
        """Whether ``text`` (cleaned) can take the fast path: no shaping, no fallback."""
        return text.isascii() or self.simple.issuperset(map(ord, text))


def uncovered(text: str, covered: frozenset[int]) -> list[str]:
    """The distinct letters of ``text`` that no shipped font draws (they print as □), in
    order of appearance; symbols and emoji the PDF drops are not listed."""
    seen: dict[str, None] = {}
    for ch in unicodedata.normalize("NFC", str(text or "")):
        if ord(ch) in covered or ch in seen:
            continue
        if unicodedata.category(ch)[0] not in "CMSZ":  # as engine.clean_text decides
            seen[ch] = None
    return list(seen)
