"""``/nieuwsbrief`` (a visitor asks for news by mail) and ``/nieuwsbrief/bevestigen`` (the
double opt-in link). The service is ``services/privacy/marketing.py``."""

from __future__ import annotations

from ..services.core.db import in_session
from ..services.privacy import marketing
from .base import AppState
from .events import event
from .forms import FormState


class NewsState(FormState, AppState):
    """``/nieuwsbrief``: name, organisation and address; a confirmation mail follows."""

    @event
    async def submit(self, form: dict):
        """Store the unconfirmed sign-up and mail the link (a honeypot hit is refused)."""
        if self._caught_by_honeypot(form):
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


class MyNewsState(AppState):
    """Mijn gegevens: the news checkbox (unticked until the user ticks it)."""

    news: bool = False

    @event
    async def load_news(self):
        """on_mount of the card: whether this account asked for news."""
        user = await self._current_user()
        self.news = bool(user) and await in_session(marketing.opted_in, user_id=user.id)

    @event
    async def set_news(self, on: bool):
        """Tick (recorded with the text shown) or untick (deleted) the news checkbox."""
        user = await self._current_user()
        if user is None or not isinstance(on, bool):
            return
        self.news = await in_session(_set_news, user_id=user.id, on=on)


def _set_news(session, *, user_id: int, on: bool) -> bool:
    result = marketing.set_news(session, user_id=user_id, on=on)
    session.commit()
    return result
