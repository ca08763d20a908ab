"""``/beheer/campagnes``: compose a marketing campaign, see how many it reaches, send it.

Every event re-checks the admin role (``AdminState._admin_id``) and the services check it
again; the send runs off the event loop (``in_session``)."""

from __future__ import annotations

from ..services.admin import campaigns
from .admin import AdminState, _rows
from .ids import client_id
from .events import event


class AdminCampaignsState(AdminState):
    """The campaign list, the selected campaign and its recipient count before sending."""

    rows: list[dict[str, str]] = []
    selected_id: str = ""
    selected_subject: str = ""
    count: int = -1  # -1: not counted yet
    count_text: str = ""

    async def _reload(self):
        self.rows = _rows(await self._run(campaigns.recent, lang=self._lang()) or [])

    @event
    async def load(self):
        """on_load: the admin check, then the list."""
        self.selected_id, self.selected_subject, self.count, self.count_text = "", "", -1, ""
        return await self._open()

    async def _select(self, campaign_id: int | None) -> None:
        count = await self._run(campaigns.count_eligible, campaign_id=campaign_id)
        if count is None:
            return
        row = next((r for r in self.rows if r["id"] == str(campaign_id)), None)
        self.selected_id, self.count = str(campaign_id), count
        self.count_text = self._t("campaigns.count", count=count)
        self.selected_subject = row["subject"] if row else ""

    @event
    async def create(self, form: dict):
        """Save a new campaign (subject, text, language) and show its recipient count."""
        campaign_id = await self._run_and_reload(campaigns.create, subject=form.get("subject"),
                                                 body=form.get("body"), lang=form.get("lang"))
        if campaign_id is not None:
            await self._select(campaign_id)

    @event
    async def select(self, campaign_id: str):
        """Pick a campaign: count who it would reach now."""
        await self._select(client_id(campaign_id))

    @event
    async def send(self):
        """Queue the selected campaign for everyone eligible who did not get it yet."""
        queued = await self._run(campaigns.send, campaign_id=client_id(self.selected_id))
        if queued is not None:
            self.notice = self._t("campaigns.sent", count=queued)
            await self._reload()
            await self._select(client_id(self.selected_id))
