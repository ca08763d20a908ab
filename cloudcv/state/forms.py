"""``FormState``: the one "busy → service → done message or field error" flow of a form.

Every form that shows "Even geduld…" while a service runs subclasses ``FormState``; its
handler is ``async for _ in self._submit(service, **arguments, done=message): yield``
(``ForgotState`` in state/auth.py is the shortest example).

``_submit`` clears the errors, sets ``busy`` and yields (so the page shows it), runs the
service in a worker thread with its own Session (``in_session_on("hash")``), then shows the done
message, or the ``DomainError`` translated next to its field (``errors[field]``) or above
the form (``form_error``). ``busy`` is reset in every case, also when the service raises
something unexpected: that exception then goes on to ``backend_exception_handler``
(state/base.py), which shows the ``error.unexpected`` flash. The components that render
these vars are in ``components/fields.py`` (``field``, ``form_error``, ``submit``).

``FormState`` is a Reflex mixin: each form state (``class RegisterState(FormState, AppState)``)
gets its own copy of the vars. Declared on a shared parent state they would be one set for
every form, and the "check your inbox" of /registreren would show again on
/wachtwoord-vergeten.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import reflex as rx

from ..services.core.db import in_session_on
from ..services.core.errors import DomainError


def normalised_email(value) -> str:
    """The address as the services store it (trimmed, lower case), for a done message."""
    return str(value).strip().lower()


class FormState(rx.State, mixin=True):
    """Per-field errors, a form-level error, and the busy and done flags of a form."""

    errors: dict[str, str] = {}
    form_error: str = ""
    busy: bool = False
    done: bool = False
    done_message: str = ""

    def _reset_form(self) -> None:
        self.errors, self.form_error, self.done, self.done_message = {}, "", False, ""

    def _fail(self, exc: DomainError, field: str | None = None) -> None:
        """Show ``exc`` translated next to ``field`` (default: its own), else above the form."""
        field = field or exc.field
        if field:
            self.errors = {field: self._err(exc)}
        else:
            self.form_error = self._err(exc)

    def _caught_by_honeypot(self, form: dict) -> bool:
        """True (and the form shows "invalid input") when the hidden ``website`` field, which
        people never see, was filled in: a bot. Public forms (contact, news) ask it first."""
        if not form.get("website"):
            return False
        self._reset_form()
        self.form_error = self._t("error.invalid_input")
        return True

    def _token(self) -> str:
        """The ``token`` of a mailed link, from the query string ("" when absent or odd)."""
        token = self.router.url.query_parameters.get("token", "")
        return token if isinstance(token, str) else ""

    async def _follow_link(self, service: Callable[..., Any], done_key: str):
        """on_load of a page a mailed link opens: ``service(token=...)``, then the done
        message ``done_key`` or the error; the header then shows who is logged in."""
        self._ensure_device()
        async for _ in self._submit(service, token=self._token(), done=self._t(done_key)):
            yield
        await self._current_user()

    async def _submit(self, service: Callable[..., Any], /, *, done: str = "",
                      then: Callable[[Any], Awaitable[str | None]] | None = None,
                      error_field: str | None = None, **kwargs):
        """Run one form: busy → ``service(**kwargs)`` off the loop → done or error.

        ``done``: the (translated) message shown on success. ``then``: an async method
        given the service's result, for the work a success brings; the text it returns,
        if any, is the done message. ``error_field``: show every error next to this field.
        Use as ``async for _ in self._submit(...): yield``.
        """
        self._reset_form()
        self.busy = True
        try:
            yield
            # forms hash or verify passwords (argon2): their own pool, not in front of saves
            result = await in_session_on("hash", service, **kwargs)
            message = (await then(result) if then else None) or done
        except DomainError as exc:
            self._fail(exc, error_field)
        else:
            self.done_message = message
            self.done = bool(message)
        finally:
            self.busy = False
