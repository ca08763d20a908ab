"""The font families a CV can be printed in: the one list, with their files in
``assets/fonts`` (licences next to them: ``LICENSE-DejaVu.txt``, ``LICENSE-Liberation.txt``).

Every family ships regular, bold, italic and bold italic, each covering Latin Extended-A/B,
Greek and Cyrillic (``tests/unit/test_fonts.py`` checks every file against a code point
list written in the test). The key is what ``CV.font`` stores and the fpdf2 family name;
``engine.py`` parses a family on first use. Reading this module loads no font.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """One font family: its editor name (the family's own name, not translated), its four
    style files (fpdf2 styles ``""``, ``"B"``, ``"I"``, ``"BI"``) and whether it has serifs."""

    key: str
    label: str
    files: Mapping[str, str]
    serif: bool = False


def _family(key: str, label: str, stem: str, regular: str, italic: str, serif: bool = False) -> Family:
    return Family(key, label, {"": f"{stem}{regular}.ttf", "B": f"{stem}-Bold.ttf",
                               "I": f"{stem}-{italic}.ttf", "BI": f"{stem}-Bold{italic}.ttf"}, serif)


FAMILIES: dict[str, Family] = {f.key: f for f in (
    _family("dejavu", "DejaVu Sans", "DejaVuSans", "", "Oblique"),
    _family("dejavu_serif", "DejaVu Serif", "DejaVuSerif", "", "Italic", serif=True),
    _family("liberation_sans", "Liberation Sans", "LiberationSans", "-Regular", "Italic"),
    _family("liberation_serif", "Liberation Serif", "LiberationSerif", "-Regular", "Italic", serif=True),
)}
DEFAULT = "dejavu"


def get(key: object) -> Family:
    """The family ``key``; ``KeyError`` for anything else (any type)."""
    if not isinstance(key, str) or key not in FAMILIES:
        raise KeyError(key)
    return FAMILIES[key]
