"""The editor's "Ontvangers" card: thin handlers over services/cv/recipients.py and
services/privacy/sharing.py.

A substate of ``EditorState``: the CV is the editor's server-side ``_cv``, never a value
from the client. Every handler resolves the user from the session cookie in the database;
the services check that the recipient, link or CV is theirs (``NotFound`` otherwise), so a
rewritten call naming someone else's id changes nothing.
"""

from __future__ import annotations

from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.cv import letters, recipients
from ..services.privacy import sharing
from .cvs import EditorState
from .ids import any_id
from .events import event

FIELDS = ("name", "organisation", "email", "note")


class RecipientsState(EditorState):
    """The recipients of the open CV, the links sent and their access log."""

    people: list[dict[str, str]] = []
    links: list[dict[str, str]] = []
    rec_errors: dict[str, str] = {}
    rec_message: str = ""
    editing: str = ""          # id of the recipient whose edit form is open
    draft: dict[str, str] = {}  # that recipient's values, for the edit form
    follow_edits: bool = False
    send_anonymous: bool = False  # the next link shows the anonymous CV (issue 22)
    send_letter: str = ""      # a cover letter of this CV sent with the next link ("": none)
    letter_choices: list[dict[str, str]] = []
    form_round: int = 0        # bumped after an add: remounts (empties) the add form

    async def _reload(self, uid: int) -> None:
        lang = self._lang()
        written = await in_session(letters.list_letters, user_id=uid, cv_id=self._cv)
        self.letter_choices = [{"id": str(x.id), "title": x.values["title"]} for x in written]
        if self.send_letter not in {c["id"] for c in self.letter_choices}:
            self.send_letter = ""
        people = await in_session(recipients.list_recipients, user_id=uid, cv_id=self._cv)
        self.people = [{"id": str(p.id), "name": p.name, "organisation": p.organisation,
                        "email": p.email, "note": p.note} for p in people]
        links = await in_session(sharing.links_for_cv, user_id=uid, cv_id=self._cv, lang=lang)
        self.links = [{
            "id": str(link.id), "status": link.status,
            "status_text": self._t(f"recipients.status.{link.status}"),
            "line": self._t("recipients.link_line", name=link.recipient, sent=link.sent,
                            until=link.until),
            "accesses": "\n".join(
                self._t(f"recipients.access.{a.kind}", when=a.when)
                + (f" ({self._t('recipients.device.' + a.device)})" if a.device else "")
                for a in link.accesses) or self._t("recipients.never_opened"),
        } for link in links]

    async def _run(self, fn, *, error_key: str, done: str = "", **kwargs):
        """One action for the logged-in owner: the service, then the list again."""
        user = await self._current_user()
        if user is None or not self._cv:
            return None
        try:
            result = await in_session(fn, user_id=user.id, **kwargs)
        except DomainError as exc:
            self.rec_errors = {error_key: self._err(exc)}
            self.rec_message = ""
            return None
        self.rec_errors, self.rec_message = {}, done
        await self._reload(user.id)
        return result

    @event
    async def load_recipients(self):
        """When the card appears: the CV's recipients and links."""
        self.rec_errors, self.rec_message, self.editing = {}, "", ""
        user = await self._current_user()
        if user is not None and self._cv:
            await self._reload(user.id)

    @event
    async def add(self, form: dict):
        """Add a recipient from the form (name, organisation, e-mail, note)."""
        values = {k: form.get(k, "") for k in FIELDS}
        if await self._run(recipients.add_recipient, error_key="add", cv_id=self._cv,
                           **values) is not None:
            self.form_round += 1

    @event
    def start_edit(self, recipient_id: str):
        """Open the edit form of one recipient."""
        found = [p for p in self.people if p["id"] == recipient_id]
        self.editing = recipient_id if found else ""
        self.draft = dict(found[0]) if found else {}

    @event
    def cancel_edit(self):
        """Close the edit form."""
        self.editing, self.draft = "", {}

    @event
    async def save_edit(self, form: dict):
        """Save the open edit form."""
        values = {k: form.get(k, "") for k in FIELDS}
        if await self._run(recipients.edit_recipient, error_key="edit",
                           recipient_id=any_id(self.editing), **values) is not None:
            self.editing, self.draft = "", {}

    @event
    async def remove(self, recipient_id: str):
        """Remove a recipient and every link sent to them."""
        await self._run(recipients.remove_recipient, error_key="list",
                        recipient_id=any_id(recipient_id))

    @event
    def set_follow(self, on: bool):
        """Whether the next link shows later edits (off: the CV as sent)."""
        self.follow_edits = on

    @event
    def set_send_anonymous(self, on: bool):
        """Whether the next link shows the anonymous CV."""
        self.send_anonymous = on is True

    @event
    def set_send_letter(self, letter_id: str):
        """Which of the CV's letters goes with the next link ("" for none)."""
        if letter_id == "" or letter_id in {c["id"] for c in self.letter_choices}:
            self.send_letter = letter_id

    @event
    async def send(self, recipient_id: str):
        """Mail this recipient a personal link to the CV."""
        name = next((p["name"] for p in self.people if p["id"] == recipient_id), "")
        await self._run(sharing.send, error_key="list", recipient_id=any_id(recipient_id),
                        follow_edits=self.follow_edits, anonymous=self.send_anonymous,
                        letter_id=any_id(self.send_letter) if self.send_letter else None,
                        ip=self._client().ip,
                        done=self._t("recipients.sent", name=name))

    @event
    async def revoke(self, link_id: str):
        """Revoke one link."""
        await self._run(sharing.revoke, error_key="links", link_id=any_id(link_id),
                        ip=self._client().ip)

    @event
    async def revoke_all(self):
        """Revoke every link of this CV."""
        count = await self._run(sharing.revoke_all, error_key="links", cv_id=self._cv,
                                ip=self._client().ip)
        if count is not None:
            self.rec_message = self._t("recipients.revoked_all", count=count)
