"""``/contact`` and ``/beheer/contact``."""

from __future__ import annotations

from ..services.admin import contact
from .admin import AdminList, AdminState
from .ids import client_id
from .base import AppState
from .events import event
from .forms import FormState, normalised_email


class ContactState(FormState, AppState):
    """``/contact``: a question to the team (§8), answered by mail."""

    @event
    async def submit(self, form: dict):
        """Store the question; a filled-in honeypot field is refused as invalid input."""
        if self._caught_by_honeypot(form):
            return
        user = await self._current_user()
        async for _ in self._submit(
                contact.ask, name=form.get("name"), email=form.get("email"),
                organisation=form.get("organisation", ""), message=form.get("message"),
                lang=self.lang, user_id=user.id if user else None,
                done=self._t("contact.done", email=normalised_email(form.get("email")))):
            yield


class AdminContactState(AdminList, AdminState):
    """``/beheer/contact``: the contact questions; answer by mail or mark handled."""

    _LIST = staticmethod(contact.list_questions)

    @event
    async def answer(self, form: dict):
        """Mail an answer to the question and mark it handled."""
        await self._run_and_reload(contact.answer, question_id=client_id(form.get("question_id")),
                                   text=form.get("answer"))

    @event
    async def handled(self, question_id: str):
        """Mark the question handled without an answer."""
        await self._run_and_reload(contact.mark_handled, question_id=client_id(question_id))
