"""The client is hostile: what it can call, what it can send, what ends up in script text."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cloudcv.cloudcv  # noqa: F401  (registers every page and state)
from cloudcv.api import content_security_policy
from cloudcv.services.core.errors import Invalid
from cloudcv.services.cv import cvs, entries
from cloudcv.state.base import cookie_value
from cloudcv.state.events import CHECKED, _conforms
from tests.factories import verified_user
from tests.security._harness import our_states, routable_handlers
from tests.security._harness import run_async  # own loop: Playwright holds the main one

ROOT = Path(__file__).resolve().parents[2]

# Every event a client may call, per state, written out by hand. A new public method on a
# State is a new door: it must be added here on purpose (or get an underscore).
ALLOWED = {
    "base.AppState": {"dismiss_flash", "load", "logout", "logout_everywhere", "switch_language",
                      "unexpected_error"},
    "base.LoggedInState": {"require_login"},
    "cv_list.CVListState": {"ask_delete", "cancel_dialogs", "confirm_delete", "create", "duplicate",
                    "load", "rename", "set_new_title", "start_rename", "import_resume"},
    "letters.LettersState": {"load_letters", "new_letter", "delete_letter"},
    "letters.LetterState": {"load_letter", "save_letter_field"},
    "versions.VersionsState": {"load_versions", "save_version", "restore_version"},
    "trash.TrashState": {"restore", "ask_erase", "cancel_erase", "confirm_erase"},
    "importing.ImportState": {"upload", "set_field", "keep_field", "set_entry", "keep_entry",
                              "discard", "create"},
    "cvs.EditorState": {"add_entry", "delete_entry", "load", "move_entry", "remove_photo",
                    "save_birth_date", "save_entry", "save_field", "set_accent", "set_cv_lang",
                    "set_entry_flag", "set_hidden", "set_omit", "set_template", "toggle_licence",
                    "upload_photo", "set_locked", "undo", "redo", "set_anonymous"},
    "layout.LayoutState": {"reset_text_color", "set_custom_accent", "set_font", "set_margin",
                           "set_size", "set_spacing", "set_text_color", "use_accent_fix",
                           "use_text_fix"},
    "sections.SectionsState": {"move_section", "place_section", "rename_section", "reset_section",
                               "set_page_break", "add_own_section", "delete_own_section"},
    "recipients.RecipientsState": {"add", "cancel_edit", "load_recipients", "remove", "revoke",
                                   "revoke_all", "save_edit", "send", "set_follow",
                                   "set_send_anonymous", "set_send_letter", "start_edit"},
    "mydata.MyDataState": {"change_email", "delete_account", "load", "object_to", "prepare_export",
                    "reauth", "revoke", "revoke_others", "save_name", "set_restriction",
                    "set_tab"},
    "consent.ConsentState": {"accept_all", "open_settings", "open_settings_from_footer", "reject_all",
                     "save_settings", "set_allow_analytics", "set_allow_marketing",
                     "set_settings_open", "sync"},
    "admin.AdminState": {"load_console"},
    "admin.AdminUsersState": {"close_user", "lift_hold", "load", "open_user", "resend", "search",
                        "set_blocked", "set_hold", "set_role"},
    "admin.AdminAuthorityState": {"load", "register"},
    "admin.AdminBreachState": {"load", "notify_users", "record_ap", "register", "toggle_category"},
    "admin.AdminMailState": {"close_mail", "load", "read", "retry", "set_filter"},
    "admin.AdminAuditState": {"filter", "load"},
    "admin.AdminRequestsState": {"decide", "extend", "load", "show"},
    "admin_recipients.AdminRecipientState": {"forget"},
    "admin.AdminOpsState": {"load", "run_now", "save_processor"},
    "auth.RegisterState": {"submit"},
    "retention.RegisterState": {"load_register", "refresh_register"},
    "contact.AdminContactState": {"answer", "handled", "load", "show"},
    "campaigns.AdminCampaignsState": {"create", "load", "select", "send"},
    "news.NewsState": {"submit"},
    "news.NewsConfirmState": {"confirm"},
    "news.MyNewsState": {"load_news", "set_news"},
    "retention.PrivacyState": {"load"},
    "retention.KeepState": {"check", "keep"},
    "retention.NoticeState": {"check", "dismiss"},
    "forms.FormState": set(),
    "auth.LoginState": {"redirect_if_logged_in", "submit", "submit_code", "cancel_code",
                        "start_passkey", "passkey_answer"},
    "auth.NotMeState": {"confirm"},
    "security.SecurityState": {"load", "start", "confirm", "new_codes", "codes_saved", "turn_off",
                               "start_passkey", "passkey_answer", "remove_passkey",
                               "change_password"},
    "auth.ForgotState": {"submit"},
    "auth.ResetState": {"submit"},
    "auth.VerifyState": {"verify"},
    "contact.ContactState": {"submit"},
    "auth.EmailConfirmState": {"confirm"},
    "verzoek.VerzoekState": {"load", "restart", "set_kind", "submit", "verify"},
}


def test_only_the_listed_handlers_are_callable_and_every_one_checks_its_arguments():
    # the same enumeration the authorization matrix (tests/security) covers, handler by handler
    states = our_states()
    assert len(states) >= 20
    for cls in states:
        for name in set(cls.event_handlers) - {"setvar"}:
            fn = cls.event_handlers[name].fn
            assert getattr(fn, CHECKED, False), f"{cls.__name__}.{name} is not declared with @event"
    found = routable_handlers()
    unexpected = {k: v - ALLOWED.get(k, set()) for k, v in found.items() if v - ALLOWED.get(k, set())}
    assert not unexpected, f"client-callable methods not in the allowlist: {unexpected}"
    gone = {k: v - found.get(k, set()) for k, v in ALLOWED.items() if v - found.get(k, set())}
    assert not gone, f"allowlist names that no longer exist: {gone}"


def test_argument_shapes():
    assert _conforms("work", str) and not _conforms({"a": 1}, str) and not _conforms(["a"], str)
    assert _conforms(1, int) and not _conforms(True, int) and not _conforms("1", int)
    assert _conforms(True, bool) and not _conforms(1, bool) and not _conforms("true", bool)
    assert _conforms(None, str | None) and _conforms(["a", "b"], str | list[str])
    assert not _conforms([{"x": 1}], list[str])
    assert _conforms({"email": "a@b.nl", "on": True, "tags": ["x"]}, dict)
    assert not _conforms({"email": {"$ne": ""}}, dict) and not _conforms(["a"], dict)
    assert not _conforms({1: "x"}, dict)


@pytest.mark.parametrize("bad", [{"name": "x"}, ["full_name"], 7, None])
def test_a_wrong_type_for_a_field_name_is_refused_and_nothing_is_stored(session, bad):
    user = verified_user(session)
    cv_id = cvs.create_cv(session, user_id=user.id, title="Mijn cv")
    before = cvs.get_cv(session, user_id=user.id, cv_id=cv_id)
    for call in (
        lambda: cvs.set_field(session, user_id=user.id, cv_id=cv_id, name=bad, value="x"),
        lambda: cvs.set_layout(session, user_id=user.id, cv_id=cv_id, template=bad or {}),
        lambda: cvs.set_layout(session, user_id=user.id, cv_id=cv_id, lang=bad or {}),
        lambda: cvs.set_section_hidden(session, user_id=user.id, cv_id=cv_id, section=bad,
                                       hidden=True),
        lambda: cvs.set_omitted(session, user_id=user.id, cv_id=cv_id, name=bad, omit=True),
        lambda: entries.add_entry(session, user_id=user.id, cv_id=cv_id, section=bad),
    ):
        with pytest.raises(Invalid) as info:
            call()
        assert info.value.key == "error.invalid_input"
        session.rollback()
    assert cvs.get_cv(session, user_id=user.id, cv_id=cv_id) == before


def test_the_app_refuses_to_start_with_auto_setters():
    env = {**os.environ, "REFLEX_STATE_AUTO_SETTERS": "true"}
    proc = subprocess.run([sys.executable, "-c", "import cloudcv.cloudcv"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "AutoSettersRefused" in proc.stderr


def test_no_script_text_is_ever_sent_from_the_server():
    """rx.call_script / a string rx.call_function are eval'd in the page: none may exist."""
    offenders = []
    for path in (ROOT / "cloudcv").rglob("*.py"):
        text = path.read_text()
        for match in re.finditer(r"\b(call_script|call_function)\s*\(", text):
            offenders.append(f"{path.relative_to(ROOT)}:{text[:match.start()].count(chr(10)) + 1}")
    assert not offenders, offenders


def test_the_session_cookie_is_read_from_the_header_only_by_its_exact_name():
    header = 'x_cloudcv_session=evil; cloudcv_session=abc; junk; "q=1'
    assert cookie_value(header, "cloudcv_session") == "abc"
    assert cookie_value("cloudcv_session_x=1", "cloudcv_session") == ""
    assert cookie_value(None, "cloudcv_session") == ""


def test_the_policy_allows_only_our_own_and_hashed_inline_scripts(tmp_path):
    (tmp_path / "index.html").write_bytes(
        b"<html><script>window.a=1</script><script src=\"/x.js\"></script>"
        b"<script type=\"module\">import('/y.js')</script></html>")
    policy = dict(part.split(" ", 1) for part in content_security_policy(tmp_path).split("; "))
    scripts = policy["script-src"].split()
    # sha256 of the two inline bodies, computed independently with openssl's algorithm
    import base64
    import hashlib

    expected = {"'sha256-" + base64.b64encode(hashlib.sha256(b).digest()).decode() + "'"
                for b in (b"window.a=1", b"import('/y.js')")}
    assert set(scripts) == {"'self'", *expected}
    assert "'unsafe-eval'" not in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["connect-src"] == "'self'"
    # the event websocket of the host the page came from, and nothing a Host header can smuggle
    with_host = content_security_policy(tmp_path, host="localhost:3000")
    assert "connect-src 'self' ws://localhost:3000 wss://localhost:3000;" in with_host
    evil = content_security_policy(tmp_path, host="x; script-src *")
    assert "script-src *" not in evil and "connect-src 'self';" in evil


def test_only_html_documents_carry_the_inline_script_hashes(tmp_path, monkeypatch):
    """Scripts, styles and PDFs get the same policy without the hashes (issue 20: ~3 KB less
    header on each of a page's ~30 requests); a response without a type counts as a page."""
    from cloudcv import api

    (tmp_path / "index.html").write_bytes(b"<html><script>window.a=1</script></html>")
    monkeypatch.setattr(api, "_build_dir", lambda: tmp_path)
    digest = "'sha256-WpNQcWxgTJamkluTtRGYllok20MyGquJpWh9YXWGA4E='"

    def policy_for(content_type: bytes | None) -> dict:
        async def app(scope, receive, send):
            headers = [(b"content-type", content_type)] if content_type else []
            await send({"type": "http.response.start", "status": 200, "headers": headers})

        sent = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "headers": [(b"host", b"localhost:3000")]}
        run_async(api.SecurityHeaders(app)(scope, None, send))
        header = dict(sent[0]["headers"])[b"content-security-policy"].decode()
        return dict(part.split(" ", 1) for part in header.split("; "))

    for page in (b"text/html; charset=utf-8", None):
        assert policy_for(page)["script-src"] == f"'self' {digest}"
    for other in (b"text/javascript", b"text/css", b"application/pdf", b"image/png"):
        policy = policy_for(other)
        assert policy["script-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
        assert policy["default-src"] == "'self'"


def test_the_event_wrapper_refuses_a_wrong_type_before_the_handler_runs():
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from cloudcv.state.events import event

    def run(coro):  # its own thread: the browser tests' Playwright keeps a loop on this one
        with ThreadPoolExecutor(1) as pool:
            return pool.submit(asyncio.run, coro).result()

    ran = []

    async def save(self, name: str, value: str):
        ran.append((name, value))

    wrapped = event(save)
    state = type("FakeState", (), {"flash": ""})()
    run(wrapped(state, {"x": 1}, "Hacker"))
    assert ran == [] and state.flash == "error.invalid_input"
    run(wrapped(state, "city", "Groningen"))
    assert ran == [("city", "Groningen")]


def test_a_failing_handler_is_answered_with_the_translated_flash_not_an_eval_toast():
    # Reflex's default answer is a toast that the page builds with eval: our CSP (no
    # 'unsafe-eval') refuses it, and the user would see nothing at all.
    from cloudcv.cloudcv import app
    from cloudcv.i18n import t
    from cloudcv.state.base import AppState, backend_exception_handler

    assert app.backend_exception_handler is backend_exception_handler
    spec = backend_exception_handler(RuntimeError("boom"))
    assert spec.handler.fn.__name__ == "unexpected_error"
    assert spec.handler.state_full_name == AppState.get_full_name()
    state = AppState(_reflex_internal_init=True)
    AppState.unexpected_error.fn(state)
    assert t(state.flash, "nl") == "Er ging iets mis. Probeer het opnieuw."
