"""``/beheer/verzoeken``: a recipient's own request to be forgotten, handled by an admin
(services/admin/recipient_erasure.py). The service checks the admin role."""

from __future__ import annotations

from ..services.admin import recipient_erasure
from .admin import AdminRequestsState
from .events import event


class AdminRecipientState(AdminRequestsState):
    """The "erase a recipient" form above the request queue."""

    @event
    async def forget(self, form: dict):
        """Erase the typed address from every user's recipients, with its links."""
        count = await self._run_and_reload(recipient_erasure.forget_recipient,
                                           email=form.get("email"))
        if count is not None and not self.error:
            self.notice = self._t("admin.recipient_forgotten", count=count)
