"""The admin console's state. Every event re-checks the admin role in the database."""

from __future__ import annotations

import reflex as rx

from ..services import admin
from ..services.db import in_session
from ..services.errors import Forbidden
from .base import AppState


class AdminState(AppState):
    user_count: int = 0
    queued_mail: int = 0
    denied: bool = False

    async def _admin_id(self) -> int:
        user = await self.current_user()
        if user is None or not user.is_admin:
            raise Forbidden("error.forbidden")
        return user.id

    @rx.event
    async def load_console(self):
        """on_load of /beheer: anonymous -> login, non-admin -> home, admin -> figures."""
        self._ensure_device()
        user = await self.current_user()
        if user is None:
            self.flash = "error.login_required"
            return rx.redirect("/inloggen")
        if not user.is_admin:
            self.flash = "error.forbidden"
            return rx.redirect("/")
        await self.refresh()

    @rx.event
    async def refresh(self):
        try:
            admin_id = await self._admin_id()
        except Forbidden:
            self.denied, self.user_count, self.queued_mail = True, 0, 0
            return
        figures = await in_session(admin.overview, admin_id=admin_id)
        self.denied = False
        self.user_count, self.queued_mail = figures.users, figures.queued_mail
