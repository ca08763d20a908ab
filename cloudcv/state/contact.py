"""``/contact`` and ``/beheer/contact``."""

from __future__ import annotations

from ..services.admin import contact
from ..services.core.db import in_session
from ..services.core.errors import DomainError
from .admin import AdminState, _id, _rows
from .auth import FormState
from .events import event


class ContactState(FormState):
    @event
    async def submit(self, form: dict):
        self._reset_form()
        self.busy = True
        yield
        try:
            data = self._payload(form)
            if data.get("website"):  # honeypot: humans never see this field
                raise DomainError("error.invalid_input")
            user = await self._current_user()
            await in_session(contact.ask, name=data.get("name"), email=data.get("email"),
                             organisation=data.get("organisation", ""), message=data.get("message"),
                             lang=self.lang, user_id=user.id if user else None)
            email = str(data.get("email")).strip().lower()
        except DomainError as exc:
            self._fail(exc)
        else:
            self.done = True
            self.done_message = self._t("contact.done", email=email)
        finally:
            self.busy = False


class AdminContactState(AdminState):
    rows: list[dict[str, str]] = []
    open_only: bool = True

    @event
    async def load(self):
        _, redirect = await self._enter()
        if redirect:
            return redirect
        await self._reload()

    async def _reload(self):
        self.rows = _rows(await self._run(contact.list_questions, open_only=self.open_only) or [])

    @event
    async def show_open(self, value: str | list[str]):
        self.open_only = value != "all"
        await self._reload()

    @event
    async def answer(self, form: dict):
        form = form if isinstance(form, dict) else {}
        await self._run_and_reload(contact.answer, question_id=_id(form.get("question_id")),
                                   text=form.get("answer"))

    @event
    async def handled(self, question_id: str):
        await self._run_and_reload(contact.mark_handled, question_id=_id(question_id))
