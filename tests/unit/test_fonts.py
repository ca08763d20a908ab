"""The shipped font families (services/cv/pdf/families.py, assets/fonts): four styles each,
a licence text beside them, and every letter a European CV needs in every file.

The code points are written here, not read from a font: Latin-1 and Latin Extended-A
(every code point), the Latin Extended-B letters of Romanian and Croatian digraphs, the
Greek alphabet with tonos, the Russian, Ukrainian, Belarusian, Serbian, Macedonian and
Bulgarian Cyrillic letters, and typographic punctuation.
"""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from cloudcv.services.cv.pdf import families

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"

NEEDED = (
    set(range(0x20, 0x7F))
    | set(range(0xA0, 0x100))                      # Latin-1 Supplement
    | set(range(0x100, 0x180))                     # Latin Extended-A, all of it
    | {0x218, 0x219, 0x21A, 0x21B,                 # Romanian Ș ș Ț ț
       0x1C4, 0x1C5, 0x1C6, 0x1C7, 0x1C8, 0x1C9, 0x1CA, 0x1CB, 0x1CC}  # Croatian digraphs
    | set(range(0x391, 0x3A2)) | set(range(0x3A3, 0x3AA))   # Greek capitals
    | set(range(0x3B1, 0x3CA))                     # Greek small letters (ς included)
    | {0x386, 0x388, 0x389, 0x38A, 0x38C, 0x38E, 0x38F, 0x390, 0x3AA, 0x3AB,
       0x3AC, 0x3AD, 0x3AE, 0x3AF, 0x3B0, 0x3CA, 0x3CB, 0x3CC, 0x3CD, 0x3CE}  # tonos, dialytika
    | set(range(0x400, 0x460))                     # Cyrillic: Russian, Ukrainian, Serbian, …
    | {0x490, 0x491}                               # Ukrainian Ґ ґ
    | {0x2013, 0x2014, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E, 0x2022, 0x2026, 0x20AC}
)


def test_there_are_at_least_four_families():
    assert len(families.FAMILIES) >= 4
    assert families.DEFAULT in families.FAMILIES


@pytest.mark.parametrize("family", sorted(families.FAMILIES))
def test_every_family_has_four_styles_with_every_needed_letter(family):
    fam = families.get(family)
    assert set(fam.files) == {"", "B", "I", "BI"}
    for style, name in fam.files.items():
        cmap = TTFont(FONTS / name, lazy=True).getBestCmap()
        missing = sorted(NEEDED - set(cmap))
        assert not missing, f"{name} lacks {[f'U+{cp:04X}' for cp in missing[:20]]}"


@pytest.mark.parametrize("family", sorted(families.FAMILIES))
def test_every_family_ships_its_licence(family):
    name = families.get(family).label.split()[0]  # "DejaVu", "Liberation"
    licence = (FONTS / f"LICENSE-{name}.txt").read_text()
    assert "Bitstream Vera" in licence if name == "DejaVu" else "SIL Open Font License" in licence
    assert "Version 1.1" in licence or name == "DejaVu"


def test_an_unknown_family_is_refused():
    for bad in ("comic_sans", "", None, ["dejavu"], {"key": "dejavu"}):
        with pytest.raises(KeyError):
            families.get(bad)
