"""The editor's layout panel ("Opmaak", ``components/layout_panel.py``): font family, size,
line spacing, margins, text and accent colour, and the contrast advice.

A substate of :class:`~cloudcv.state.cvs.EditorState`: every handler goes through its
``_do`` (the session resolved on the server, ownership and the bounds checked in
``services/cv/typography.py``, one transaction, the CV read back). The values shown are
``EditorState.typo`` (``typography.view_of``); a suggested colour is computed on the
server from the stored one, never taken from the client.
"""

from __future__ import annotations

import reflex as rx

from ..i18n import LANGS, t
from ..services.cv import cvs, typography
from .cvs import EditorState
from .events import event


class LayoutState(EditorState):
    """Handlers of the layout panel; errors show under ``errors["layout"]``."""

    async def _set(self, **change):
        await self._do(typography.set_typography, error_key="layout", cv_id=self._cv,
                       refresh=True, **change)

    @event
    async def set_font(self, value: str):
        await self._set(font=value)

    @event
    async def set_size(self, value: str):
        await self._set(size=value)

    @event
    async def set_spacing(self, value: str):
        await self._set(spacing=value)

    @event
    async def set_margin(self, value: str):
        await self._set(margin=value)

    @event
    async def set_text_color(self, value: str):
        await self._set(text_color=value)

    @event
    async def reset_text_color(self):
        await self._set(text_color=typography.DEFAULT)

    @event
    async def set_custom_accent(self, value: str):
        await self._do(cvs.set_layout, error_key="layout", cv_id=self._cv, accent=value, refresh=True)

    @event
    async def use_text_fix(self):
        """Apply the nearest text colour that reaches 4.5:1."""
        await self._do(typography.apply_suggestion, error_key="layout", cv_id=self._cv,
                       which="text", refresh=True)

    @event
    async def use_accent_fix(self):
        """Apply the nearest accent colour that reaches 3:1."""
        await self._do(typography.apply_suggestion, error_key="layout", cv_id=self._cv,
                       which="accent", refresh=True)

    def _say(self, key: str, **params: str) -> str:
        """``key`` in the UI language; ratios with a decimal comma in Dutch (4,48)."""
        lang = self.lang if self.lang in LANGS else "nl"
        if lang == "nl":
            params = {k: v.replace(".", ",") if k == "ratio" else v for k, v in params.items()}
        return t(key, lang, **params)

    @rx.var
    def text_warning(self) -> str:
        """The low-contrast warning for the text colour, in the UI language ("" if none)."""
        if not self.typo.get("text_fix"):
            return ""
        return self._say("layout.text_low", ratio=self.typo.get("text_ratio", ""))

    @rx.var
    def accent_warning(self) -> str:
        """The low-contrast warning for the accent colour ("" if none)."""
        if not self.typo.get("accent_fix"):
            return ""
        return self._say("layout.accent_low", ratio=self.typo.get("accent_ratio", ""))

    @rx.var
    def text_fix_label(self) -> str:
        return self._say("layout.use_colour", colour=self.typo.get("text_fix", ""))

    @rx.var
    def accent_fix_label(self) -> str:
        return self._say("layout.use_colour", colour=self.typo.get("accent_fix", ""))
