"""``/verzoek``: the public request form for people who cannot log in (§6), in two steps.

Step one (``submit``) starts the request and mails a one-time code to the address given;
step two (``verify``) checks the code, and only then is the request registered (services:
``services/privacy/data_requests.py``). Both run through ``FormState._submit``
(state/forms.py).
"""

from __future__ import annotations

from ..models.requests import KINDS
from ..services.privacy import data_requests
from .base import AppState
from .events import event
from .forms import FormState, normalised_email


class VerzoekState(FormState, AppState):
    """``/verzoek``: the public request form with its one-time code step."""

    step: str = "form"          # form | code | done
    kind: str = ""
    sent_to: str = ""
    _ref: str = ""

    @event
    async def load(self):
        """on_load of /verzoek: a finished request starts over."""
        self._ensure_device()
        await self._current_user()
        self._reset_form()
        self.busy = False
        if self.step == "done":
            self.step, self.kind = "form", ""

    @event
    def set_kind(self, value: str):
        """The kind of request chosen (one of ``KINDS``)."""
        self.kind = value if isinstance(value, str) and value in KINDS else ""

    @event
    def restart(self):
        """Back to the form, e.g. after a mistyped address."""
        self._reset_form()
        self.step, self._ref, self.sent_to = "form", "", ""

    @event
    async def submit(self, form: dict):
        """Step one: the request waits for the code mailed to the given address."""
        self.sent_to = normalised_email(form.get("email"))  # shown only in the code step
        async for _ in self._submit(
                data_requests.start, email=form.get("email"), kind=form.get("kind") or self.kind,
                details=form.get("details"), purpose=form.get("purpose"),
                motivation=form.get("motivation"), lang=self.lang, ip=self._client().ip,
                then=self._code_sent):
            yield

    async def _code_sent(self, ref: str) -> None:
        self._ref, self.step = ref, "code"

    @event
    async def verify(self, form: dict):
        """Step two: the code registers the request; the done message has its reference."""
        async for _ in self._submit(data_requests.verify, public_id=self._ref,
                                    code=form.get("code"), error_field="code",
                                    then=self._registered):
            yield

    async def _registered(self, view) -> str:
        self.step, self._ref = "done", ""
        return self._t("verzoek.done", reference=view.id, due=view.due)
