"""A CV without an account (issue 23): ``POST /api/probeer/cv.pdf`` turns the /probeer form
into a PDF with the editor's own rules, and keeps nothing: no row in any table, no file, no
log line with the content. Bad values are refused with the field's own label; abuse is
limited per address. Expected texts are written here."""

import logging
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from cloudcv import api, api_trial, config
from cloudcv.models import metadata

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Qxzvorm Trialsen"
FORM = {
    "full_name": MARKER, "headline": "Kok", "email": "kok@example.nl", "phone": "06-12345678",
    "city": "Zwolle", "website": "", "profile": "Twintig jaar in de keuken.",
    "work0_title": "Chef-kok", "work0_organisation": "De Haven", "work0_location": "Zwolle",
    "work0_start": "2019-03", "work0_current": "1", "work0_description": "Menu's en inkoop.",
    "work1_title": "Souschef", "work1_organisation": "Het Anker", "work1_start": "2015-01",
    "work1_end": "2019-02",
    "edu0_title": "Mbo Koken", "edu0_organisation": "Deltion", "edu0_start": "2011-09",
    "edu0_end": "2015-06",
    "skills": "Sauzen\nHACCP", "languages": "Nederlands\nEngels",
    "template": "ats", "accent": "#3e63dd", "lang": "nl",
}


@pytest.fixture
def client(session):
    api_trial._recent.clear()
    return TestClient(api.api)


def _counts(session) -> dict[str, int]:
    return {name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in metadata.tables.items()}


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_the_form_becomes_a_pdf_and_nothing_is_kept(session, client, caplog):
    before = _counts(session)
    started = time.time()
    with caplog.at_level(logging.DEBUG):
        response = client.post("/api/probeer/cv.pdf", data=FORM)
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "no-store"
    text = _text(response.content)
    for shown in (MARKER, "Chef-kok", "De Haven", "mrt 2019 – heden", "Mbo Koken", "Sauzen", "Engels"):
        assert shown in text, shown
    session.expire_all()
    assert _counts(session) == before                               # no row anywhere
    assert MARKER not in caplog.text and "Chef-kok" not in caplog.text  # no log line
    chunk = response.content[len(response.content) // 2:][:48]
    # no file written or changed since the request began holds the content or the PDF
    for root in (config.settings().data_dir, Path(tempfile.gettempdir()), ROOT / ".states",
                 ROOT / "uploaded_files"):
        for path in Path(root).rglob("*"):
            try:
                fresh = path.is_file() and path.stat().st_mtime >= started - 1
                data = path.read_bytes() if fresh and path.stat().st_size < 50_000_000 else b""
            except OSError:
                continue
            assert MARKER.encode() not in data and chunk not in data, path


@pytest.mark.parametrize("change,says", [
    ({"email": "geen adres"}, "E-mailadres: "),
    ({"full_name": ""}, "Naam: Dit veld is verplicht."),
    ({"work1_end": "2010-01"}, "Baan 2, Tot: De einddatum ligt vóór de begindatum."),
    ({"edu0_start": "volgend jaar"}, "Opleiding 1, Van: "),
    ({"headline": "x" * 121}, "Functietitel of kop: Maximaal 120 tekens."),
])
def test_a_bad_value_is_refused_with_its_own_label(session, client, change, says):
    response = client.post("/api/probeer/cv.pdf", data={**FORM, **change})
    assert response.status_code == 400 and "text/html" in response.headers["content-type"]
    assert says in response.text and "staat er nog" in response.text


@pytest.mark.parametrize("change", [{"template": "<script>"}, {"lang": "xx"}, {"accent": "red"},
                                    {f"extra{n}": "x" for n in range(80)}])
def test_hostile_choices_are_refused(session, client, change):
    assert client.post("/api/probeer/cv.pdf", data={**FORM, **change}).status_code == 400


def test_renders_are_limited_per_address(session, client):
    codes = [client.post("/api/probeer/cv.pdf", data={"full_name": ""}).status_code
             for _ in range(api_trial.PER_MINUTE + 1)]
    assert codes[:-1] == [400] * api_trial.PER_MINUTE and codes[-1] == 429
