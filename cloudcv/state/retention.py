"""States of /privacy, /account-behouden, the statement-change notice and /beheer/register.

Thin handlers over services.statement, services.retention and services.register. The
keep-account page acts on a signed single-use link from the mail; the notice and the
register resolve the user from the session cookie in the database on every event.
"""

from __future__ import annotations

import reflex as rx

from ..services.core import clock
from ..services.core.db import in_session
from ..services.core.errors import DomainError, Forbidden
from ..services.privacy import account_retention, register, retention_runs, statement
from ..services.privacy.prose_blocks import Block, parse
from .admin import AdminState
from .base import AppState
from .events import event
from .forms import FormState


class PrivacyState(AppState):
    """/privacy ships the statement compiled into the page (pages/privacy.py); this only
    holds the live text when the database no longer renders what was compiled, parsed into
    blocks on the server (no Markdown parser ships to the browser)."""

    live_nl: list[Block] = []
    live_en: list[Block] = []

    @event
    async def load(self, built: str = ""):
        """``built``: the compiled page's fingerprint (from the client: only compared)."""
        texts = await in_session(statement.live_if_changed, built=built)
        texts = texts or {"nl": "", "en": ""}
        self.live_nl, self.live_en = parse(texts["nl"]), parse(texts["en"])


class KeepState(FormState, AppState):
    """``/account-behouden?token=...``: check the link on load, keep the account on click.

    A bad link shows ``form_error``; a kept account the ``done_message``.
    """

    account_name: str = ""

    @event
    async def check(self):
        """on_load: whose account the link is for, or why it no longer works."""
        self._reset_form()
        self.account_name = ""
        try:
            self.account_name = await in_session(account_retention.check_keep_link, token=self._token())
        except DomainError as exc:
            self.form_error = self._err(exc)

    @event
    async def keep(self):
        """Keep the account: its retention clock starts again."""
        if self.done_message:
            return
        async for _ in self._submit(account_retention.keep_account, token=self._token(),
                                    then=self._kept):
            yield

    async def _kept(self, result) -> str:
        lang = self.lang if self.lang in ("nl", "en") else "nl"
        return self._t("keep.done", date=clock.format_long_date(result.next_due, lang))


class NoticeState(AppState):
    """The "our privacy statement has changed" notice (§2) for the logged-in user."""

    notice_version: int = 0
    notice_key: str = ""

    @rx.var
    def notice_text(self) -> str:
        """The notice's summary in the UI language ("" when there is none)."""
        return self._t(self.notice_key) if self.notice_key else ""

    @event
    async def check(self):
        """Whether the user has a statement-change notice to see."""
        user = await self._current_user()
        notice = await in_session(statement.pending_notice, user_id=user.id) if user else None
        self.notice_version = notice.version if notice else 0
        self.notice_key = notice.summary_key if notice else ""

    @event
    async def dismiss(self):
        """The user has seen the notice: it stays closed."""
        user = await self._current_user()
        if user is not None and self.notice_version:
            try:
                await in_session(statement.dismiss, user_id=user.id, version=self.notice_version)
            except DomainError:
                pass  # the version changed meanwhile: the next check shows the new one
        self.notice_version, self.notice_key = 0, ""


class RegisterState(AdminState):
    """``/beheer/register``: the Art. 30 register and the latest retention runs (admins)."""

    register_nl: str = ""
    register_en: str = ""
    runs: list[dict[str, str]] = []
    denied: bool = False  # the caller is not (or no longer) an admin

    @event
    async def load_register(self):
        """on_load of /beheer/register: the admin check, then the register."""
        return await self._open()

    @event
    async def refresh_register(self):
        """Render the register again (e.g. after a processor was edited)."""
        await self._reload()

    async def _reload(self):
        """The register in both languages and the latest retention runs."""
        try:
            admin_id = await self._admin_id()
            nl = await in_session(register.for_admin, admin_id=admin_id, lang="nl")
            en = await in_session(register.for_admin, admin_id=admin_id, lang="en")
            runs = await in_session(retention_runs.recent_runs, admin_id=admin_id, limit=50)
        except Forbidden:
            self.register_nl, self.register_en, self.runs = "", "", []
            self.denied = True
            return
        self.denied = False
        # the page shows its own heading: drop the document title line
        self.register_nl = register.to_markdown(nl).split("\n", 2)[2]
        self.register_en = register.to_markdown(en).split("\n", 2)[2]
        self.runs = [{
            "rule": r.rule, "started": clock.format_datetime(r.started_at, zone=True),
            "deleted": str(r.deleted + r.anonymised), "prompted": str(r.prompted),
            "error": r.error or ("…" if r.finished_at is None else ""),
            "dry": "1" if r.dry_run else "",
        } for r in runs]
