"""The editor's toolbar: undo, redo (buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y) and the
lock, plus the notice a locked CV shows.

The keyboard hook is compiled into the page (no script text from the server): outside a
text field it presses the undo or redo button, so the same server handler runs
(``EditorState.undo`` / ``redo``, which check the session, the owner and the lock). Inside
a text field the browser's own undo of the typing applies, and its result is saved like
any typing. Handlers: ``state/cvs.py``; rules: ``services/cv/history.py``, ``lock.py``.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData

from ..state.cvs import EditorState
from .i18n import t

_REACT = VarData(imports={"react": ["useEffect"]})


class _UndoKeys(rx.Fragment):
    """Renders nothing; its hook maps the undo/redo keys onto the toolbar's buttons."""

    def add_hooks(self) -> list[str | Var]:
        return [Var("""useEffect(() => {
  const onKey = (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const k = (e.key || "").toLowerCase();
    const redo = (k === "z" && e.shiftKey) || (k === "y" && !e.shiftKey);
    if (!redo && !(k === "z" && !e.shiftKey)) return;
    const el = e.target;
    if (el instanceof Element && el.closest("input, textarea, select, [contenteditable]")) return;
    const button = document.getElementById(redo ? "cv-redo" : "cv-undo");
    if (!button) return;
    e.preventDefault();
    if (!button.disabled) button.click();
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}, []);""", _var_data=_REACT)]


def toolbar() -> rx.Component:
    """Undo, redo and the lock button, next to the save status."""
    locked = EditorState.locked
    return rx.flex(
        _UndoKeys.create(),
        rx.tooltip(rx.icon_button(rx.icon("undo-2", size=16), size="2", variant="soft",
                                  type="button", id="cv-undo", aria_label=t("editor.undo"),
                                  disabled=locked | (EditorState.undo_steps == 0),
                                  on_click=EditorState.undo), content=t("editor.undo")),
        rx.tooltip(rx.icon_button(rx.icon("redo-2", size=16), size="2", variant="soft",
                                  type="button", id="cv-redo", aria_label=t("editor.redo"),
                                  disabled=locked | (EditorState.redo_steps == 0),
                                  on_click=EditorState.redo), content=t("editor.redo")),
        rx.button(rx.cond(locked, rx.icon("lock-open", size=16), rx.icon("lock", size=16)),
                  rx.cond(locked, t("editor.unlock"), t("editor.lock")),
                  size="2", variant=rx.cond(locked, "solid", "soft"), type="button",
                  id="cv-lock", aria_pressed=rx.cond(locked, "true", "false"),
                  on_click=EditorState.set_locked(~locked)),
        spacing="2", align="center", wrap="wrap", role="toolbar", aria_label=t("editor.toolbar"),
    )


def locked_notice() -> rx.Component:
    """Shown above the editor's fields while the CV is locked."""
    return rx.cond(
        EditorState.locked,
        rx.callout.root(
            rx.callout.icon(rx.icon("lock", size=16)),
            rx.callout.text(rx.text(t("editor.locked_title"), weight="bold"), " ",
                            t("editor.locked_note")),
            color_scheme="amber", high_contrast=True, role="status", id="cv-locked-note",
        ),
    )
