"""Markdown out (issue 22): a standard CommonMark parser (markdown-it-py) renders it with
the sections in the CV's order under its names, user text stays literal (no markup, no
HTML), bullets become a list, and hidden sections stay out. Expected text written here."""

import pytest
from markdown_it import MarkdownIt

from cloudcv.services.core.errors import NotFound
from cloudcv.services.cv import cvs, entries, markdown, sections
from tests.factories import verified_user


@pytest.fixture
def anna(session):
    return verified_user(session).id


@pytest.fixture
def cv_id(session, anna):
    cv = cvs.create_cv(session, user_id=anna, title="Mijn cv")
    cvs.set_field(session, user_id=anna, cv_id=cv, name="full_name", value="*Bold* <b>Anna</b> [x](javascript:1)")
    cvs.set_field(session, user_id=anna, cv_id=cv, name="profile", value="1. Geen lijst\n# geen kop\n\nTweede alinea")
    cvs.set_field(session, user_id=anna, cv_id=cv, name="private_note", value="Geheime notitie")
    e = entries.add_entry(session, user_id=anna, cv_id=cv, section="work")
    for name, value in (("title", "Broodbakker"), ("organisation", "De Korf_BV"), ("start", "03-2021"),
                        ("current", True), ("description", "Deeg\n- Brood\n- Banket <i>x</i>")):
        entries.set_entry_field(session, user_id=anna, entry_id=e, name=name, value=value)
    for title, level in (("Nederlands", "native"), ("Engels", "B2")):
        e = entries.add_entry(session, user_id=anna, cv_id=cv, section="languages")
        entries.set_entry_field(session, user_id=anna, entry_id=e, name="title", value=title)
        entries.set_entry_field(session, user_id=anna, entry_id=e, name="level", value=level)
    sections.rename_section(session, user_id=anna, cv_id=cv, section="work", title="Loopbaan")
    sections.place_section(session, user_id=anna, cv_id=cv, section="languages", before="profile")
    return cv


def test_markdown_renders_literal_text_in_the_cvs_order(session, anna, cv_id):
    name, data = markdown.export_markdown(session, user_id=anna, cv_id=cv_id)
    assert name == "Mijn-cv.md"
    html = MarkdownIt("commonmark").render(data.decode())
    assert "<h1>*Bold* &lt;b&gt;Anna&lt;/b&gt; [x](javascript:1)</h1>" in html
    assert "<a " not in html and "<b>" not in html and "<i>" not in html
    assert html.count("<em>") == 1  # only the entry's own meta line is set in italics
    assert "<ol" not in html and html.count("<h1>") == 1  # "1." and "#" in the profile stay text
    assert "1. Geen lijst" in html and "# geen kop" in html
    headings = [h for h in ("<h2>Talen</h2>", "<h2>Profiel</h2>", "<h2>Loopbaan</h2>")]
    where = [html.find(h) for h in headings]
    assert -1 not in where and where == sorted(where), where
    assert "<li>Nederlands (Moedertaal)</li>" in html and "<li>Engels (B2 – Goed)</li>" in html
    assert "<h3>Broodbakker</h3>" in html and "De Korf_BV · mrt 2021 – heden" in html
    assert "<li>Banket &lt;i&gt;x&lt;/i&gt;</li>" in html
    assert "Geheime notitie" not in data.decode()


def test_hidden_sections_stay_out_and_others_cannot_export(session, anna, cv_id):
    cvs.set_section_hidden(session, user_id=anna, cv_id=cv_id, section="work", hidden=True)
    assert "Loopbaan" not in markdown.export_markdown(session, user_id=anna, cv_id=cv_id)[1].decode()
    bob = verified_user(session, email="bob@example.nl", name="Bob").id
    with pytest.raises(NotFound):
        markdown.export_markdown(session, user_id=bob, cv_id=cv_id)
