"""The admin console's states. Every event re-checks the admin role in the database
(the services check it again); a non-admin calling these events directly gets nothing."""

from __future__ import annotations

import reflex as rx

from ..services.admin import admin, admin_users, incidents, ops_admin, request_admin
from ..services.core import authz
from ..services.core.db import in_session
from ..services.core.errors import DomainError, Forbidden
from .base import AppState
from .events import event
from .ids import client_id


def _rows(items) -> list[dict[str, str]]:
    return [{k: ("1" if v is True else "" if v is False else str(v)) for k, v in vars(i).items()}
            for i in items]




class AdminState(AppState):
    """The admin console's root: the dashboard, and the admin check and messages every admin
    page shares."""

    stats: dict[str, int] = {}
    series: list[dict[str, int | str]] = []
    notice: str = ""
    error: str = ""

    async def _admin_id(self) -> int:
        user = await self._current_user()
        if user is None or not user.is_admin:
            raise Forbidden("error.forbidden")
        return user.id

    async def _enter(self):
        """Shared on_load guard: returns (admin_id, None) or (None, redirect)."""
        self.notice, self.error = "", ""
        user, redirect = await self._require_user()
        if redirect:
            return None, redirect
        if not user.is_admin:
            self.flash = "error.forbidden"
            return None, rx.redirect("/")
        if not await in_session(authz.has_second_factor, user_id=user.id):
            self.flash = "error.admin_needs_2fa"  # set it up first (issue 24)
            return None, rx.redirect("/beveiliging")
        return user.id, None

    async def _run(self, fn, **kwargs):
        """Call an admin service with the caller's id; errors become a translated message."""
        try:
            admin_id = await self._admin_id()
            result = await in_session(fn, admin_id=admin_id, **kwargs)
        except DomainError as exc:
            self.error, self.notice = self._err(exc), ""
            return None
        self.error = ""
        return result

    async def _run_and_reload(self, fn, **kwargs):
        """One admin action from a page: run it, say "saved" or the error, refresh the list."""
        result = await self._run(fn, **kwargs)
        self.notice = "" if self.error else self._t("admin.done")
        await self._reload()
        return result

    async def _reload(self) -> None:
        """Pages with a list refresh it here."""

    async def _open(self):
        """on_load of a list page: the admin check (or its redirect), then ``_reload``."""
        _, redirect = await self._enter()
        if redirect:
            return redirect
        await self._reload()
        return None

    @event
    async def load_console(self):
        """on_load of /beheer: the dashboard figures."""
        admin_id, redirect = await self._enter()
        if redirect:
            return redirect
        figures = await in_session(admin.overview, admin_id=admin_id)
        self.stats = {"users": figures.users, "active": figures.active_30d, "cvs": figures.cvs,
                      "holds": figures.abuse_holds, "queued": figures.queued_mail,
                      "failed": figures.failed_mail, "open_requests": figures.open_requests,
                      "overdue": figures.overdue_requests}
        self.series = figures.series


class AdminList(rx.State, mixin=True):
    """An admin list with an open/all switch (requests, contact questions).

    ``load`` (the on_load) checks the admin and fills ``rows`` from the state's ``_LIST``
    service (``open_only=``); ``show("open" | "all")`` switches the filter. A mixin: each
    state gets its own copy of the vars and handlers, so the handlers run on that state.
    """

    rows: list[dict[str, str]] = []
    open_only: bool = True

    async def _reload(self):
        self.rows = _rows(await self._run(self._LIST, open_only=self.open_only) or [])

    @event
    async def load(self):
        """on_load: the admin check, then the list."""
        return await self._open()

    @event
    async def show(self, value: str | list[str]):
        """Show only the open rows ("open") or all of them ("all")."""
        self.open_only = value != "all"
        await self._reload()


class AdminUsersState(AdminState):
    """``/beheer/gebruikers``: search users, open one, hold, block, change the role."""

    query: str = ""
    rows: list[dict[str, str]] = []
    selected: dict[str, str] = {}
    holds: list[dict[str, str]] = []
    cv_count: int = 0

    @event
    async def load(self):
        """on_load of /beheer/gebruikers: the admin check, then the last search again."""
        _, redirect = await self._enter()
        if redirect:
            return redirect
        self.selected = {}
        await self.search({"query": self.query})

    @event
    async def search(self, form: dict):
        """Users whose name or e-mail address contains the query."""
        query = form.get("query", "") if isinstance(form, dict) else ""
        self.query = query if isinstance(query, str) else ""
        rows = await self._run(admin_users.search, query=self.query)
        self.rows = _rows(rows or [])

    async def _reload_selected(self, user_id: int) -> None:
        detail = await self._run(admin_users.detail, user_id=user_id)
        if detail is None:
            self.selected = {}
            return
        self.selected = _rows([detail.user])[0]
        self.holds = _rows(detail.holds)
        self.cv_count = detail.cv_count

    @event
    async def open_user(self, user_id: str):
        """Show one user's details, holds and CV count."""
        uid = client_id(user_id)
        if uid is not None:
            await self._reload_selected(uid)

    @event
    def close_user(self):
        """Close the user's details."""
        self.selected = {}

    async def _act(self, fn, **kwargs):
        uid = client_id(self.selected.get("id", ""))
        if uid is None:
            return
        await self._run(fn, user_id=uid, **kwargs)
        self.notice = "" if self.error else self._t("admin.done")
        await self._reload_selected(uid)
        await self.search({"query": self.query})

    @event
    async def set_hold(self, form: dict):
        """Put an abuse hold (with its reason) on the open user's data."""
        reason = form.get("reason") if isinstance(form, dict) else None
        await self._act(admin_users.set_abuse_hold, reason=reason)

    @event
    async def lift_hold(self):
        """Lift the open user's abuse hold."""
        await self._act(admin_users.lift_abuse_hold)

    @event
    async def set_blocked(self, blocked: bool):
        """Block the open user, or unblock them."""
        await self._act(admin_users.set_blocked, blocked=blocked)

    @event
    async def set_role(self, role: str):
        """Make the open user an admin, or a user again."""
        await self._act(admin_users.set_role, role=role)

    @event
    async def resend(self):
        """Mail the open user a new confirmation link."""
        await self._act(admin_users.resend_verification)


class AdminAuthorityState(AdminState):
    """``/beheer/overheid``: register authority requests (§4.3) and see them."""

    rows: list[dict[str, str]] = []

    @event
    async def load(self):
        """on_load of /beheer/overheid."""
        return await self._open()

    async def _reload(self):
        self.rows = _rows(await self._run(incidents.list_authority_requests) or [])

    @event
    async def register(self, form: dict):
        """Register an authority request from the form."""
        result = await self._run(
            incidents.register_authority_request, authority=form.get("authority"),
            legal_basis=form.get("legal_basis"), scope=form.get("scope"),
            user_email=form.get("user_email"), received_on=form.get("received_on"),
            legal_bar_reference=form.get("legal_bar_reference", ""))
        if result is not None:
            self.notice = self._t("admin.done")
        await self._reload()


class AdminBreachState(AdminState):
    """``/beheer/datalekken``: data breaches with the 72-hour clock (Art. 33/34)."""

    rows: list[dict[str, str]] = []
    categories: list[str] = []

    @event
    async def load(self):
        """on_load: the admin check, then the list."""
        return await self._open()

    async def _reload(self):
        items = await self._run(incidents.list_breaches) or []
        self.rows = [{**r, "categories": ", ".join(self._t(f"admin.breach.cat.{c}") for c in i.categories)}
                     for r, i in zip(_rows(items), items)]

    @event
    def toggle_category(self, category: str, on: bool):
        """Tick or untick one category of the breach being registered."""
        if category in incidents.BREACH_CATEGORIES:
            self.categories = [c for c in self.categories if c != category] + ([category] if on is True else [])

    @event
    async def register(self, form: dict):
        """Register a breach from the form and the ticked categories."""
        result = await self._run(
            incidents.register_breach, discovered_at=form.get("discovered_at"),
            description=form.get("description"), categories=list(self.categories),
            people_count=form.get("people_count") or "0", measures=form.get("measures", ""),
            high_risk=form.get("high_risk") == "on")
        if result is not None:
            self.notice, self.categories = self._t("admin.done"), []
        await self._reload()

    @event
    async def record_ap(self, form: dict):
        """Record that the breach was reported to the AP, with its reference."""
        await self._run_and_reload(incidents.record_ap_notification, breach_id=client_id(form.get("breach_id")),
                                   reference=form.get("reference"))

    @event
    async def notify_users(self, breach_id: str):
        """Mail every affected user about a high-risk breach."""
        if await self._run(incidents.notify_users_of_breach, breach_id=client_id(breach_id)) is not None:
            self.notice = self._t("admin.done")
        await self._reload()


class AdminMailState(AdminState):
    """``/beheer/mail``: the outbox; read a mail, send a failed one again."""

    rows: list[dict[str, str]] = []
    status_filter: str = "all"
    reading: str = ""

    @event
    async def load(self):
        """on_load of /beheer/mail: the outbox, no mail open."""
        self.reading = ""
        return await self._open()

    async def _reload(self):
        status = None if self.status_filter == "all" else self.status_filter
        self.rows = _rows(await self._run(admin.outbox, status=status) or [])

    @event
    async def set_filter(self, value: str):
        """Show all mail, or only the queued, sent or failed ones."""
        self.status_filter = value if value in ("all", "queued", "sent", "failed") else "all"
        await self._reload()

    @event
    async def read(self, mail_id: str):
        """Open one mail."""
        self.reading = await self._run(admin.read_mail, mail_id=client_id(mail_id)) or ""

    @event
    def close_mail(self):
        """Close the open mail."""
        self.reading = ""

    @event
    async def retry(self, mail_id: str):
        """Queue a failed mail again."""
        await self._run(admin.retry_mail, mail_id=client_id(mail_id))
        await self._reload()


class AdminAuditState(AdminState):
    """``/beheer/audit``: the audit log."""

    rows: list[dict[str, str]] = []

    @event
    async def load(self):
        """on_load of /beheer/audit: the latest entries, unfiltered."""
        return await self._open()

    async def _reload(self, action: str = "", user_id: int | None = None):
        self.rows = _rows(await self._run(admin.audit_log, action=action, user_id=user_id) or [])

    @event
    async def filter(self, form: dict):
        """Only the entries of one action and/or one user id."""
        action = form.get("action", "")
        await self._reload(action if isinstance(action, str) else "", client_id(form.get("user_id", "")))


class AdminRequestsState(AdminList, AdminState):
    """``/beheer/verzoeken``: the request queue; extend a deadline once, decide."""

    _LIST = staticmethod(request_admin.list_requests)

    @event
    async def extend(self, form: dict):
        """Extend a request's deadline (once), with the reason."""
        await self._run_and_reload(request_admin.extend, request_id=client_id(form.get("request_id")),
                                   reason=form.get("reason"))

    @event
    async def decide(self, form: dict):
        """Decide a request, with the reason the requester is sent."""
        await self._run_and_reload(request_admin.decide, request_id=client_id(form.get("request_id")),
                                   decision=form.get("decision"), reason=form.get("reason"))


class AdminOpsState(AdminState):
    """``/beheer/bewaartermijnen`` and ``/beheer/verwerkers``: retention rules, processors."""

    rules: list[dict[str, str]] = []
    processors: list[dict[str, str]] = []
    running: bool = False

    @event
    async def load(self):
        """on_load: the admin check, then the list."""
        return await self._open()

    async def _reload(self):
        self.rules = _rows(await self._run(ops_admin.retention_overview) or [])
        self.processors = _rows(await self._run(ops_admin.processors) or [])

    @event
    async def run_now(self):
        """Run every retention rule now (unless another worker is running them)."""
        self.running = True
        yield
        try:
            total = await self._run(ops_admin.run_retention_now)
            if not self.error:
                self.notice = (self._t("ops.busy") if total is None
                               else self._t("ops.ran", rows=total))
            await self._reload()
        finally:
            self.running = False

    @event
    async def save_processor(self, form: dict):
        """Save a processor's name, agreement date and data received."""
        await self._run_and_reload(ops_admin.update_processor, processor_id=client_id(form.get("processor_id")),
                                   name=form.get("name", ""), agreement_date=form.get("agreement_date", ""),
                                   data_received=form.get("data_received", ""))
