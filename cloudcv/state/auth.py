"""Register, log in, verify, forgot/reset password, confirm a new e-mail address.

Thin handlers over services.accounts; each form runs through ``FormState._submit``
(state/forms.py): busy, the service off the loop, the done message or the field error.
"""

from __future__ import annotations

import reflex as rx

from ..services.accounts import account_edit, accounts, passkeys
from .base import AppState
from .consent import ConsentState
from .events import event
from .forms import FormState, normalised_email


class RegisterState(FormState, AppState):
    """``/registreren``: create the account and mail the confirmation link."""

    @event
    async def submit(self, form: dict):
        """Register; the done message names the address the link went to."""
        async for _ in self._submit(
                accounts.register, name=form.get("name"), email=form.get("email"),
                password=form.get("password"), lang=self.lang, news=form.get("news") == "on",
                done=self._t("register.done", email=normalised_email(form.get("email")))):
            yield


class LoginState(FormState, AppState):
    """``/inloggen``: check the password, then (with a second factor) the code; the page
    exchanges the ticket for the cookie. The challenge between the two steps stays here,
    on the server (a private var)."""

    code_step: bool = False
    passkey_options: str = ""  # the WebAuthn request options while a passkey login runs
    _challenge: str = ""
    _passkey_challenge: bytes = b""

    @event
    async def submit(self, form: dict):
        """Log in: on success the page receives a one-time ticket and reloads, or asks for
        the code of the second factor."""
        self.flash = ""
        self._ensure_device()
        self.code_step, self._challenge = False, ""
        async for _ in self._submit(accounts.login, email=form.get("email"),
                                    password=form.get("password"), client=self._client(),
                                    then=self._logged_in):
            yield

    @event
    async def submit_code(self, form: dict):
        """The second step: the code from the app, or a recovery code."""
        if not self._challenge:
            self.code_step = False
            return
        async for _ in self._submit(accounts.login_code, challenge=self._challenge,
                                    code=form.get("code"), client=self._client(),
                                    then=self._logged_in):
            yield
        if self.form_error == self._t("error.login_code_expired"):
            self.code_step, self._challenge = False, ""

    @event
    def start_passkey(self):
        """"Inloggen met een passkey": a fresh challenge; the page asks the authenticator."""
        self._ensure_device()
        self._reset_form()
        ceremony = passkeys.authentication()
        self.passkey_options, self._passkey_challenge = ceremony.options, ceremony.challenge
        self.code_step, self._challenge = False, ""

    @event
    async def passkey_answer(self, answer: str):
        """The authenticator's answer (``assets/passkeys.js``); checked against this tab's
        challenge, which works once."""
        challenge, self._passkey_challenge, self.passkey_options = self._passkey_challenge, b"", ""
        if not challenge or not answer:
            return
        if answer.startswith("error:"):  # cancelled, timed out, no passkey on this device
            self._reset_form()
            self.form_error = self._t("error.passkey_cancelled")
            return
        async for _ in self._submit(accounts.login_passkey, challenge=challenge, response=answer,
                                    client=self._client(), then=self._logged_in):
            yield

    @event
    def cancel_code(self):
        """Back from the code step to the password."""
        self.code_step, self._challenge = False, ""
        self._reset_form()

    async def _logged_in(self, result) -> None:
        if result.challenge:
            self._challenge, self.code_step = result.challenge, True
            return
        self.code_step, self._challenge = False, ""
        self.lang = result.user.lang
        await (await self.get_state(ConsentState))._link(result.user.id)
        self.login_ticket = result.ticket  # the page exchanges it for the cookie, then reloads

    @event
    async def redirect_if_logged_in(self):
        """on_load of /inloggen: a logged-in user goes to the home page; anyone else starts
        with the password."""
        self._ensure_device()
        self.code_step, self._challenge = False, ""
        if await self._current_user() is not None:
            return rx.redirect("/")


class NotMeState(FormState, AppState):
    """``/niet-ik?token=...``: "this wasn't me" from the new-device mail ends every session."""

    @event
    async def confirm(self):
        """on_load of /niet-ik: consume the link; every session of the account ends."""
        async for _ in self._follow_link(accounts.not_me, "not_me.done"):
            yield


class ForgotState(FormState, AppState):
    """``/wachtwoord-vergeten``: mail a reset link (the same answer for unknown addresses)."""

    @event
    async def submit(self, form: dict):
        """Ask for a reset link."""
        email = form.get("email")
        async for _ in self._submit(accounts.request_password_reset, email=email,
                                    done=self._t("forgot.done", email=normalised_email(email))):
            yield


class ResetState(FormState, AppState):
    """``/wachtwoord-herstellen?token=...``: set a new password; every session ends."""

    @event
    async def submit(self, form: dict):
        """Set the new password from the link in the query string."""
        async for _ in self._submit(accounts.reset_password, token=self._token(),
                                    password=form.get("password"), then=self._reset_done):
            yield

    async def _reset_done(self, _result) -> str:
        self._logged_out()
        return self._t("reset.done")


class VerifyState(FormState, AppState):
    """``/bevestigen?token=...``: confirm the e-mail address of a new account."""

    @event
    async def verify(self):
        """on_load of /bevestigen: consume the link from the query string."""
        async for _ in self._follow_link(accounts.verify_email, "verify.done"):
            yield


class EmailConfirmState(FormState, AppState):
    """``/e-mailadres-bevestigen?token=...``: apply a confirmed e-mail change."""

    @event
    async def confirm(self):
        """on_load of /e-mailadres-bevestigen: consume the link from the query string."""
        async for _ in self._follow_link(account_edit.confirm_email_change, "email_confirm.done"):
            yield
