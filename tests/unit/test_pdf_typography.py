"""Every template follows the CV's typography: the chosen family is embedded, the text
is in the chosen colour, extracts verbatim with no ligature glyphs, and a bigger size or
wider spacing takes more room."""

import re
import subprocess
import zlib

import pytest

from cloudcv.services.cv import pdf
from cloudcv.services.cv.pdf import registry
from cloudcv.services.cv.pdf.document import CVDocument, Item, Section, Typography

TEXT = "Łukasz Ελένη Пётр – efficiënt office flow"


def _doc(template: str, typo: Typography) -> CVDocument:
    items = tuple(Item(title=f"Functie {n}", organisation="Bedrijf", period="2020 – heden",
                       description="Werkte aan " + TEXT + ". " + "Bouwde systemen voor klanten in heel Europa. " * 4) for n in range(10))
    return CVDocument(name="Anna de Vries", headline=TEXT, template=template, typography=typo,
                      sections=(Section(key="work", heading="Werkervaring", items=items),))


def _fonts(data: bytes) -> set[str]:
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:]}


def _streams(data: bytes) -> str:
    found = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            found.append(zlib.decompress(m.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(found)


@pytest.mark.parametrize("template", registry.names())
@pytest.mark.parametrize("font, embedded", [("liberation_serif", "LiberationSerif"),
                                            ("liberation_sans", "LiberationSans"),
                                            ("dejavu_serif", "DejaVuSerifBook")])
def test_the_chosen_family_and_text_colour_are_in_the_pdf(template, font, embedded):
    data = pdf.render(_doc(template, Typography(font=font, text_color="#1f3a5f")))
    assert embedded in _fonts(data) and not any(f.startswith("DejaVuSans") for f in _fonts(data))
    # #1f3a5f = 31/255, 58/255, 95/255 as fpdf2 writes a fill colour for text
    assert "0.1216 0.2275 0.3725 rg" in _streams(data)
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True).stdout.decode()
    assert TEXT in " ".join(text.split())
    assert not re.search("[\ufb00-\ufb06]", text)  # no ﬁ/ﬂ ligature glyphs


@pytest.mark.parametrize("template", registry.names())
def test_size_and_spacing_take_more_room(template):
    small = pdf.page_count(pdf.render(_doc(template, Typography(size=9.0, spacing=1.0, margin=25))))
    big = pdf.page_count(pdf.render(_doc(template, Typography(size=12.0, spacing=1.6, margin=25))))
    assert big > small


def test_margins_move_the_text():
    def left_edge(margin):
        data = pdf.render(_doc("ats", Typography(margin=margin)))
        bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=data,
                              capture_output=True).stdout.decode()
        return min(float(x) for x in re.findall(r'xMin="([\d.]+)"', bbox))
    # points: 10 mm = 28.35 pt, 25 mm = 70.87 pt
    assert left_edge(10) == pytest.approx(28.35, abs=0.5)
    assert left_edge(25) == pytest.approx(70.87, abs=0.5)


def test_the_default_typography_is_dejavu_sans_at_the_templates_own_margin():
    data = pdf.render(_doc("ats", Typography()))
    assert _fonts(data) == {"DejaVuSansBook", "DejaVuSansBold"}
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=data,
                          capture_output=True).stdout.decode()
    assert min(float(x) for x in re.findall(r'xMin="([\d.]+)"', bbox)) == pytest.approx(56.69, abs=0.5)
