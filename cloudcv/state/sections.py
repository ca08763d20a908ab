"""The editor's section list ("Secties", ``components/sections_panel.py``): order by
buttons or drag and drop, own names, back to the default name.

A substate of :class:`~cloudcv.state.cvs.EditorState` without computed vars (it is only
loaded for its own events). Every handler goes through ``EditorState._do``: the session
resolved on the server, ownership and the arguments checked in
``services/cv/sections.py``, one transaction, the CV read back. After a move,
``announced`` says where the section is now (the panel's aria-live region).
"""

from __future__ import annotations

from ..services.cv import sections
from .cvs import EditorState
from .events import event


class SectionsState(EditorState):
    """Handlers of the section list; errors show under ``errors["sections"]``."""

    announced: str = ""

    async def _edit(self, fn, section: str, **kwargs) -> None:
        await self._do(fn, error_key="sections", cv_id=self._cv, section=section,
                       refresh=True, **kwargs)
        if "sections" in self.errors:
            self.announced = ""
            return
        keys = [s["key"] for s in self.sections]
        if section in keys:
            row = self.sections[keys.index(section)]
            self.announced = self._t("sections.moved", title=row["title"],
                                     place=str(keys.index(section) + 1), total=str(len(keys)))

    @event
    async def move_section(self, section: str, direction: int):
        """Move a section one place up (-1) or down (1)."""
        await self._edit(sections.move_section, section, direction=direction)

    @event
    async def place_section(self, section: str, before: str):
        """Drag and drop: put ``section`` where ``before`` is."""
        await self._edit(sections.place_section, section, before=before)

    async def _rename(self, section: str, title: str) -> None:
        now = {s["key"]: s["title"] if s["custom"] else "" for s in self.sections}
        if section in now and isinstance(title, str) and title.strip() == now[section]:
            return  # left the field unchanged: nothing to save
        await self._do(sections.rename_section, error_key="sections", cv_id=self._cv,
                       section=section, title=title, refresh=True)
        self.announced = ""

    @event
    async def rename_section(self, section: str, title: str):
        """Give a section its own name ("" goes back to the default)."""
        await self._rename(section, title)

    @event
    async def reset_section(self, section: str):
        """The section's default name again."""
        await self._rename(section, "")

    @event
    async def set_page_break(self, section: str, on: bool):
        """Start the section on a new page in the PDF, or not."""
        await self._do(sections.set_page_break, error_key="sections", cv_id=self._cv,
                       section=section, on=on, refresh=True)

    @event
    async def add_own_section(self, form: dict):
        """A new section of the user's own, named in the panel's form."""
        title = form.get("title") if isinstance(form, dict) else None
        await self._do(sections.add_own_section, error_key="new_section", cv_id=self._cv,
                       title=title, refresh=True)
        if "new_section" not in self.errors:
            self.announced = self._t("sections.added", title=title.strip() if isinstance(title, str) else "")

    @event
    async def delete_own_section(self, section: str):
        """Delete a section of the user's own with its entries (undo brings it back)."""
        await self._do(sections.delete_own_section, error_key="sections", cv_id=self._cv,
                       section=section, refresh=True)
        self.announced = ""
