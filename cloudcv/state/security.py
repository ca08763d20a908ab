"""``/beveiliging``: the account's second factor (issue 24). Thin handlers over
``services/accounts/two_factor.py``: every one resolves the user from the session cookie
and acts for that user only; the secret being set up lives in the service's table, the
page only shows it."""

from __future__ import annotations

import reflex as rx

from ..services.accounts import account_edit, passkeys, two_factor
from ..services.core.clock import format_date, format_datetime
from ..services.core.db import in_session
from .base import LoggedInState
from .events import event
from .forms import FormState


class SecurityState(FormState, LoggedInState):
    """The two-factor card: off, being set up (QR code and secret), on (codes left)."""

    two_factor_on: bool = False
    since: str = ""
    codes_left: int = 0
    admin: bool = False
    setup_secret: str = ""     # while setting up: the secret as text, grouped in fours
    qr_path: str = ""          # and its QR code (an SVG path, see two_factor.qr_path)
    qr_size: int = 0
    recovery_codes: list[str] = []  # shown once, right after they were made
    passkeys: list[dict[str, str]] = []  # id, name, created, last_used
    section: str = ""          # "totp" or "passkeys": where the last outcome is shown
    passkey_options: str = ""  # the WebAuthn creation options while a passkey is being made
    _passkey_challenge: bytes = b""
    _passkey_name: str = ""

    async def _show_status(self, user_id: int) -> None:
        status = await in_session(two_factor.status, user_id=user_id)
        self.two_factor_on, self.codes_left = status.enabled, status.codes_left
        self.since = format_date(status.since, self._lang()) if status.since else ""
        lang = self._lang()
        self.passkeys = [{"id": str(p.id), "name": p.name, "created": format_date(p.created, lang),
                          "last_used": format_datetime(p.last_used, lang) if p.last_used else ""}
                         for p in await in_session(passkeys.list_passkeys, user_id=user_id)]

    @event
    async def load(self):
        """on_load of /beveiliging: the second factor's state; nothing half set up shown."""
        self._reset_form()
        self.setup_secret, self.qr_path, self.qr_size, self.recovery_codes = "", "", 0, []
        user, redirect = await self._require_user()
        if redirect:
            return redirect
        self.admin = user.role == "admin"
        await self._show_status(user.id)

    async def _for_user(self, service, section: str = "totp", **kwargs):
        """``_submit(service, user_id=<the caller>, ...)``, then the status anew; a visitor
        whose session ended goes to /inloggen. The outcome shows in ``section``'s card.
        Use as ``async for step in ...: yield step``."""
        self.section = section
        user = await self._current_user()
        if user is None:
            yield rx.redirect("/inloggen")
            return
        async for _ in self._submit(service, user_id=user.id, **kwargs):
            yield None
        await self._show_status(user.id)

    @event
    async def start(self):
        """Make a secret and show it (QR code and text) with the code field."""
        async for step in self._for_user(two_factor.begin, then=self._show_setup):
            yield step

    async def _show_setup(self, setup) -> None:
        self.setup_secret = " ".join(setup.secret[i:i + 4] for i in range(0, len(setup.secret), 4))
        self.qr_path, self.qr_size = setup.qr_path, setup.qr_size

    @event
    async def confirm(self, form: dict):
        """The first code from the app turns it on; the recovery codes are shown once."""
        async for step in self._for_user(two_factor.confirm, code=form.get("code"),
                                         ip=self._client().ip, then=self._codes_made,
                                         error_field="code"):
            yield step

    async def _codes_made(self, codes: list[str]) -> str:
        self.recovery_codes = list(codes)
        self.setup_secret, self.qr_path, self.qr_size = "", "", 0
        return self._t("security.on_done")

    @event
    async def new_codes(self, form: dict):
        """Ten new recovery codes (the old ones stop working), after a code."""
        async for step in self._for_user(two_factor.new_recovery_codes, code=form.get("new_code"),
                                         ip=self._client().ip, then=self._codes_made,
                                         error_field="new_code"):
            yield step

    @event
    def codes_saved(self):
        """"I have saved them": the codes disappear from the page for good."""
        self.recovery_codes = []
        self._reset_form()

    @event
    async def turn_off(self, form: dict):
        """Turn the second factor off with the password and a code."""
        async for step in self._for_user(two_factor.disable, password=form.get("password"),
                                         code=form.get("off_code"), ip=self._client().ip,
                                         done=self._t("security.off_done")):
            yield step
        if self.errors.get("code"):  # the service names the field "code"
            self.errors = {"off_code": self.errors["code"]}

    @event
    async def start_passkey(self, form: dict):
        """"Passkey toevoegen": the password first, then the browser makes the passkey."""
        self.passkey_options, self._passkey_challenge = "", b""
        self._passkey_name = form.get("passkey_name") if isinstance(form.get("passkey_name"), str) else ""
        async for step in self._for_user(passkeys.registration, "passkeys", name=self._passkey_name,
                                         password=form.get("passkey_password"),
                                         ip=self._client().ip, then=self._ceremony):
            yield step

    async def _ceremony(self, ceremony) -> None:
        self.passkey_options, self._passkey_challenge = ceremony.options, ceremony.challenge

    @event
    async def passkey_answer(self, answer: str):
        """The authenticator's new credential (``assets/passkeys.js``), checked against this
        tab's challenge (once) and stored under the name given."""
        challenge, self._passkey_challenge, self.passkey_options = self._passkey_challenge, b"", ""
        if not challenge or not answer:
            return
        if answer.startswith("error:"):
            self._reset_form()
            self.section, self.form_error = "passkeys", self._t("error.passkey_cancelled")
            return
        async for step in self._for_user(passkeys.register, "passkeys", challenge=challenge, response=answer,
                                         name=self._passkey_name, ip=self._client().ip,
                                         done=self._t("security.passkey_added")):
            yield step

    @event
    async def remove_passkey(self, form: dict):
        """Remove one passkey, after the password."""
        raw = form.get("passkey_id")
        passkey_id = int(raw) if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) < 10 else None
        async for step in self._for_user(passkeys.remove, "passkeys", passkey_id=passkey_id,
                                         password=form.get("remove_password"), ip=self._client().ip,
                                         done=self._t("security.passkey_removed"),
                                         error_field="remove_password"):
            yield step

    @event
    async def change_password(self, form: dict):
        """A new password: the current one first; every other device is logged out."""
        user = await self._current_user()
        async for step in self._for_user(account_edit.change_password, "password",
                                         current=form.get("current_password"),
                                         new=form.get("new_password"),
                                         keep_session=user.session_public_id if user else "",
                                         ip=self._client().ip,
                                         done=self._t("security.password_changed")):
            yield step
