"""A CV's own language (issue 21): Dutch, English, German and French headings, labels, month
names, "heden" and the page label follow the CV, not the editor's UI language. Expected
texts are written here (months as the CLDR abbreviates them)."""

import subprocess

import pytest

from cloudcv.i18n import NL
from cloudcv.i18n.printed import CV_LANGS, DE, FR, PRINTED_KEYS, month
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs, entries, rendering
from tests.factories import verified_user

EXPECTED = {
    # lang: (work heading, a period of March 2021 until now, page label of page 1 of 1, birth date)
    "nl": ("Werkervaring", "mrt 2021 – heden", "Pagina 1 van 1", "05-08-1990"),
    "en": ("Work experience", "Mar 2021 – present", "Page 1 of 1", "05-08-1990"),
    "de": ("Berufserfahrung", "März 2021 – heute", "Seite 1 von 1", "05.08.1990"),
    "fr": ("Expérience professionnelle", "mars 2021 – aujourd’hui", "Page 1 sur 1", "05/08/1990"),
}


def test_german_and_french_print_every_key_dutch_prints():
    assert set(CV_LANGS) == {"nl", "en", "de", "fr"}
    assert set(DE) == set(PRINTED_KEYS) == set(FR)
    assert "cv.section.work" in PRINTED_KEYS and "cv.page_label" in PRINTED_KEYS
    assert all(k.startswith("cv.") for k in PRINTED_KEYS) and len(PRINTED_KEYS) == len(
        [k for k in NL if k.startswith("cv.")])
    for table in (DE, FR):
        assert "{n}" in table["cv.page_label"] and "{m}" in table["cv.page_label"]


@pytest.mark.parametrize("lang, text", [("nl", "jun 2019"), ("en", "Jun 2019"), ("de", "Juni 2019"),
                                        ("fr", "juin 2019")])
def test_month_names(lang, text):
    from datetime import date

    assert month(date(2019, 6, 1), lang) == text


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def cv_id(session, anna):
    cv = cvs.create_cv(session, user_id=anna, title="Meertalig")
    cvs.set_birth_date(session, user_id=anna, cv_id=cv, value="05-08-1990")
    entry = entries.add_entry(session, user_id=anna, cv_id=cv, section="work")
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="title", value="Bakker")
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="start", value="03-2021")
    entries.set_entry_field(session, user_id=anna, entry_id=entry, name="current", value=True)
    return cv


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_the_pdf_speaks_the_cvs_language(session, anna, cv_id, lang):
    heading, period, page_label, born = EXPECTED[lang]
    cvs.set_layout(session, user_id=anna, cv_id=cv_id, lang=lang, template="ats")
    doc = rendering.document_for(session, user_id=anna, cv_id=cv_id)
    assert doc.sections[0].heading == heading
    assert doc.sections[0].items[0].period == period
    assert born in [f.value for f in doc.personal]
    _, data = rendering.render_pdf(session, user_id=anna, cv_id=cv_id)
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    for wanted in (heading, period, page_label, born):
        assert wanted in text, (lang, wanted)
    assert f"/Lang ({lang})".encode() in data


def test_an_unknown_cv_language_is_refused_and_changes_nothing(session, anna, cv_id):
    for bad in ("es", "DE", "", None, ["de"], "de-DE"):
        if bad is None:
            continue  # None means "leave the language as it is"
        with pytest.raises(Invalid):
            cvs.set_layout(session, user_id=anna, cv_id=cv_id, lang=bad)
        session.rollback()
    assert cvs.get_cv(session, user_id=anna, cv_id=cv_id).lang == "nl"
