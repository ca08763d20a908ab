"""Importing an existing CV from PDF or Word (issue 22): our own 20-CV corpus across every
template, exported and imported back through the review, keeps at least 95% of its fields
(the goal the issue sets); what the user drops or edits on the review screen is what is
stored; a value the editor would refuse refuses the whole CV; and nothing of the uploaded
file stays on disk or in the database."""

import dataclasses
import os
import tempfile
from pathlib import Path

import pytest
from sqlmodel import func, select

from cloudcv.models import CV, CVEntry
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs, gallery, importing, rendering, word
from cloudcv.services.cv.importing import ReviewRefused
from cloudcv.services.cv.pdf import registry, render
from tests.factories import verified_user
from tests.import_corpus import N, as_draft, expected, make_corpus, score

GOAL = 0.95  # issue 22: "at least 95% of the fields are recovered"


def _kept(review) -> dict:
    return {"fields": {f["name"]: f["value"] for f in review.fields}, "own": review.own,
            "entries": review.entries}


@pytest.fixture
def uid(session):
    return verified_user(session).id


def test_the_corpus_round_trips_through_pdf_and_word_keeping_95_percent(session, uid):
    ids = make_corpus(session, uid)
    assert len(ids) == N == 20
    templates = {session.get(CV, i).template for i in ids}
    assert templates == set(registry.names())  # every template is in the corpus
    totals = {"pdf": [0, 0], "docx": [0, 0]}
    worst = {}
    for cv_id in ids:
        want = expected(session, cv_id)
        for fmt in totals:
            raw = (rendering.render_pdf if fmt == "pdf" else word.export_docx)(
                session, user_id=uid, cv_id=cv_id)[1]
            review = importing.read_document(raw)
            new_id = importing.create_reviewed(session, user_id=uid, lang=review.lang, title="Terug",
                                               **_kept(review))
            got, total, misses = score(want, as_draft(expected(session, new_id)))
            totals[fmt][0] += got
            totals[fmt][1] += total
            worst[(session.get(CV, cv_id).template, fmt)] = (got / total, misses)
            assert session.get(CV, new_id).lang == session.get(CV, cv_id).lang
            cvs.delete_cv(session, user_id=uid, cv_id=new_id)  # stay under MAX_CVS
    for fmt, (got, total) in totals.items():
        assert total > 700  # the corpus is not empty (about 940 fields)
        assert got / total >= GOAL, (fmt, got, total, sorted(worst.items(), key=lambda x: x[1][0])[:3])
    # no template is left far behind
    assert min(r for r, _ in worst.values()) >= 0.85, sorted(worst.items(), key=lambda x: x[1][0])[:3]


def _sample_pdf(marker: str) -> bytes:
    doc = gallery.sample("nl", "sidebar")
    first = doc.sections[1]  # work
    items = (dataclasses.replace(first.items[0], title=f"Geheime baan {marker}"), *first.items[1:])
    doc = dataclasses.replace(doc, template="sidebar",
                              sections=(doc.sections[0], dataclasses.replace(first, items=items),
                                        *doc.sections[2:]))
    return render(doc)


def _files_holding(chunk: bytes, roots, skip: Path) -> list[str]:
    """Files under ``roots`` holding ``chunk``; not under ``skip`` (pytest's own temporary
    directories, where tests keep the files they upload)."""
    found = []
    for root in roots:
        for dirpath, _, names in os.walk(root):
            if Path(dirpath).is_relative_to(skip):
                continue
            for name in names:
                path = Path(dirpath) / name
                try:
                    if path.is_file() and path.stat().st_size < 200_000_000 and chunk in path.read_bytes():
                        found.append(str(path))
                except OSError:
                    continue
    return found


def test_what_is_dropped_or_edited_on_review_is_what_is_stored_and_the_file_is_gone(
        session, uid, tmp_path_factory):
    marker = "Zx81Qv"
    raw = _sample_pdf(marker)
    review = importing.read_document(raw)
    values = _kept(review)
    by_name = values["fields"]
    assert by_name["full_name"] == "Sanne de Vries" and by_name["email"] == "s.devries@example.com"
    assert by_name["birth_date"] == "14-05-1990" and by_name["city"] == "Utrecht"
    secret = [e for e in values["entries"] if marker in e["title"]]
    assert len(secret) == 1 and secret[0]["start"] == "03-2020" and secret[0]["current"] == "1"
    values["entries"] = [e for e in values["entries"] if marker not in e["title"]]   # dropped
    by_name["headline"] = "Lead designer"                                            # edited
    del by_name["phone"]                                                             # unticked
    before = session.exec(select(func.count(CV.id))).one()
    cv_id = importing.create_reviewed(session, user_id=uid, lang="nl", title="Mijn oude cv", **values)
    cv = session.get(CV, cv_id)
    assert (cv.title, cv.headline, cv.phone, cv.full_name) == ("Mijn oude cv", "Lead designer", "",
                                                               "Sanne de Vries")
    assert session.exec(select(func.count(CV.id))).one() == before + 1
    titles = session.exec(select(CVEntry.title).where(CVEntry.cv_id == cv_id)).all()
    assert "Interactieontwerper" in titles and not any(marker in t for t in titles)
    session.commit()
    # nothing of the file: not its bytes in the database or the data directory or the
    # temporary directory, not the dropped entry anywhere in the database file
    from cloudcv import config

    url = session.get_bind().url
    roots = [config.settings().data_dir, tempfile.gettempdir()]
    chunk = raw[len(raw) // 2: len(raw) // 2 + 48]
    if url.get_backend_name() == "sqlite":
        db_file = Path(str(url.database))
        assert marker.encode() not in db_file.read_bytes()
        roots.append(db_file.parent)
    # pytest's own directories (this run's and earlier runs', e.g. the browser tests' uploads)
    base = tmp_path_factory.getbasetemp()
    ours = next((p for p in (base, *base.parents) if p.name.startswith("pytest-of-")), base)
    assert _files_holding(chunk, roots, skip=ours) == []


def test_a_value_the_editor_refuses_refuses_the_whole_cv(session, uid):
    review = importing.read_document(_sample_pdf("x"))
    values = _kept(review)
    values["fields"]["email"] = "geen e-mailadres"
    first = next(e for e in values["entries"] if e["start"] == "03-2020")
    first["end"], first["current"] = "01-2001", ""   # before its start
    before = session.exec(select(func.count(CV.id))).one()
    with pytest.raises(ReviewRefused) as refused:
        importing.create_reviewed(session, user_id=uid, lang="nl", title="x", **values)
    assert refused.value.problems["email"] == "error.email_invalid"
    assert refused.value.problems[f"{first['key']}.end"] == "error.end_before_start"
    assert session.exec(select(func.count(CV.id))).one() == before
    assert session.exec(select(func.count(CVEntry.id)).where(CVEntry.user_id == uid)).one() == 0


@pytest.mark.parametrize("change", [
    lambda v: v["fields"].update({"private_note": "x"}),          # not a field of the review
    lambda v: v["fields"].update({"full_name": ["a"]}),           # not text
    lambda v: v["entries"][0].update({"section": "own7"}),        # no such own section
    lambda v: v["entries"][0].update({"section": "c1"}),          # someone's own section key
    lambda v: v["entries"][0].update({"level": "Z9"}),            # not a CEFR level
    lambda v: v.update({"entries": ["x"]}),
])
def test_a_hostile_review_payload_is_refused_and_creates_nothing(session, uid, change):
    values = _kept(importing.read_document(_sample_pdf("y")))
    change(values)
    with pytest.raises(Invalid):
        importing.create_reviewed(session, user_id=uid, lang="nl", title="x", **values)
    assert session.exec(select(func.count(CV.id)).where(CV.user_id == uid)).one() == 0
