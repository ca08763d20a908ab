"""``/mijn-gegevens``, ``/verzoek`` and ``/e-mailadres-bevestigen``: thin handlers.

Every handler resolves the user from the session cookie in the database (``_me``) and
passes only the user's own id to the services. Vars hold plain strings/bools; the
overview is kept as plain ``Holding`` tuples in a backend var and translated in a
computed var, so it follows the language switch.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from ..i18n import LANGS, t
from ..models import User
from ..models.requests import KINDS, OBJECTION_PURPOSES
from ..services.accounts import account_edit, my_sessions
from ..services.accounts.sessions import CurrentUser
from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.privacy import data_requests, export, holdings, objections, restriction
from .base import AppState, LoggedInState
from .events import event

TABS = ("overzicht", "wijzigen", "apparaten", "downloaden", "beperken", "verwijderen")


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} kB"


def _load_all(session, *, user_id: int, public_id: str) -> dict:
    """Everything the page shows, in one worker-thread trip (read-only)."""
    user = session.get(User, user_id)
    return {
        "holdings": holdings.holdings(session, user_id=user_id),
        "sessions": my_sessions.list_sessions(session, user_id=user_id,
                                              current_public_id=public_id),
        "objections": objections.pending_or_upheld(session, user_id=user_id),
        "requests": data_requests.for_user(session, user_id=user_id),
        "recent": my_sessions.recently_authenticated(session, user_id=user_id, public_id=public_id),
        "restricted": user.restricted_at is not None if user else False,
        "name": user.name if user else "",
        "email": user.email if user else "",
    }


class MyDataState(LoggedInState):
    tab: str = "overzicht"
    account_name: str = ""
    account_email: str = ""
    devices: list[dict[str, str]] = []
    objection_state: dict[str, str] = {}
    requests: list[dict[str, str]] = []
    is_restricted: bool = False
    needs_reauth: bool = True
    errors: dict[str, str] = {}
    notices: dict[str, str] = {}
    form_key: int = 0            # remounts uncontrolled inputs after a successful submit
    export_busy: bool = False
    export_progress: int = 0
    export_token: str = ""
    export_size: str = ""
    _holdings: list = []

    # ---- helpers (not callable from the client)
    async def _me(self) -> CurrentUser | None:
        return await self._current_user()

    def _ip(self) -> str:
        return self._client().ip

    def _fail(self, key: str, exc: DomainError) -> None:
        self.errors = {**self.errors, (exc.field or key): self._err(exc)}

    def _clear(self) -> None:
        self.errors, self.notices = {}, {}

    async def _refresh(self, user: CurrentUser) -> None:
        data = await in_session(_load_all, user_id=user.id, public_id=user.session_public_id)
        self._holdings = data["holdings"]
        self.devices = [{"id": s.public_id, "os": s.os, "browser": s.browser, "place": s.place,
                         "ip": s.ip, "last_seen": s.last_seen, "started": s.started,
                         "current": "1" if s.current else ""} for s in data["sessions"]]
        self.objection_state = data["objections"]
        self.requests = [{"id": str(r.id), "kind": r.kind, "status": r.status,
                          "received": r.received, "due": r.due,
                          "purpose": r.purpose} for r in data["requests"]]
        self.needs_reauth = not data["recent"]
        self.is_restricted = data["restricted"]
        self.restricted = data["restricted"]
        self.account_name, self.account_email = data["name"], data["email"]

    # ---- the overview, translated in the current language
    @rx.var
    def overview(self) -> list[dict[str, str]]:
        lang = self.lang if self.lang in LANGS else "nl"
        rows = []
        for h in self._holdings:
            rows.append({
                "table": h.table,
                "title": holdings.label("table", h.table, lang),
                "what": ", ".join(holdings.label("category", c, lang) for c in h.categories),
                "why": f"{holdings.label('purpose', h.purpose, lang)} (§{h.clause})",
                "basis": holdings.label("basis", h.basis, lang),
                "how_long": holdings.retention_text(h, lang),
                "deletion": holdings.deletion_text(h, lang),
                "count": str(h.count),
                "empty": "" if h.count else "1",
                "not_exported": "" if h.exported or not h.count else "1",
            })
        return rows

    @rx.var
    def request_rows(self) -> list[dict[str, str]]:
        lang = self.lang if self.lang in LANGS else "nl"
        return [{"id": r["id"], "status": t(f"request.status.{r['status']}", lang),
                 "line": t("mydata.requests.row", lang, id=r["id"],
                           kind=t(f"request.kind.{r['kind']}", lang).split(":")[0],
                           received=r["received"]),
                 "due": t("mydata.requests.due", lang, due=r["due"])
                 if r["status"] in ("open", "extended") else ""}
                for r in self.requests]

    # ---- events
    @event
    async def load(self):
        """on_load of /mijn-gegevens."""
        self._ensure_device()
        user = await self._me()
        if user is None:
            self.flash = "error.login_required"
            return rx.redirect("/inloggen")
        self._clear()
        self.export_token, self.export_size, self.export_progress = "", "", 0
        await self._refresh(user)

    @event
    def set_tab(self, value: str):
        if isinstance(value, str) and value in TABS:
            self.tab = value
            self._clear()

    @event
    async def save_name(self, form: dict):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        name = form.get("name") if isinstance(form, dict) else None
        try:
            self.account_name = await in_session(account_edit.rename, user_id=user.id, name=name,
                                                 ip=self._ip())
        except DomainError as exc:
            self._fail("name", exc)
            return
        self.user_name = self.account_name
        self.notices = {"name": self._t("mydata.correct.name_saved")}

    @event
    async def change_email(self, form: dict):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        data = form if isinstance(form, dict) else {}
        try:
            new = await in_session(account_edit.request_email_change, user_id=user.id,
                                   new_email=data.get("new_email"),
                                   password=data.get("email_password"), ip=self._ip())
        except DomainError as exc:
            self._fail("new_email", exc)
            return
        self.form_key += 1
        self.notices = {"email": self._t("mydata.correct.email_sent", email=new)}

    @event
    async def revoke(self, public_id: str):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        try:
            await in_session(my_sessions.revoke, user_id=user.id, public_id=public_id,
                             current_public_id=user.session_public_id, ip=self._ip())
        except DomainError as exc:
            self._fail("devices", exc)
        else:
            self.notices = {"devices": self._t("mydata.devices.revoked")}
        await self._refresh(user)

    @event
    async def revoke_others(self):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        count = await in_session(my_sessions.revoke_others, user_id=user.id,
                                 current_public_id=user.session_public_id, ip=self._ip())
        self.notices = {"devices": self._t("mydata.devices.revoked_others", n=count)}
        await self._refresh(user)

    @event
    async def reauth(self, form: dict):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        password = form.get("password") if isinstance(form, dict) else None
        try:
            await in_session(my_sessions.reauthenticate, user_id=user.id,
                             public_id=user.session_public_id, password=password, ip=self._ip())
        except DomainError as exc:
            self._fail("password", exc)
            return
        self.needs_reauth = False
        self.form_key += 1

    @event(background=True)
    async def prepare_export(self):
        """Build the ZIP in a worker thread; the progress bar follows it."""
        async with self:
            if self.export_busy:
                return
            user = await self._me()
            if user is None:
                return rx.redirect("/inloggen")
            self._clear()
            recent = await in_session(my_sessions.recently_authenticated, user_id=user.id,
                                      public_id=user.session_public_id)
            if not recent:
                self.needs_reauth = True
                self.errors = {"export": self._t("error.reauth_required")}
                return
            self.export_busy, self.export_progress, self.export_token = True, 0, ""
            lang, ip = (self.lang if self.lang in LANGS else "nl"), self._ip()
        progress = {"done": 0, "total": 1}

        def report(done: int, total: int) -> None:
            progress["done"], progress["total"] = done, max(total, 1)

        task = asyncio.ensure_future(in_session(export.prepare, user_id=user.id, lang=lang, ip=ip,
                                                progress=report))
        while not task.done():
            await asyncio.sleep(0.25)
            async with self:
                self.export_progress = min(99, int(100 * progress["done"] / progress["total"]))
        try:
            token = task.result()
            size = await asyncio.to_thread(export.prepared_size, user_id=user.id, token=token)
        except Exception:  # noqa: BLE001 - shown to the user; the export can be retried
            async with self:
                self.export_busy = False
                self.errors = {"export": self._t("error.export_failed")}
            return
        async with self:
            self.export_busy, self.export_progress = False, 100
            self.export_token, self.export_size = token, _size(size)

    @event
    async def set_restriction(self, on: bool):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        try:
            state = await in_session(restriction.set_restricted, user_id=user.id, on=on,
                                     ip=self._ip())
        except DomainError as exc:
            self._fail("restrict", exc)
            return
        self.is_restricted = self.restricted = state
        self.notices = {"restrict": self._t("mydata.restrict.on" if state else "mydata.restrict.off")}
        await self._refresh(user)

    @event
    async def object_to(self, form: dict):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        data = form if isinstance(form, dict) else {}
        purpose = data.get("purpose")
        key = purpose if purpose in OBJECTION_PURPOSES else "object"
        try:
            view = await in_session(objections.object_to, user_id=user.id, purpose=purpose,
                                    motivation=data.get("motivation"), ip=self._ip())
        except DomainError as exc:
            self.errors = {f"object_{key}": self._err(exc)}
            return
        self.notices = {f"object_{key}": self._t("mydata.object.marketing_done")
                        if view.decision == "upheld"
                        else self._t("mydata.object.sent", due=view.due)}
        self.form_key += 1
        await self._refresh(user)

    @event
    async def delete_account(self, form: dict):
        user = await self._me()
        if user is None:
            return rx.redirect("/inloggen")
        self._clear()
        data = form if isinstance(form, dict) else {}
        try:
            await in_session(account_edit.delete_account, user_id=user.id,
                             password=data.get("delete_password"),
                             confirmation=data.get("confirmation"), ip=self._ip())
        except DomainError as exc:
            self._fail("delete", exc)
            return
        await asyncio.to_thread(export.discard, user.id)
        self._logged_out()
        self._holdings, self.devices, self.requests = [], [], []
        self.flash = "mydata.delete.done"
        return rx.redirect("/")


class EmailConfirmState(AppState):
    """``/e-mailadres-bevestigen?token=...``: apply a confirmed e-mail change."""

    confirm_done: bool = False
    confirm_error: str = ""
    confirm_busy: bool = False

    @event
    async def confirm(self):
        self._ensure_device()
        self.confirm_done, self.confirm_error, self.confirm_busy = False, "", True
        yield
        try:
            await in_session(account_edit.confirm_email_change,
                             token=self.router.url.query_parameters.get("token", ""))
        except DomainError as exc:
            self.confirm_error = self._err(exc)
        else:
            self.confirm_done = True
        finally:
            self.confirm_busy = False
        await self._current_user()


class VerzoekState(AppState):
    """``/verzoek``: the public request form with its one-time code step."""

    step: str = "form"          # form | code | done
    kind: str = ""
    sent_to: str = ""
    done_message: str = ""
    errors: dict[str, str] = {}
    busy: bool = False
    _ref: str = ""

    @event
    async def load(self):
        self._ensure_device()
        await self._current_user()
        self.errors, self.busy = {}, False
        if self.step == "done":
            self.step, self.kind = "form", ""

    @event
    def set_kind(self, value: str):
        self.kind = value if isinstance(value, str) and value in KINDS else ""

    @event
    def restart(self):
        self.step, self._ref, self.errors, self.sent_to = "form", "", {}, ""

    @event
    async def submit(self, form: dict):
        self.errors, self.busy = {}, True
        yield
        data = form if isinstance(form, dict) else {}
        try:
            ref = await in_session(data_requests.start, email=data.get("email"),
                                   kind=data.get("kind") or self.kind,
                                   details=data.get("details"), purpose=data.get("purpose"),
                                   motivation=data.get("motivation"), lang=self.lang,
                                   ip=self._client().ip)
        except DomainError as exc:
            self.errors = {exc.field or "form": self._err(exc)}
            self.busy = False
            return
        self._ref = ref
        self.sent_to = str(data.get("email")).strip().lower()
        self.step, self.busy = "code", False

    @event
    async def verify(self, form: dict):
        self.errors, self.busy = {}, True
        yield
        code = form.get("code") if isinstance(form, dict) else None
        try:
            view = await in_session(data_requests.verify, public_id=self._ref, code=code)
        except DomainError as exc:
            self.errors = {"code": self._err(exc)}
            self.busy = False
            return
        self.busy, self.step, self._ref = False, "done", ""
        self.done_message = self._t("verzoek.done", reference=view.id, due=view.due)

