"""The editor's "Secties" card: the CV's sections in its order, each with its own name,
moved by drag and drop or, equally, by the up/down buttons (keyboard); per section a
"start on a new page" toggle, a delete button for the user's own sections, and a form that
adds one.

Each row is keyed by its section, so React moves the row (focus stays on the button that
was pressed) and an aria-live line says where the section is now. Drag and drop is
native HTML5; the hook below (compiled into the page, no script text from the server)
only reads the ``data-section-key`` of the dragged row and of the row it is dropped on
and sends both to ``SectionsState.place_section``, which checks them against the known
sections. Handlers: ``state/sections.py``; rules: ``services/cv/sections.py``.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData

from ..services.cv.sections import TITLE_MAX
from ..state.cvs import EditorState
from ..state.sections import SectionsState
from .i18n import t
from .layout import card

LIST_ID = "section-order"
_REACT = VarData(imports={"react": ["useEffect"]})


class _SectionDrag(rx.Fragment):
    """Renders nothing; its hook turns drops on the list into ``place_section`` calls."""

    def add_hooks(self) -> list[str | Var]:
        drop = Var.create(rx.EventChain(
            events=[SectionsState.place_section(Var("dragKey", _var_type=str),
                                                Var("dropKey", _var_type=str))],
            args_spec=lambda: []))
        return [Var(f"""useEffect(() => {{
  let dragKey = "";
  const rowOf = (e) => (e.target instanceof Element ? e.target.closest("#{LIST_ID} [data-section-key]") : null);
  const start = (e) => {{
    const row = rowOf(e);
    if (!row) return;
    dragKey = row.dataset.sectionKey || "";
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", dragKey);
    row.classList.add("cv-dragging");
  }};
  const over = (e) => {{
    const row = rowOf(e);
    if (!row || !dragKey) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
  }};
  const drop = (e) => {{
    const row = rowOf(e);
    if (!row || !dragKey) return;
    e.preventDefault();
    const dropKey = row.dataset.sectionKey || "";
    if (dropKey && dropKey !== dragKey) ({drop!s})();
  }};
  const end = () => {{
    dragKey = "";
    document.querySelectorAll("#{LIST_ID} .cv-dragging").forEach((r) => r.classList.remove("cv-dragging"));
  }};
  document.addEventListener("dragstart", start);
  document.addEventListener("dragover", over);
  document.addEventListener("drop", drop);
  document.addEventListener("dragend", end);
  return () => {{
    document.removeEventListener("dragstart", start);
    document.removeEventListener("dragover", over);
    document.removeEventListener("drop", drop);
    document.removeEventListener("dragend", end);
  }};
}}, []);""", _var_data=VarData.merge(_REACT, drop._get_all_var_data()))]


def _row(row) -> rx.Component:
    key = row["key"]
    title = row["title"]
    return rx.el.li(
        rx.icon("grip-vertical", size=16, aria_hidden="true", class_name="cv-grip"),
        rx.input(dir="auto", 
            # keyed by the name: a reset (or a name saved elsewhere) shows anew
            key=key + "|" + title, id="section-name-" + key,
            default_value=rx.cond(row["custom"] == "1", title, ""),
            placeholder=row["default"], max_length=TITLE_MAX, size="2", required=row["own"] == "1",
            aria_label=t("sections.name_of") + " " + row["default"],
            on_blur=lambda v: SectionsState.rename_section(key, v),
            class_name="cv-section-name",
        ),
        rx.cond(EditorState.hidden.contains(key),
                rx.badge(t("sections.hidden"), color_scheme="gray", size="1")),
        rx.cond(row["new_page"] == "1",
                rx.badge(t("sections.new_page_badge"), color_scheme="blue", size="1")),
        rx.flex(
            rx.icon_button(rx.icon("file-plus-2", size=14), size="1",
                           variant=rx.cond(row["new_page"] == "1", "solid", "ghost"),
                           type="button", id="section-break-" + key,
                           aria_pressed=rx.cond(row["new_page"] == "1", "true", "false"),
                           aria_label=t("sections.new_page") + " " + title,
                           on_click=SectionsState.set_page_break(key, row["new_page"] != "1")),
            rx.cond(row["own"] == "1",
                    rx.icon_button(rx.icon("trash-2", size=14), size="1", variant="ghost",
                                   color_scheme="red", type="button", id="section-delete-" + key,
                                   aria_label=t("sections.delete") + " " + title,
                                   on_click=SectionsState.delete_own_section(key))),
            rx.cond((row["custom"] == "1") & (row["own"] != "1"),
                    rx.icon_button(rx.icon("rotate-ccw", size=14), size="1", variant="ghost",
                                   type="button", id="section-reset-" + key,
                                   aria_label=t("sections.reset") + " " + row["default"],
                                   on_click=SectionsState.reset_section(key))),
            rx.icon_button(rx.icon("arrow-up", size=14), size="1", variant="soft", type="button",
                           id="section-up-" + key, aria_label=t("sections.up") + " " + title,
                           on_click=SectionsState.move_section(key, -1)),
            rx.icon_button(rx.icon("arrow-down", size=14), size="1", variant="soft", type="button",
                           id="section-down-" + key, aria_label=t("sections.down") + " " + title,
                           on_click=SectionsState.move_section(key, 1)),
            spacing="2", align="center", flex_shrink="0",
        ),
        key=key, draggable=True, custom_attrs={"data-section-key": key},
        id="section-row-" + key, class_name="cv-section-row",
    )


def sections_panel() -> rx.Component:
    """The card, as one card of the editor's column."""
    return card(
        _SectionDrag.create(),
        rx.heading(t("sections.title"), size="5", as_="h2", id="sections-title"),
        rx.text(t("sections.intro"), size="2", color_scheme="gray"),
        rx.el.ol(rx.foreach(EditorState.sections, _row), id=LIST_ID, class_name="cv-section-list",
                 aria_labelledby="sections-title"),
        rx.form(
            rx.flex(
                rx.el.label(t("sections.add_label"), html_for="new-section-title", class_name="cv-label"),
                rx.flex(
                    rx.input(dir="auto", name="title", id="new-section-title", max_length=TITLE_MAX, size="2",
                             placeholder=t("sections.add_placeholder"), flex_grow="1"),
                    rx.button(rx.icon("plus", size=16), t("sections.add_button"), type="submit",
                              variant="soft", id="new-section-add"),
                    spacing="2", wrap="wrap",
                ),
                direction="column", spacing="1",
            ),
            on_submit=SectionsState.add_own_section, reset_on_submit=True, id="new-section-form",
        ),
        rx.cond(EditorState.errors.contains("new_section"),
                rx.text(EditorState.errors["new_section"], color_scheme="red", size="2",
                        role="alert", id="new-section-error")),
        rx.text(SectionsState.announced, size="1", color_scheme="gray", role="status",
                aria_live="polite", id="sections-announce"),
        rx.cond(EditorState.errors.contains("sections"),
                rx.text(EditorState.errors["sections"], color_scheme="red", size="2",
                        role="alert", id="sections-error")),
        role="region", aria_labelledby="sections-title", id="sections-panel",
    )
