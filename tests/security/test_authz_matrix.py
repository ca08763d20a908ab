"""The authorization matrix (issue 19): every client-callable State event handler and every
HTTP route, called as anonymous, as user A, as user B (aimed at A's objects) and as admin.

Handlers and routes are enumerated from the app itself (``_harness.routable_handlers``,
``_harness.http_routes``): one without an entry in ``RULES`` / ``ROUTES`` fails the test.
Every call goes through Reflex's own event processor with the session cookie in the
websocket's Cookie header, so "as B" is B's server-side session, as in production.

After each call by anyone but A: (1) no row of A's was added, changed or removed (A's rows:
``user_account.id``, any ``user_id`` or ``subject_user_id``, and a row of nobody's whose
e-mail column is A's address), and no row of a table without an owner changed unless an
admin ran an admin action; (2) no marker of A's (name, e-mail address, CV text, recipient,
the secret tokens and codes) is in what was sent to the client, unless the caller typed it
in; (3) the call did not crash. The admin may see A's name and e-mail address (the console
shows account metadata) but never A's CV content or secrets.

The positive controls: A's own call with the same payload changes A's rows (``PROOF``) or
shows A's data (``PROOF_SHOWS``), and the admin's changes A's rows or shows A's account
(``ADMIN_PROOF``), so the attacks aim at real objects.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import reflex as rx
from sqlmodel import Session, select
from starlette.testclient import TestClient

from cloudcv import config
from cloudcv.models import (AuthSession, ContactQuestion, CoverLetter, CVSnapshot, DataRequest,
                            OutboxMail, ShareLink)
from cloudcv.services.core import db
from cloudcv.services.cv import cvs, entries, recipients
from cloudcv.services.privacy import export
from tests.factories import PASSWORD, login, verified_user
from tests.mydata_factories import (ADMIN_EMAIL, ADMIN_PASSWORD, Secrets, client, full_user,
                                    jpeg)
from tests.security import _harness as h

A_NAME, A_EMAIL = "Aaltje Geheimvrouw", "aaltje.geheimvrouw@example.nl"
B_NAME, B_EMAIL = "Bert Nieuwsgierig", "bert.nieuwsgierig@example.nl"
A_CONTENT = ("Kapersgracht 13", "Zeer geheim profiel van Aaltje", "Geheimschrijver",
             "Beurs in Groningen", "Cv van Aaltje")
ROLES = ("anon", "B", "admin", "A")


@dataclass
class World:
    url: str
    pristine: str
    ids: dict[str, int | str]
    cookies: dict[str, str]
    secrets: list[str]

    def restore(self) -> None:
        """Put the database back as it was after setup (A's own calls delete things)."""
        db.engine(self.url).dispose()
        with sqlite3.connect(self.pristine) as src, \
                sqlite3.connect(self.url.split("///", 1)[1]) as dst:
            src.backup(dst)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A (a full user: a row in every table), B (a user with a CV of their own) and the
    admin, each with a live session; SQLite, restored from a copy after A's own calls."""
    tmp = tmp_path_factory.mktemp("authz")
    url = f"sqlite:///{tmp / 'matrix.db'}"
    db.migrate(url)
    patch = pytest.MonkeyPatch()
    base = config.settings()
    patch.setattr(db, "settings", lambda: dataclasses.replace(base, db_url=url))
    secrets = Secrets()
    with Session(db.engine(url), expire_on_commit=False) as s:
        a, a_token = full_user(s, A_EMAIL, A_NAME, secrets)
        a_cv = cvs.list_cvs(s, user_id=a.id)[0].id
        cvs.set_field(s, user_id=a.id, cv_id=a_cv, name="street", value=A_CONTENT[0])
        cvs.set_field(s, user_id=a.id, cv_id=a_cv, name="profile", value=A_CONTENT[1])
        a_entry = cvs.get_cv(s, user_id=a.id, cv_id=a_cv).entries["work"][0].id
        entries.add_entry(s, user_id=a.id, cv_id=a_cv, section="work")  # a_entry can move down
        entries.set_entry_field(s, user_id=a.id, entry_id=a_entry, name="title",
                                value=A_CONTENT[2])
        a_recipient = recipients.list_recipients(s, user_id=a.id, cv_id=a_cv)[0].id
        b = verified_user(s, email=B_EMAIL, name=B_NAME)
        b_token = login(s, email=B_EMAIL, password=PASSWORD, client=client(5)).token
        b_cv = cvs.create_cv(s, user_id=b.id, title="Cv van Bert")
        admin_token = login(s, email=ADMIN_EMAIL, password=ADMIN_PASSWORD,
                            client=client(9)).token
        ids = {
            "a": a.id, "b": b.id, "a_cv": a_cv, "b_cv": b_cv, "a_entry": a_entry,
            "a_recipient": a_recipient,
            "a_version": s.exec(select(CVSnapshot.id).where(CVSnapshot.user_id == a.id)).first(),
            "a_letter": s.exec(select(CoverLetter.id).where(CoverLetter.user_id == a.id)).first(),
            "a_link": s.exec(select(ShareLink.id).where(ShareLink.user_id == a.id)).first(),
            "a_mail": s.exec(select(OutboxMail.id).where(OutboxMail.user_id == a.id)
                             .order_by(OutboxMail.id.desc())).first(),
            "a_question": s.exec(select(ContactQuestion.id)
                                 .where(ContactQuestion.user_id == a.id)).first(),
            "a_request": s.exec(select(DataRequest.id).where(DataRequest.user_id == a.id)
                                .order_by(DataRequest.id)).first(),
            "a_device": s.exec(select(AuthSession.public_id).where(AuthSession.user_id == a.id)
                               .order_by(AuthSession.id.desc())).first(),
        }
        ids["a_share"] = secrets.link_tokens[1]  # the personal link A mailed (full_user)
        ids["a_export"] = export.prepare(s, user_id=a.id, lang="nl", ip="192.0.2.1",
                                         progress=lambda done, total: None)
        s.commit()
    db.engine(url).dispose()
    pristine = str(tmp / "pristine.db")
    with sqlite3.connect(url.split("///", 1)[1]) as src, sqlite3.connect(pristine) as dst:
        src.backup(dst)
    yield World(url=url, pristine=pristine, ids=ids,
                cookies={"anon": "", "A": a_token, "B": b_token, "admin": admin_token},
                secrets=[*secrets.session_tokens, *secrets.link_tokens, *secrets.codes])
    patch.undo()


# ---- the matrix: one rule per client-callable handler

@dataclass(frozen=True)
class Rule:
    """How to aim one handler at A's objects, and who may legitimately act.

    ``paths``: the pages the attack is sent from (``{a_cv}``/``{b_cv}`` filled in): the page's
    on_load runs first, as in a browser. ``before``: handlers sent first in the same tab (to
    open A's object in server-side state). ``admin``: an admin action (the admin may change
    A's rows and global tables; everyone else must be refused). ``by_address``: tables where
    a public form may add (or renew) rows for the e-mail address typed in (here A's): the
    mail goes to that address only, and nothing of A's is shown. ``mail_bodies``: the admin's outbox
    reader shows a mail's text, links included (for operators without SMTP).
    ``says_unexpected``: the handler's job is the unexpected-error flash (any other handler
    that ends with it crashed)."""

    paths: tuple[str, ...] = ("/",)
    before: tuple[tuple[str, dict], ...] = ()
    admin: bool = False
    by_address: frozenset[str] = frozenset()
    payload: dict | None = None
    mail_bodies: bool = False
    says_unexpected: bool = False


EDITOR = ("/cv/{a_cv}", "/cv/{b_cv}")
USERS = "/beheer/gebruikers"
OPEN_A = (("open_user", {"user_id": "{a}"}),)


def _admin(path: str, **kw) -> Rule:
    return Rule(paths=(path,), admin=True, **kw)


RULES: dict[str, dict[str, Rule]] = {
    "base.AppState": {**{n: Rule() for n in ("dismiss_flash", "load", "logout",
                                             "logout_everywhere", "switch_language")},
                      "unexpected_error": Rule(says_unexpected=True)},
    "base.LoggedInState": {"require_login": Rule(paths=("/cv",))},
    "cv_list.CVListState": {
        **{n: Rule(paths=("/cv",)) for n in ("ask_delete", "cancel_dialogs", "create",
                                             "duplicate", "load", "set_new_title",
                                             "start_rename", "import_resume")},
        "rename": Rule(paths=("/cv",), before=(("start_rename", {"cv_id": "{a_cv}",
                                                                 "title": "x"}),)),
        "confirm_delete": Rule(paths=("/cv",), before=(("ask_delete", {"cv_id": "{a_cv}"}),)),
    },
    # B aims at A's CV; A's fixture CV is not in the trash, so A's own calls change nothing
    "trash.TrashState": {
        "restore": Rule(paths=("/cv",), payload={"cv_id": "{a_cv}"}),
        "ask_erase": Rule(paths=("/cv",), payload={"cv_id": "{a_cv}"}),
        "cancel_erase": Rule(paths=("/cv",)),
        "confirm_erase": Rule(paths=("/cv",), before=(("ask_erase", {"cv_id": "{a_cv}"}),)),
    },
    # the review lives in the caller's own tab state: nothing of A's is reachable from it
    "importing.ImportState": {n: Rule(paths=("/cv/importeren",)) for n in (
        "upload", "set_field", "keep_field", "set_entry", "keep_entry", "discard", "create")},
    "cvs.EditorState": {
        **{n: Rule(paths=EDITOR) for n in (
            "add_entry", "delete_entry", "load", "move_entry", "remove_photo", "save_birth_date",
            "save_entry", "save_field", "set_entry_flag", "set_hidden", "set_omit",
            "toggle_licence", "upload_photo")},
        "set_template": Rule(paths=EDITOR, payload={"value": "ats"}),
        "set_accent": Rule(paths=EDITOR, payload={"value": "#112233"}),
        "set_cv_lang": Rule(paths=EDITOR, payload={"value": "en"}),
        "set_locked": Rule(paths=EDITOR, payload={"locked": True}),
        "set_anonymous": Rule(paths=EDITOR, payload={"on": True}),
        # A's full-user fixture has one undo step (tests/mydata_factories.py), no redo step
        **{n: Rule(paths=EDITOR) for n in ("undo", "redo")},
    },
    "layout.LayoutState": {
        **{n: Rule(paths=EDITOR) for n in ("reset_text_color", "use_accent_fix",
                                           "use_text_fix")},
        "set_font": Rule(paths=EDITOR, payload={"value": "liberation_serif"}),
        "set_size": Rule(paths=EDITOR, payload={"value": "11"}),
        "set_spacing": Rule(paths=EDITOR, payload={"value": "1.3"}),
        "set_margin": Rule(paths=EDITOR, payload={"value": "15"}),
        "set_text_color": Rule(paths=EDITOR, payload={"value": "#333333"}),
        "set_custom_accent": Rule(paths=EDITOR, payload={"value": "#112244"}),
    },
    "sections.SectionsState": {
        "move_section": Rule(paths=EDITOR),
        "place_section": Rule(paths=EDITOR, payload={"section": "work", "before": "profile"}),
        "rename_section": Rule(paths=EDITOR, payload={"section": "work", "title": "Gekaapt"}),
        "reset_section": Rule(paths=EDITOR),
        "set_page_break": Rule(paths=EDITOR, payload={"section": "work", "on": True}),
        "add_own_section": Rule(paths=EDITOR),
        "delete_own_section": Rule(paths=EDITOR, payload={"section": "c1"}),
    },
    "recipients.RecipientsState": {
        **{n: Rule(paths=EDITOR) for n in ("add", "cancel_edit", "load_recipients", "remove",
                                           "revoke", "revoke_all", "send", "set_follow",
                                           "set_send_anonymous", "set_send_letter", "start_edit")},
        "save_edit": Rule(paths=EDITOR, before=(("load_recipients", {}),
                                                ("start_edit", {"recipient_id": "{a_recipient}"}))),
    },
    # the version list of the open CV; B's editor is on B's own CV, A's ids are refused
    "versions.VersionsState": {n: Rule(paths=EDITOR) for n in (
        "load_versions", "save_version", "restore_version")},
    "letters.LettersState": {n: Rule(paths=EDITOR) for n in (
        "load_letters", "new_letter", "delete_letter")},
    # the letter page: B's load of A's letter is refused, so B's saves have no letter to reach
    "letters.LetterState": {n: Rule(paths=("/brief/{a_letter}",)) for n in (
        "load_letter", "save_letter_field")},
    "mydata.MyDataState": {n: Rule(paths=("/mijn-gegevens",)) for n in (
        "change_email", "delete_account", "load", "object_to", "prepare_export", "reauth",
        "revoke", "revoke_others", "save_name", "set_restriction", "set_tab")},
    "consent.ConsentState": {n: Rule() for n in (
        "accept_all", "open_settings", "open_settings_from_footer", "reject_all",
        "save_settings", "set_allow_analytics", "set_allow_marketing", "set_settings_open",
        "sync")},
    "admin.AdminState": {"load_console": _admin("/beheer")},
    "admin.AdminUsersState": {
        "load": _admin(USERS), "search": _admin(USERS), "open_user": _admin(USERS),
        **{n: _admin(USERS, before=OPEN_A) for n in ("close_user", "lift_hold", "resend",
                                                    "set_blocked", "set_hold", "set_role")},
    },
    "admin.AdminAuthorityState": {n: _admin("/beheer/overheid") for n in ("load", "register")},
    "admin.AdminBreachState": {n: _admin("/beheer/datalekken") for n in (
        "load", "notify_users", "record_ap", "register", "toggle_category")},
    "admin.AdminMailState": {**{n: _admin("/beheer/mail") for n in (
        "close_mail", "load", "retry", "set_filter")},
        "read": _admin("/beheer/mail", mail_bodies=True)},
    "admin.AdminAuditState": {n: _admin("/beheer/audit") for n in ("filter", "load")},
    "admin.AdminRequestsState": {n: _admin("/beheer/verzoeken") for n in (
        "decide", "extend", "load", "show")},
    "admin_recipients.AdminRecipientState": {"forget": _admin("/beheer/verzoeken")},
    "admin.AdminOpsState": {n: _admin("/beheer/bewaartermijnen") for n in (
        "load", "run_now", "save_processor")},
    "retention.RegisterState": {n: _admin("/beheer/register") for n in (
        "load_register", "refresh_register")},
    "contact.AdminContactState": {n: _admin("/beheer/contact") for n in (
        "answer", "handled", "load", "show")},
    "campaigns.AdminCampaignsState": {n: _admin("/beheer/campagnes") for n in (
        "create", "load", "select", "send")},
    "auth.RegisterState": {"submit": Rule(paths=("/registreren",),
                                          by_address=frozenset({"outbox_mail"}))},
    "auth.LoginState": {"redirect_if_logged_in": Rule(paths=("/inloggen",)),
                        # the code step's challenge lives in this tab's state only
                        "submit_code": Rule(paths=("/inloggen",)),
                        "cancel_code": Rule(paths=("/inloggen",)),
                        "start_passkey": Rule(paths=("/inloggen",)),
                        "passkey_answer": Rule(paths=("/inloggen",), payload={"answer": "{}"}),
                        # a failed attempt on A's address is in A's own security log
                        "submit": Rule(paths=("/inloggen",),
                                       by_address=frozenset({"login_event"}))},
    "auth.ForgotState": {"submit": Rule(paths=("/wachtwoord-vergeten",), by_address=frozenset(
        {"one_time_token", "outbox_mail"}))},
    "auth.ResetState": {"submit": Rule(paths=("/wachtwoord-herstellen",))},
    "auth.VerifyState": {"verify": Rule(paths=("/bevestigen",))},
    "auth.EmailConfirmState": {"confirm": Rule(paths=("/e-mailadres-bevestigen",))},
    "auth.NotMeState": {"confirm": Rule(paths=("/niet-ik",))},
    # each acts on the caller's own second factor only
    "security.SecurityState": {**{n: Rule(paths=("/beveiliging",)) for n in (
        "load", "start", "confirm", "new_codes", "codes_saved", "turn_off", "start_passkey",
        "remove_passkey", "change_password")},
        "passkey_answer": Rule(paths=("/beveiliging",), payload={"answer": "{}"})},
    "contact.ContactState": {"submit": Rule(paths=("/contact",), by_address=frozenset(
        {"contact_question", "outbox_mail"}))},
    "news.NewsState": {"submit": Rule(paths=("/nieuwsbrief",), by_address=frozenset(
        {"marketing_opt_in", "outbox_mail"}))},
    "news.NewsConfirmState": {"confirm": Rule(paths=("/nieuwsbrief/bevestigen",))},
    "news.MyNewsState": {"load_news": Rule(paths=("/mijn-gegevens",)),
                         "set_news": Rule(paths=("/mijn-gegevens",), payload={"on": False})},
    "retention.PrivacyState": {"load": Rule(paths=("/privacy",))},
    "retention.KeepState": {n: Rule(paths=("/account-behouden",)) for n in ("check", "keep")},
    "retention.NoticeState": {n: Rule() for n in ("check", "dismiss")},
    "forms.FormState": {},
    "verzoek.VerzoekState": {
        **{n: Rule(paths=("/verzoek",)) for n in ("load", "restart", "set_kind", "verify")},
        "submit": Rule(paths=("/verzoek",), by_address=frozenset({"data_request",
                                                                  "outbox_mail"})),
    },
}

# A's own call with the same payload must change A's rows (the attack is aimed right) ...
PROOF = {
    ("cv_list.CVListState", "duplicate"), ("cv_list.CVListState", "rename"),
    ("cv_list.CVListState", "confirm_delete"), ("cvs.EditorState", "save_field"),
    ("cvs.EditorState", "save_entry"), ("cvs.EditorState", "delete_entry"),
    ("cvs.EditorState", "move_entry"), ("cvs.EditorState", "remove_photo"),
    ("cvs.EditorState", "set_template"), ("cvs.EditorState", "upload_photo"),
    ("cvs.EditorState", "set_accent"), ("cvs.EditorState", "set_cv_lang"),
    ("cvs.EditorState", "add_entry"), ("cvs.EditorState", "set_entry_flag"),
    *(("layout.LayoutState", n) for n in ("set_font", "set_size", "set_spacing", "set_margin",
                                          "set_text_color", "set_custom_accent")),
    *(("sections.SectionsState", n) for n in ("move_section", "place_section", "rename_section",
                                              "set_page_break", "add_own_section")),
    ("cvs.EditorState", "set_locked"), ("cvs.EditorState", "undo"),
    ("recipients.RecipientsState", "remove"), ("recipients.RecipientsState", "revoke"),
    ("recipients.RecipientsState", "send"), ("recipients.RecipientsState", "save_edit"),
    ("recipients.RecipientsState", "revoke_all"), ("mydata.MyDataState", "save_name"),
    ("mydata.MyDataState", "revoke"), ("mydata.MyDataState", "set_restriction"),
    ("news.MyNewsState", "set_news"), ("base.AppState", "logout_everywhere"),
}
# ... or show A's data, for the handlers that only read
PROOF_SHOWS = {("cvs.EditorState", "load"), ("recipients.RecipientsState", "load_recipients"),
               ("mydata.MyDataState", "load"), ("cv_list.CVListState", "load")}

# What the admin's own call must do (admin actions succeed for the admin): act on A's rows,
# or show A's account metadata that the admin did not type in.
ADMIN_PROOF = {
    ("admin.AdminUsersState", "open_user"), ("admin.AdminUsersState", "set_blocked"),
    ("admin.AdminUsersState", "set_hold"), ("admin.AdminUsersState", "set_role"),
    ("admin.AdminMailState", "read"), ("admin.AdminAuthorityState", "load"),
    ("contact.AdminContactState", "load"), ("contact.AdminContactState", "handled"),
}


def _form(w: World) -> dict:
    """One submitted form with every field any handler reads, aimed at A."""
    i = w.ids
    return {
        "title": "Gekaapt", "name": "Gekaapt", "email": A_EMAIL, "organisation": "Kaper BV",
        "note": "gekaapt", "message": "Een vraag die lang genoeg is om te versturen.",
        "query": A_NAME, "reason": "omdat het kan", "user_id": str(i["a"]), "action": "",
        "request_id": str(i["a_request"]), "question_id": str(i["a_question"]),
        "breach_id": "1", "decision": "granted", "answer": "Een antwoord.", "code": "000000",
        "kind": "access", "details": "Alles graag.", "purpose": "marketing",
        "motivation": "Ik wil het niet.", "confirmation": "VERWIJDEREN",
        "password": "fout wachtwoord!", "delete_password": "fout wachtwoord!",
        "email_password": "fout wachtwoord!", "new_email": "kaper@example.nl",
        "subject": "Aanbieding", "body": "Koop nu.", "lang": "nl", "authority": "Politie",
        "legal_basis": "art. 126nd Sv", "scope": "alles", "user_email": A_EMAIL,
        "received_on": "01-12-2026", "processor_id": "1", "agreement_date": "01-01-2026",
        "data_received": "alles", "discovered_at": "01-12-2026 10:00",
        "description": "Een lek.", "people_count": "1", "measures": "geen",
        "high_risk": "on", "reference": "AP-1", "website": "",
    }


def _payload(w: World, key: str, handler: str) -> dict:
    """Arguments for the handler's parameters, by name: every id is one of A's."""
    import inspect

    i = w.ids
    by_name = {
        "cv_id": str(i["a_cv"]), "entry_id": str(i["a_entry"]),
        "recipient_id": str(i["a_recipient"]), "link_id": str(i["a_link"]),
        "version_id": str(i["a_version"]), "letter_id": str(i["a_letter"]),
        "user_id": str(i["a"]), "public_id": i["a_device"], "mail_id": str(i["a_mail"]),
        "breach_id": "1", "question_id": str(i["a_question"]), "campaign_id": "1",
        "title": "Gekaapt", "section": "work", "direction": 1, "code": "B",
        "category": "cv_content", "referrer": "", "built": "", "role": "admin",
        # what POST /_upload hands the handler: Starlette's file, wrapped by Reflex
        "files": [rx.UploadFile(file=io.BytesIO(jpeg((200, 10, 10))), path=Path("foto.jpg"))],
        "form": _form(w),
    }
    fn = h.state_class(key).event_handlers[handler].fn
    out = {}
    for name, param in list(inspect.signature(fn).parameters.items())[1:]:
        if name in by_name:
            out[name] = by_name[name]
        elif name == "name":  # a field of the CV (save_field, set_omit) or of an entry
            out[name] = "title" if "entry" in handler else "street"
        elif name == "value":
            hint = str(param.annotation)
            out[name] = True if "bool" in hint else "Gekaapt"
        elif str(param.annotation) == "bool":
            out[name] = True
        elif param.default is not inspect.Parameter.empty:
            continue
        else:
            out[name] = "x"
    if handler == "set_entry_flag":
        out.update(name="current", value=True)
    return out


def _fill(value, w: World):
    if isinstance(value, str):
        return re.sub(r"\{(\w+)\}", lambda m: str(w.ids[m.group(1)]), value)
    if isinstance(value, dict):
        return {k: _fill(v, w) for k, v in value.items()}
    return value


def _a_rows(changes, a_id: int) -> list:
    """The changed rows that are A's."""
    def mine(row: dict) -> bool:
        was = row.get("_was", {})
        values = [row, {**row, **was}]
        return any(
            v.get("user_id") == a_id or v.get("subject_user_id") == a_id
            # a row of nobody's (or of the table's own kind) for A's address; B's own row
            # naming A's address (a recipient B adds) is B's
            or v.get("user_id") is None and any(
                str(v.get(c, "")).lower() == A_EMAIL for c in ("email", "to_addr"))
            for v in values) or (row.get("_table") == "user_account" and row.get("id") == a_id)
    return [(t, kind, r) for t, kind, r in changes if mine({**r, "_table": t})]


def _acted(changes, a_id: int) -> list:
    """A's rows that changed, leaving out the session's ``last_seen_at`` (written at most
    once a minute by any call: it proves nothing about the handler)."""
    return [c for c in _a_rows(changes, a_id)
            if not (c[0] == "auth_session" and set(c[2].get("_was", ())) == {"last_seen_at"})]


OWNERLESS = {"data_breach", "erasure_tombstone", "lease", "marketing_campaign",
             "marketing_campaign_send", "marketing_suppression", "processor", "retention_run",
             "append_only_grant"}


def _violations(w: World, role: str, rule: Rule, changes, text: str, typed: str):
    """What this call by ``role`` must not have done (empty: refused, nothing leaked).

    ``typed``: the payload as sent; a marker the caller typed in themselves (A's address in
    a form) may come back to them, it tells them nothing new."""
    out = []
    if re.search(r'"flash_rx_state_": ?"error\.unexpected"', text) and not rule.says_unexpected:
        out.append("the handler crashed (the unexpected-error flash)")
    acting_admin = role == "admin" and rule.admin
    if not acting_admin:
        bad = [c for c in _a_rows(changes, w.ids["a"])
               if not (c[0] in rule.by_address and c[1] != "removed")]
        bad += [c for c in changes if c[0] in OWNERLESS]
        out += [f"{kind} a row of {t}: id {r.get('id')}" for t, kind, r in bad]
    markers = [*A_CONTENT] + ([] if role == "admin" else [A_NAME, A_EMAIL])
    if not (role == "admin" and rule.mail_bodies):
        markers += w.secrets
    out += [f"sent to the client: {m!r}" for m in markers if m in text and m not in typed]
    return out


def _attack(w: World, role: str, key: str, handler: str, rule: Rule, path: str):
    before = h.dump(db.engine(w.url))
    steps = [(key, name, _fill(p, w)) for name, p in rule.before]
    steps.append((key, handler, _fill(rule.payload or _payload(w, key, handler), w)))
    tab = h.send(w.cookies[role], _fill(path, w), steps)
    changes = h.diff(before, h.dump(db.engine(w.url)))
    return changes, tab.text(), json.dumps(steps, default=str)


def test_every_handler_and_route_has_a_matrix_entry():
    handlers = h.routable_handlers()
    missing = {k: v - set(RULES.get(k, {})) for k, v in handlers.items()
               if v - set(RULES.get(k, {}))}
    assert not missing, f"handlers without a matrix entry: {missing}"
    gone = {k: set(v) - handlers.get(k, set()) for k, v in RULES.items()
            if set(v) - handlers.get(k, set())}
    assert not gone, f"matrix entries for handlers that no longer exist: {gone}"
    routes = set(h.http_routes())
    assert routes - set(ROUTES) == set(), f"routes without a matrix entry: {routes - set(ROUTES)}"


def test_no_handler_lets_anyone_but_a_act_on_or_see_as_data(world):
    w = world
    tried, got_through, proved, shown, admin_proved = 0, [], set(), set(), set()
    for key, handlers in sorted(RULES.items()):
        for handler, rule in sorted(handlers.items()):
            for path in rule.paths:
                for role in ROLES:
                    changes, text, typed = _attack(w, role, key, handler, rule, path)
                    if role == "A":
                        if _acted(changes, w.ids["a"]):
                            proved.add((key, handler))
                        if any(m in text and m not in typed for m in (*A_CONTENT, A_EMAIL)):
                            shown.add((key, handler))
                        if changes:
                            w.restore()
                        continue
                    tried += 1
                    if role == "admin" and (_acted(changes, w.ids["a"]) or any(
                            m in text and m not in typed for m in (A_NAME, A_EMAIL))):
                        admin_proved.add((key, handler))
                    for v in _violations(w, role, rule, changes, text, typed):
                        got_through.append(f"{role} {key}.{handler} from {path}: {v}")
                    if changes:
                        w.restore()
    print(f"\nauthorization matrix: tried {tried} attacks, got through {len(got_through)}")
    assert not got_through, "\n".join(got_through)
    assert PROOF - proved == set(), f"A's own call did nothing (aimed wrong): {PROOF - proved}"
    assert PROOF_SHOWS - shown == set(), f"A's own call showed nothing: {PROOF_SHOWS - shown}"
    idle = ADMIN_PROOF - admin_proved
    assert idle == set(), f"admin actions that did nothing for the admin: {idle}"
    assert tried >= 400


# ---- HTTP routes

@dataclass(frozen=True)
class Call:
    """One HTTP route aimed at A: the URL (``{a_cv}``, ``{share}``, ``{export}`` filled in;
    ``{share}``/``{export}`` are A's real secrets for A, forged ones for everyone else), the
    statuses allowed for anyone but A, and A's own (the positive control)."""

    url: str = ""
    others: frozenset[int] = frozenset()
    own: int = 0
    body: bytes = b""


ROUTES: dict[tuple[str, str], Call | None] = {
    ("POST", "/api/session/start"): Call("/api/session/start", frozenset({400}), 400,
                                         body=b"{share}"),  # a secret that is no ticket
    ("POST", "/api/session/end"): Call("/api/session/end", frozenset({204}), 204),
    ("GET", "/api/cv/{cv_id:int}/pdf"): Call("/api/cv/{a_cv}/pdf", frozenset({404}), 200),
    ("GET", "/api/cv/{cv_id:int}/resume.json"): Call("/api/cv/{a_cv}/resume.json", frozenset({404}), 200),
    ("GET", "/api/cv/{cv_id:int}/cv.md"): Call("/api/cv/{a_cv}/cv.md", frozenset({404}), 200),
    ("GET", "/api/cv/{cv_id:int}/cv.docx"): Call("/api/cv/{a_cv}/cv.docx", frozenset({404}), 200),
    ("GET", "/api/cv/{cv_id:int}/preview.jpg"): Call("/api/cv/{a_cv}/preview.jpg",
                                                     frozenset({404}), 200),
    ("GET", "/api/cv/{cv_id:int}/versie/{version_id:int}.pdf"): Call(
        "/api/cv/{a_cv}/versie/{a_version}.pdf", frozenset({404}), 200),
    # B and the admin get their own export (A's token is not theirs), anonymous a redirect
    ("GET", "/api/mijn-gegevens/export.zip"): Call("/api/mijn-gegevens/export.zip?t={export}",
                                                   frozenset({200, 303}), 200),
    # public: page 1 of the fictional sample CV in a template; nobody's data, the same for all
    ("GET", "/api/template/{name:str}.jpg"): Call("/api/template/ats.jpg?lang=en",
                                                  frozenset({200}), 200),
    # public: the /probeer form's PDF; it reads only what the caller posts (an empty form:
    # the name is required) and touches nobody's rows
    ("GET", "/api/brief/{letter_id:int}.{fmt:str}"): Call("/api/brief/{a_letter}.pdf",
                                                          frozenset({404}), 200),
    ("POST", "/api/probeer/cv.pdf"): Call("/api/probeer/cv.pdf", frozenset({400}), 400),
    ("GET", "/gedeeld/{token:str}"): Call("/gedeeld/{share}", frozenset({404}), 200),
    ("GET", "/gedeeld/{token:str}/cv.png"): Call("/gedeeld/{share}/cv.png", frozenset({404}), 200),
    ("GET", "/gedeeld/{token:str}/cv.pdf"): Call("/gedeeld/{share}/cv.pdf", frozenset({404}), 200),
    ("POST", "/api/afmelden"): Call("/api/afmelden?t={share}", frozenset({400}), 400),
    ("GET", "/api/afmelden"): Call("/api/afmelden?t={share}", frozenset({400}), 400),
    ("GET", "/ping"): Call("/ping", frozenset({200}), 200),
    ("GET", "/_health"): Call("/_health", frozenset({200}), 200),
    ("*", "/_event"): None,  # the websocket: every handler on it is in RULES above
    ("POST", "/_upload"): None,  # hands its files to EditorState.upload_photo (in RULES)
}


def _readable(response) -> str:
    """The body as text, a ZIP's members unpacked (an export is read inside)."""
    data = response.content
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace") + "\n".join(f"{k}: {v}" for k, v in
                                                         response.headers.items())


def test_no_route_lets_anyone_but_a_act_on_or_see_as_data(world):
    w = world
    w.restore()  # whatever the handler matrix left, even when it failed
    from cloudcv.cloudcv import app

    ours = {r.path for r in app.api_transformer.routes}
    clients = {True: TestClient(app.api_transformer), False: TestClient(app._api)}
    tried, got_through = 0, []
    for (method, path), call in sorted(ROUTES.items(), key=str):
        if call is None:
            continue
        for role in ROLES:
            real = role == "A"
            secrets = {"share": w.ids["a_share"] if real else w.ids["a_share"][:-2] + "xx",
                       "export": w.ids["a_export"]}
            fill = {**w.ids, **secrets}
            url = re.sub(r"\{(\w+)\}", lambda m: str(fill[m.group(1)]), call.url)
            body = re.sub(rb"\{(\w+)\}", lambda m: str(fill[m.group(1).decode()]).encode(),
                          call.body)
            headers = {"origin": "http://testserver", "host": "testserver"}
            if w.cookies[role]:
                headers["cookie"] = f"cloudcv_session={w.cookies[role]}"
            before = h.dump(db.engine(w.url))
            response = clients[path in ours].request(method, url, content=body or None,
                                                     headers=headers, follow_redirects=False)
            changes = h.diff(before, h.dump(db.engine(w.url)))
            if real:
                assert response.status_code == call.own, (method, url, response.status_code)
            else:
                tried += 1
                problems = _violations(w, role, Rule(), changes, _readable(response), url)
                if response.status_code not in call.others:
                    problems.append(f"status {response.status_code}")
                got_through += [f"{role} {method} {url}: {p}" for p in problems]
            if changes:
                w.restore()
    print(f"\nHTTP matrix: tried {tried} attacks, got through {len(got_through)}")
    assert not got_through, "\n".join(got_through)
    assert tried >= 33
