"""Register, log in, verify, forgot/reset password: thin handlers over services.accounts."""

from __future__ import annotations

import reflex as rx

from ..services.accounts import accounts
from ..services.core.db import in_session
from ..services.core.errors import DomainError, Invalid
from .base import AppState
from .consent import ConsentState
from .events import event


class FormState(AppState):
    """Shared form plumbing: per-field errors, a form-level error, busy and done flags."""

    errors: dict[str, str] = {}
    form_error: str = ""
    busy: bool = False
    done: bool = False
    done_message: str = ""

    def _reset_form(self) -> None:
        self.errors, self.form_error, self.done, self.done_message = {}, "", False, ""

    def _fail(self, exc: DomainError) -> None:
        if exc.field:
            self.errors = {exc.field: self._err(exc)}
        else:
            self.form_error = self._err(exc)

    @staticmethod
    def _payload(form) -> dict:
        """Reflex does not type-check payloads: anything but a dict of strings is refused."""
        if not isinstance(form, dict):
            raise Invalid("error.invalid_input")
        return form


class RegisterState(FormState):
    @event
    async def submit(self, form: dict):
        self._reset_form()
        self.busy = True
        yield
        try:
            data = self._payload(form)
            await in_session(accounts.register, name=data.get("name"), email=data.get("email"),
                             password=data.get("password"), lang=self.lang)
            email = str(data.get("email")).strip().lower()
        except DomainError as exc:
            self._fail(exc)
        else:
            self.done = True
            self.done_message = self._t("register.done", email=email)
        finally:
            self.busy = False


class LoginState(FormState):
    @event
    async def submit(self, form: dict):
        self._reset_form()
        self.flash = ""
        self.busy = True
        yield
        self._ensure_device()
        try:
            data = self._payload(form)
            result = await in_session(accounts.login, email=data.get("email"),
                                      password=data.get("password"), client=self._client())
        except DomainError as exc:
            self._fail(exc)
            self.busy = False
            return
        self.busy = False
        self.lang = result.user.lang
        await (await self.get_state(ConsentState))._link(result.user.id)
        self.login_ticket = result.ticket  # the page exchanges it for the cookie, then reloads

    @event
    async def redirect_if_logged_in(self):
        self._ensure_device()
        if await self._current_user() is not None:
            return rx.redirect("/")


class ForgotState(FormState):
    @event
    async def submit(self, form: dict):
        self._reset_form()
        self.busy = True
        yield
        try:
            data = self._payload(form)
            await in_session(accounts.request_password_reset, email=data.get("email"))
            email = str(data.get("email")).strip().lower()
        except DomainError as exc:
            self._fail(exc)
        else:
            self.done = True
            self.done_message = self._t("forgot.done", email=email)
        finally:
            self.busy = False


class ResetState(FormState):
    @event
    async def submit(self, form: dict):
        self._reset_form()
        self.busy = True
        yield
        try:
            data = self._payload(form)
            await in_session(accounts.reset_password,
                             token=self.router.url.query_parameters.get("token", ""),
                             password=data.get("password"))
        except DomainError as exc:
            self._fail(exc)
        else:
            self._logged_out()
            self.done = True
            self.done_message = self._t("reset.done")
        finally:
            self.busy = False


class VerifyState(FormState):
    @event
    async def verify(self):
        """on_load of /bevestigen: consume the link from the query string."""
        self._reset_form()
        self._ensure_device()
        self.busy = True
        yield
        try:
            await in_session(accounts.verify_email,
                             token=self.router.url.query_parameters.get("token", ""))
        except DomainError as exc:
            self._fail(exc)
        else:
            self.done = True
            self.done_message = self._t("verify.done")
        finally:
            self.busy = False
        await self._current_user()
