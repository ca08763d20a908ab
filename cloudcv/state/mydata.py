"""``/mijn-gegevens``: the overview and the tabs to correct, download, restrict, object, delete.

Every handler resolves the user from the session cookie in the database (``_me``) and
passes only the user's own id (and IP address, for the audit log) to the services, through
``_call``, which shows a ``DomainError`` next to the form it came from (``errors[key]``).
The public request form ``/verzoek`` is in state/verzoek.py, the e-mail change link in
state/auth.py (``EmailConfirmState``). Vars hold plain strings/bools; the
overview is kept as plain ``Holding`` tuples in a backend var and translated in a
computed var, so it follows the language switch.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from ..i18n import LANGS, t
from ..models import User
from ..models.requests import OBJECTION_PURPOSES
from ..services.accounts import account_edit, my_sessions
from ..services.accounts.sessions import CurrentUser
from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.privacy import data_requests, export, holdings, objections, restriction
from .base import LoggedInState
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
    """``/mijn-gegevens``: one state for all tabs; ``errors``/``notices`` are keyed per form."""

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

    def _clear(self) -> None:
        self.errors, self.notices = {}, {}

    async def _call(self, user: CurrentUser, key: str, service, *, only_here: bool = False,
                    **kwargs) -> tuple[bool, Any]:
        """Clear the messages, run ``service`` for ``user`` (their id and IP address
        passed) in a worker thread: ``(True, result)``, or ``(False, None)`` with the
        error shown at ``errors[key]`` (at the error's own field first, unless
        ``only_here``)."""
        self._clear()
        try:
            return True, await in_session(service, user_id=user.id, ip=self._ip(), **kwargs)
        except DomainError as exc:
            self.errors = {(key if only_here else exc.field or key): self._err(exc)}
            return False, None

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
        """The registry's holdings in the UI language, one row per table."""
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
        """The user's requests in the UI language, with their deadlines."""
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
        user, redirect = await self._require_user()
        if redirect:
            return redirect
        self._clear()
        self.export_token, self.export_size, self.export_progress = "", "", 0
        await self._refresh(user)

    @event
    def set_tab(self, value: str):
        """Open one of the ``TABS``."""
        if isinstance(value, str) and value in TABS:
            self.tab = value
            self._clear()

    @event
    async def save_name(self, form: dict):
        """Correct the account name (Art. 16)."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        ok, name = await self._call(user, "name", account_edit.rename, name=form.get("name"))
        if ok:
            self.account_name = self.user_name = name
            self.notices = {"name": self._t("mydata.correct.name_saved")}

    @event
    async def change_email(self, form: dict):
        """Mail a confirmation link to the new address (the password confirms the change)."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        ok, new = await self._call(user, "new_email", account_edit.request_email_change,
                                   new_email=form.get("new_email"),
                                   password=form.get("email_password"))
        if ok:
            self.form_key += 1
            self.notices = {"email": self._t("mydata.correct.email_sent", email=new)}

    @event
    async def revoke(self, public_id: str):
        """Log out one other device."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        ok, _ = await self._call(user, "devices", my_sessions.revoke, public_id=public_id,
                                 current_public_id=user.session_public_id)
        if ok:
            self.notices = {"devices": self._t("mydata.devices.revoked")}
        await self._refresh(user)

    @event
    async def revoke_others(self):
        """Log out every device but this one."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        ok, count = await self._call(user, "devices", my_sessions.revoke_others,
                                     current_public_id=user.session_public_id)
        if ok:
            self.notices = {"devices": self._t("mydata.devices.revoked_others", n=count)}
        await self._refresh(user)

    @event
    async def reauth(self, form: dict):
        """Confirm the password before a download (a recent login is required)."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        ok, _ = await self._call(user, "password", my_sessions.reauthenticate,
                                 public_id=user.session_public_id, password=form.get("password"))
        if ok:
            self.needs_reauth = False
            self.form_key += 1

    @event(background=True)
    async def prepare_export(self):
        """Build the ZIP in a worker thread; the progress bar follows it."""
        async with self:
            if self.export_busy:
                return
            if (user := await self._me()) is None:
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
        """Restrict processing (Art. 18) or lift the restriction."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        ok, state = await self._call(user, "restrict", restriction.set_restricted, on=on)
        if not ok:
            return
        self.is_restricted = self.restricted = state
        self.notices = {"restrict": self._t("mydata.restrict.on" if state else "mydata.restrict.off")}
        await self._refresh(user)

    @event
    async def object_to(self, form: dict):
        """Object to one purpose (Art. 21); marketing is upheld at once."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        purpose = form.get("purpose")
        key = f"object_{purpose if purpose in OBJECTION_PURPOSES else 'object'}"
        ok, view = await self._call(user, key, objections.object_to, only_here=True,
                                    purpose=purpose, motivation=form.get("motivation"))
        if not ok:
            return
        self.notices = {key: self._t("mydata.object.marketing_done")
                        if view.decision == "upheld"
                        else self._t("mydata.object.sent", due=view.due)}
        self.form_key += 1
        await self._refresh(user)

    @event
    async def delete_account(self, form: dict):
        """Erase the account (Art. 17) after the password and the typed confirmation."""
        if (user := await self._me()) is None:
            return rx.redirect("/inloggen")
        ok, _ = await self._call(user, "delete", account_edit.delete_account,
                                 password=form.get("delete_password"),
                                 confirmation=form.get("confirmation"))
        if not ok:
            return
        await asyncio.to_thread(export.discard, user.id)
        self._logged_out()
        self._holdings, self.devices, self.requests = [], [], []
        self.flash = "mydata.delete.done"
        return rx.redirect("/")
