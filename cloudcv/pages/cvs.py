"""``/cv``: the user's CVs (create, rename, duplicate, delete with confirmation)."""

import reflex as rx

from ..components.cv_fields import labelled_upload
from ..components.i18n import t
from ..components.layout import link_button, page
from ..state.cv_list import CVListState
from ..state.trash import ALL, TrashState
from .importing import ACCEPT as DOCUMENTS
from .registry import route


def _row(item) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.flex(
                rx.link(rx.heading(item["title"], size="4", as_="h2"), href="/cv/" + item["id"]),
                rx.text(t("cvs.updated"), " ", item["updated"], size="2", color_scheme="gray"),
                direction="column", spacing="1", min_width="0", flex="1",
            ),
            rx.flex(
                link_button(t("cvs.open"), "/cv/" + item["id"], size="2"),
                rx.menu.root(
                    rx.menu.trigger(rx.icon_button(rx.icon("ellipsis", size=16), variant="soft",
                                                   size="2",
                                                   aria_label=t("nav.menu") + ": " + item["title"])),
                    rx.menu.content(
                        rx.menu.item(t("cvs.rename"),
                                     on_click=CVListState.start_rename(item["id"], item["title"])),
                        rx.menu.item(t("cvs.duplicate"),
                                     on_click=CVListState.duplicate(item["id"])),
                        rx.menu.separator(),
                        rx.menu.item(t("cvs.delete"), color_scheme="red",
                                     on_click=CVListState.ask_delete(item["id"])),
                    ),
                    modal=False,  # a modal menu aria-hides the focusable page (aria-hidden-focus)
                ),
                spacing="2", align="center",
            ),
            justify="between", align="center", spacing="3", wrap="wrap",
        ),
        size="2", class_name="cv-row",
    )


def _rename_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("cvs.rename")),
            rx.form(
                rx.flex(
                    rx.el.label(t("cvs.new_title"), html_for="rename-title", class_name="cv-label"),
                    rx.input(dir="auto", id="rename-title", name="title", default_value=CVListState.rename_value,
                             size="3", auto_focus=True),
                    rx.cond(CVListState.errors.contains("rename"),
                            rx.text(CVListState.errors["rename"], color_scheme="red", size="2",
                                    role="alert")),
                    rx.flex(
                        rx.button(t("cvs.cancel"), variant="soft", color_scheme="gray",
                                  type="button", on_click=CVListState.cancel_dialogs),
                        rx.button(t("cvs.save"), type="submit"),
                        justify="end", spacing="3",
                    ),
                    direction="column", spacing="3",
                ),
                on_submit=CVListState.rename,
            ),
        ),
        open=CVListState.rename_id != "",
    )


def _delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("cvs.delete_title")),
            rx.alert_dialog.description(t("cvs.delete_text")),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("cvs.cancel"), variant="soft", color_scheme="gray",
                                                 on_click=CVListState.cancel_dialogs)),
                rx.alert_dialog.action(rx.button(t("cvs.delete"), color_scheme="red", high_contrast=True,
                                                 on_click=CVListState.confirm_delete,
                                                 id="confirm-delete")),
                justify="end", spacing="3", margin_top="1rem",
            ),
        ),
        open=CVListState.delete_id != "",
    )


def _listed(heading_key: str, items) -> rx.Component:
    return rx.box(rx.text(t(heading_key), size="2", weight="medium"),
                  rx.el.ul(rx.foreach(items, lambda x: rx.el.li(rx.text(x, size="2"))),
                           class_name="cv-plain-list"))


def _import_card() -> rx.Component:
    """Import a resume.json as a new CV, or a PDF or Word file through the review page
    (issue 22); what did not fit is listed."""
    s = CVListState
    return rx.card(
        rx.flex(
            rx.heading(t("cvs.import_title"), size="4", as_="h2"),
            rx.text(t("cvs.import_any_lead"), size="2", color_scheme="gray"),
            rx.flex(
                labelled_upload(
                    t("cvs.import_any"),
                    rx.button(rx.icon("file-up", size=16), t("cvs.import_any"), variant="soft",
                              type="button"),
                    id="resume", accept={"application/json": [".json"], **DOCUMENTS}, max_files=1,
                    multiple=False, no_drag=False,
                    on_drop=s.import_resume(rx.upload_files(upload_id="resume")),
                ),
                rx.cond(s.importing, rx.flex(rx.spinner(size="2"), rx.text(t("cvs.importing"), size="2"),
                                             spacing="2", align="center")),
                spacing="3", align="center", wrap="wrap",
            ),
            rx.cond(s.errors.contains("import"), rx.callout.root(
                rx.callout.text(s.errors["import"]),
                rx.cond(s.import_problems.length() > 0, _listed("cvs.import_problems", s.import_problems)),
                color_scheme="red", role="alert", id="import-error")),
            rx.cond(s.imported_id != "", rx.callout.root(
                rx.callout.text(t("cvs.imported"), " ",
                                rx.link(t("cvs.import_open"), href="/cv/" + s.imported_id, id="import-open")),
                rx.cond(s.imported_notes.length() > 0, _listed("cvs.import_unmapped", s.imported_notes)),
                color_scheme="green", role="status", id="import-done")),
            direction="column", spacing="3",
        ),
        size="3", id="import-card",
    )


def _trashed(item) -> rx.Component:
    return rx.flex(
        rx.flex(
            rx.text(item["title"], weight="medium", size="3"),
            rx.text(t("trash.erased_on"), " ", item["erased_on"], " (", item["days_left"], " ",
                    t("trash.days_left"), ")", size="2", color_scheme="gray"),
            direction="column", spacing="1", min_width="0", flex="1",
        ),
        rx.flex(
            rx.button(rx.icon("undo-2", size=14), t("trash.restore"), size="2", variant="soft",
                      on_click=TrashState.restore(item["id"]),
                      aria_label=t("trash.restore") + ": " + item["title"]),
            rx.button(t("trash.erase"), size="2", variant="ghost", color_scheme="red",
                      on_click=TrashState.ask_erase(item["id"]),
                      aria_label=t("trash.erase") + ": " + item["title"]),
            spacing="2", align="center", wrap="wrap",
        ),
        justify="between", align="center", spacing="3", wrap="wrap", class_name="trash-row",
        padding_y="2",
    )


def _trash() -> rx.Component:
    """Deleted CVs, 30 days in the trash: restore, erase one now, or empty the trash."""
    return rx.cond(TrashState.items.length() > 0, rx.card(
        rx.flex(
            rx.flex(
                rx.flex(rx.icon("trash-2", size=18, aria_hidden="true"),
                        rx.heading(t("trash.title"), size="4", as_="h2"), spacing="2", align="center"),
                rx.button(t("trash.empty"), size="2", variant="soft", color_scheme="red",
                          on_click=TrashState.ask_erase(ALL), id="empty-trash"),
                justify="between", align="center", spacing="3", wrap="wrap",
            ),
            rx.text(t("trash.lead"), size="2", color_scheme="gray"),
            rx.cond(TrashState.error != "", rx.text(TrashState.error, color_scheme="red", size="2",
                                                    role="alert")),
            rx.flex(rx.foreach(TrashState.items, _trashed), direction="column", spacing="1",
                    id="trash-list"),
            direction="column", spacing="3",
        ),
        size="3", id="trash-card",
    ))


def _erase_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(rx.cond(TrashState.erase_id == ALL, t("trash.empty_title"),
                                          t("trash.erase_title"))),
            rx.alert_dialog.description(t("trash.erase_text")),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("cvs.cancel"), variant="soft", color_scheme="gray",
                                                 on_click=TrashState.cancel_erase)),
                rx.alert_dialog.action(rx.button(t("trash.erase"), color_scheme="red", high_contrast=True,
                                                 on_click=TrashState.confirm_erase, id="confirm-erase")),
                justify="end", spacing="3", margin_top="1rem",
            ),
        ),
        open=TrashState.erase_id != "",
    )


@route("/cv", title="title.cvs", on_load=CVListState.load)
def cv_list() -> rx.Component:
    return page(
        rx.flex(
            rx.heading(t("cvs.title"), size="8", as_="h1"),
            rx.text(t("cvs.lead"), color_scheme="gray", size="3"),
            direction="column", spacing="2",
        ),
        rx.card(
            rx.form(
                rx.flex(
                    rx.flex(
                        rx.el.label(t("cvs.new_title"), html_for="new-title", class_name="cv-label"),
                        rx.input(dir="auto", id="new-title", name="title", size="3",
                                 placeholder=t("cvs.new_placeholder"), width="100%"),
                        rx.cond(CVListState.errors.contains("title"),
                                rx.text(CVListState.errors["title"], color_scheme="red", size="2",
                                        role="alert", id="new-title-error")),
                        direction="column", spacing="1", flex="1", min_width="14rem",
                    ),
                    rx.button(rx.icon("plus", size=16), t("cvs.create"), type="submit", size="3",
                              id="create-cv"),
                    align="end", spacing="3", wrap="wrap",
                ),
                on_submit=CVListState.create, reset_on_submit=True,
            ),
            size="3",
        ),
        _import_card(),
        rx.cond(CVListState.errors.contains("list"),
                rx.callout(CVListState.errors["list"], color_scheme="red", icon="triangle_alert")),
        rx.cond(
            CVListState.items.length() > 0,
            rx.flex(rx.foreach(CVListState.items, _row), direction="column", spacing="3",
                    id="cv-list"),
            rx.text(t("cvs.empty"), color_scheme="gray", id="cv-empty"),
        ),
        _trash(),
        _rename_dialog(),
        _delete_dialog(),
        _erase_dialog(),
    )
