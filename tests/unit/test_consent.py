"""Cookie consent: proof of every choice (append-only, revision + text hash) and the one
helper that decides what may be processed for a visitor."""

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlmodel import select

from cloudcv.i18n import catalogs  # noqa: F401  (catalog modules are merged on import)
from cloudcv.models import AnalyticsEvent, ConsentRecord, User
from cloudcv.models.cookies import (BANNER_REVISION, CATEGORIES, COOKIE_NAMES, OPTIONAL,
                                    REVISION_HASHES)
from cloudcv.services.core import clock
from cloudcv.services.core.devices import Client
from cloudcv.services.core.errors import Invalid
from cloudcv.services.privacy import consent, erasure
from tests.factories import verified_user

CLIENT = Client(ip="192.0.2.77", device_id="d" * 32, connection="https/websocket",
                user_agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                           "Chrome/120.0 Safari/537.36")
HOST = "cloudcv.nl"


def _choose(session, button, accepted=(), consent_id="", user_id=None, lang="nl"):
    return consent.record_choice(session, consent_id=consent_id, user_id=user_id,
                                 accepted=list(accepted), button=button, lang=lang, client=CLIENT)


def _visit(session, consent_id, path="/", referrer="", user_id=None, analytics_id=""):
    return consent.visit(session, consent_id=consent_id, user_id=user_id,
                         analytics_id=analytics_id, marketing_id="", path=path,
                         referrer=referrer, site_host=HOST, client=CLIENT)


def _count(session, model, **where):
    query = select(func.count()).select_from(model)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return session.exec(query).one()


def _records(session, consent_id):
    return session.exec(select(ConsentRecord).where(ConsentRecord.consent_id == consent_id)
                        .order_by(ConsentRecord.id)).all()


# ---- proof of consent ----

def test_a_choice_is_stored_with_revision_text_hash_language_truncated_ip_and_browser(session):
    choice = _choose(session, "accept_all", lang="en")
    [row] = _records(session, choice.consent_id)
    assert consent.valid_id(row.consent_id)
    assert row.method == "accept_all"
    assert row.accepted == ["analytics", "marketing"] and row.refused == []
    assert row.banner_revision == BANNER_REVISION
    assert row.text_sha256 == hashlib.sha256(consent.banner_text("en").encode()).hexdigest()
    assert row.lang == "en"
    assert row.ip_truncated == "192.0.2.0"  # never the full address
    assert row.user_agent.startswith("Mozilla/5.0")
    assert row.created_at.tzinfo is not None and row.user_id is None


def test_a_new_choice_is_a_new_record_and_older_ones_stay_unchanged(session):
    first = _choose(session, "accept_all")
    before = _records(session, first.consent_id)[0].model_dump()
    second = _choose(session, "reject_all", consent_id=first.consent_id)
    assert second.consent_id == first.consent_id
    rows = _records(session, first.consent_id)
    assert len(rows) == 2
    session.expire_all()
    assert _records(session, first.consent_id)[0].model_dump() == before
    assert rows[1].method == "withdraw" and rows[1].refused == ["analytics", "marketing"]


def test_consent_records_cannot_be_changed_or_deleted_through_a_session(session):
    choice = _choose(session, "reject_all")
    row = _records(session, choice.consent_id)[0]
    row.accepted = ["analytics"]
    session.add(row)
    with pytest.raises(consent.ConsentRecordsAreAppendOnly):
        session.commit()
    session.rollback()
    session.delete(_records(session, choice.consent_id)[0])
    with pytest.raises(consent.ConsentRecordsAreAppendOnly):
        session.commit()
    session.rollback()
    session.expire_all()
    assert _records(session, choice.consent_id)[0].accepted == []


def test_a_client_cannot_pick_its_own_consent_id(session):
    chosen = "a" * 32
    choice = _choose(session, "accept_all", consent_id=chosen)
    assert choice.consent_id != chosen and consent.valid_id(choice.consent_id)
    assert _count(session, ConsentRecord, consent_id=chosen) == 0


@pytest.mark.parametrize("button,accepted", [
    ("evil", []), ("custom", ["necessary"]), ("custom", ["analytics", "tracking"]),
    ("custom", "analytics"), ("custom", [{"x": 1}]), (None, []),
])
def test_a_malformed_choice_is_refused_and_nothing_is_stored(session, button, accepted):
    with pytest.raises(Invalid) as exc:
        consent.record_choice(session, consent_id="", user_id=None, accepted=accepted,
                              button=button, lang="nl", client=CLIENT)
    assert exc.value.key == "error.invalid_input"
    assert _count(session, ConsentRecord) == 0


def test_custom_choice_records_exactly_the_ticked_categories(session):
    choice = _choose(session, "custom", ["marketing"])
    [row] = _records(session, choice.consent_id)
    assert (row.method, row.accepted, row.refused) == ("custom", ["marketing"], ["analytics"])


# ---- the decision helper ----

def test_without_a_choice_only_necessary_processing_is_allowed(session):
    for cid in ("", "b" * 32, None, {"x": 1}):
        assert consent.may_process(session, consent_id=cid, user_id=None, purpose="necessary")
        for purpose in OPTIONAL:
            assert not consent.may_process(session, consent_id=cid, user_id=None, purpose=purpose)


def test_may_process_follows_the_choice_per_category(session):
    cid = _choose(session, "custom", ["analytics"]).consent_id
    assert consent.may_process(session, consent_id=cid, user_id=None, purpose="analytics")
    assert not consent.may_process(session, consent_id=cid, user_id=None, purpose="marketing")
    _choose(session, "reject_all", consent_id=cid)
    assert not consent.may_process(session, consent_id=cid, user_id=None, purpose="analytics")


def test_may_process_refuses_an_unknown_purpose(session):
    with pytest.raises(ValueError):
        consent.may_process(session, consent_id="", user_id=None, purpose="everything")


def test_a_restricted_account_stops_optional_processing_also_when_not_logged_in(session):
    anna = verified_user(session)
    cid = _choose(session, "accept_all").consent_id
    consent.link_user(session, consent_id=cid, user_id=anna.id)
    assert consent.may_process(session, consent_id=cid, user_id=anna.id, purpose="analytics")
    user = session.get(User, anna.id)
    user.restricted_at = clock.now()
    session.add(user)
    session.commit()
    for uid in (anna.id, None):  # logged in, or only linked through the consent id
        assert not consent.may_process(session, consent_id=cid, user_id=uid, purpose="analytics")
        assert not consent.may_process(session, consent_id=cid, user_id=uid, purpose="marketing")
        assert consent.may_process(session, consent_id=cid, user_id=uid, purpose="necessary")
    visit = _visit(session, cid, analytics_id="c" * 32)
    assert visit.analytics_id == "" and not visit.recorded
    assert _count(session, AnalyticsEvent) == 0


def test_a_choice_from_an_older_banner_revision_asks_again_and_stays_on_record(session, monkeypatch):
    cid = _choose(session, "accept_all").consent_id
    monkeypatch.setattr(consent, "BANNER_REVISION", BANNER_REVISION + 1)
    assert consent.current_choice(session, consent_id=cid) is None
    assert not consent.may_process(session, consent_id=cid, user_id=None, purpose="analytics")
    visit = _visit(session, cid, analytics_id="c" * 32)
    assert visit.banner and visit.analytics_id == "" and not visit.recorded
    assert _count(session, ConsentRecord, consent_id=cid) == 1  # the old choice stays
    _choose(session, "accept_all", consent_id=cid)
    assert [r.banner_revision for r in _records(session, cid)] == [BANNER_REVISION,
                                                                   BANNER_REVISION + 1]
    assert consent.may_process(session, consent_id=cid, user_id=None, purpose="analytics")


def test_a_choice_is_asked_again_after_a_year(session, frozen_clock):
    cid = _choose(session, "accept_all").consent_id
    frozen_clock.advance(days=364)
    assert consent.current_choice(session, consent_id=cid) is not None
    frozen_clock.advance(days=2)
    assert consent.current_choice(session, consent_id=cid) is None
    assert not consent.may_process(session, consent_id=cid, user_id=None, purpose="analytics")


# ---- what consent switches on ----

def test_without_consent_a_visit_records_nothing_and_hands_out_no_identifier(session):
    for cid in ("", _choose(session, "reject_all").consent_id):
        visit = _visit(session, cid, analytics_id="c" * 32)
        assert visit.analytics_id == visit.marketing_id == ""
        assert not visit.recorded
    assert _count(session, AnalyticsEvent) == 0
    assert _count(session, ConsentRecord) == 1  # only the refusal itself


def test_with_analytics_consent_a_visit_records_a_page_view_without_ip_or_query(session):
    cid = _choose(session, "custom", ["analytics"]).consent_id
    visit = _visit(session, cid, path="/cv/[cv_id]",
                   referrer="https://www.example.org/search?q=anna+de+vries")
    assert visit.recorded and consent.valid_id(visit.analytics_id) and visit.marketing_id == ""
    again = _visit(session, cid, path="/", referrer=f"https://{HOST}/cv/3?token=abc",
                   analytics_id=visit.analytics_id)
    assert again.analytics_id == visit.analytics_id  # the browser's id is kept
    rows = session.exec(select(AnalyticsEvent).order_by(AnalyticsEvent.id)).all()
    assert [(r.path, r.referrer) for r in rows] == [("/cv/[cv_id]", "www.example.org"),
                                                    ("/", "/cv/3")]
    assert rows[0].device_class == "desktop" and rows[0].country == ""
    for row in rows:
        assert "192.0.2" not in str(row.model_dump().values())


def test_withdrawing_analytics_deletes_its_page_views_and_stops_recording(session):
    cid = _choose(session, "accept_all").consent_id
    other = _choose(session, "accept_all").consent_id
    _visit(session, cid)
    _visit(session, cid)
    _visit(session, other)
    choice = _choose(session, "custom", ["marketing"], consent_id=cid)
    assert choice.method == "withdraw"
    assert _count(session, AnalyticsEvent, consent_id=cid) == 0
    assert _count(session, AnalyticsEvent, consent_id=other) == 1  # someone else's stay
    visit = _visit(session, cid, analytics_id="c" * 32)
    assert not visit.recorded and visit.analytics_id == "" and consent.valid_id(visit.marketing_id)
    assert _count(session, AnalyticsEvent, consent_id=cid) == 0


def test_login_links_the_consent_records_and_page_views_to_the_account(session):
    anna = verified_user(session)
    bob = verified_user(session, email="bob@example.nl", name="Bob")
    cid = _choose(session, "accept_all").consent_id
    _visit(session, cid)
    assert consent.link_user(session, consent_id=cid, user_id=anna.id) == 1
    assert consent.link_user(session, consent_id=cid, user_id=bob.id) == 0  # never re-linked
    session.expire_all()
    assert {r.user_id for r in _records(session, cid)} == {anna.id}
    assert {r.user_id for r in session.exec(select(AnalyticsEvent)).all()} == {anna.id}
    _choose(session, "reject_all", consent_id=cid)  # later choices keep the link
    assert [c.method for c in consent.history(session, user_id=anna.id)] == ["withdraw",
                                                                              "accept_all"]


def test_erasure_unlinks_the_proof_of_consent_and_deletes_page_views(session):
    anna = verified_user(session)
    cid = _choose(session, "accept_all", user_id=anna.id).consent_id
    _visit(session, cid, user_id=anna.id)
    erasure.erase_user(session, user_id=anna.id)
    session.expire_all()
    assert [r.user_id for r in _records(session, cid)] == [None]  # proof kept, unlinked
    assert _count(session, AnalyticsEvent) == 0


def test_referrers_keep_only_our_path_or_the_other_sites_host():
    clean = consent.clean_referrer
    assert clean(f"https://{HOST}/wachtwoord-herstellen?token=secret#x", site_host=HOST) == \
        "/wachtwoord-herstellen"
    assert clean("https://mail.google.com/mail/u/0/#inbox/abc", site_host=HOST) == \
        "mail.google.com"
    for bad in ("", "javascript:alert(1)", "not a url", None, 5, "https://" + "a" * 3000):
        assert clean(bad, site_host=HOST) == ""


# ---- the banner text and the declaration ----

def test_the_banner_text_hash_is_recorded_for_the_current_revision():
    """Changed a banner, settings or cookie text? Bump BANNER_REVISION in models/cookies.py
    and record the new hashes: everyone is then asked again."""
    assert REVISION_HASHES[BANNER_REVISION] == {lang: consent.banner_hash(lang)
                                                for lang in ("nl", "en")}


def test_the_banner_hash_covers_every_shown_text_in_each_language(monkeypatch):
    from cloudcv.i18n import CATALOGS

    assert consent.banner_hash("nl") != consent.banner_hash("en")
    before = consent.banner_hash("nl")
    for key in ("consent.banner.text", "consent.cookie.analytics", "consent.keep.year",
                "consent.cat.marketing.data", "consent.accept_all"):
        monkeypatch.setitem(CATALOGS["nl"], key, CATALOGS["nl"][key] + ".")
        assert consent.banner_hash("nl") != before, key
        before = consent.banner_hash("nl")


def test_every_text_the_cookie_declaration_names_exists_in_both_languages():
    from cloudcv.i18n import EN, NL

    keys = set()
    for cat in CATEGORIES:
        keys |= {cat.title_key, cat.purpose_key, cat.data_key}
        keys |= {k for c in cat.cookies for k in (c.purpose_key, c.retention_key, c.kind_key) if k}
    assert keys - set(NL) == set() and keys - set(EN) == set()


def test_every_cookie_the_app_sets_is_declared():
    import reflex as rx

    from cloudcv.state.base import AppState
    from cloudcv.state.consent import ConsentState  # noqa: F401  (registers the substate)

    names, todo = set(), [AppState]
    while todo:
        state = todo.pop()
        todo += list(state.get_substates())
        for name, default in state.get_fields().items():
            if isinstance(default.default, rx.Cookie):
                names.add(default.default.name or name)
    assert names and names <= set(COOKIE_NAMES), names - set(COOKIE_NAMES)
    assert {"cloudcv_consent", "cloudcv_analytics", "cloudcv_marketing"} <= names


def test_an_upheld_marketing_objection_stops_marketing_despite_consent(session):
    from cloudcv.services.privacy import objections

    user = verified_user(session, email="obj@example.nl", name="Obi")
    choice = consent.record_choice(session, consent_id="", user_id=user.id, button="accept_all",
                                   lang="nl", client=CLIENT)
    assert consent.may_process(session, consent_id=choice.consent_id, user_id=user.id, purpose="marketing")
    objections.object_to(session, user_id=user.id, purpose="marketing", motivation="Geen reclame graag.")
    session.commit()
    assert not consent.may_process(session, consent_id=choice.consent_id, user_id=user.id, purpose="marketing")
    assert consent.may_process(session, consent_id=choice.consent_id, user_id=user.id, purpose="analytics")
