"""``/nieuwsbrief`` (a visitor asks for news by mail) and ``/nieuwsbrief/bevestigen`` (the
double opt-in link). The service is ``services/privacy/marketing.py``."""

from __future__ import annotations

from ..services.privacy import marketing
from .base import AppState
from .events import event
from .forms import FormState


class NewsState(FormState, AppState):
    """``/nieuwsbrief``: name, organisation and address; a confirmation mail follows."""

    @event
    async def submit(self, form: dict):
        """Store the unconfirmed sign-up and mail the link (a honeypot hit is refused)."""
        if form.get("website"):  # honeypot: humans never see this field
            self._reset_form()
            self.form_error = self._t("error.invalid_input")
            return
        async for _ in self._submit(
                marketing.request_news, email=form.get("email"), name=form.get("name"),
                organisation=form.get("organisation", ""), lang=self.lang,
                done=self._t("news.sent")):
            yield


class NewsConfirmState(FormState, AppState):
    """``/nieuwsbrief/bevestigen?token=...``: the visitor confirms the sign-up."""

    @event
    async def confirm(self):
        """on_load: check the link; the sign-up counts from now."""
        async for _ in self._follow_link(marketing.confirm_news, "news.confirmed"):
            yield
