"""The editor's "Ontvangers" card: the CV's recipients (add, edit, remove, send a personal
link) and the links sent, with their access log and revoke buttons. State:
``state/recipients.py``; texts: ``i18n/catalogs/recipients.py``."""

from __future__ import annotations

import reflex as rx

from ..state.recipients import RecipientsState as S
from .fields import checkbox
from .i18n import t
from .layout import card


def _input(prefix: str, name: str, label_key: str, *, type_: str = "text",
           default=None, required: bool = False) -> rx.Component:
    field_id = f"{prefix}-{name}"
    return rx.flex(
        rx.el.label(t(label_key), html_for=field_id, class_name="cv-label"),
        rx.input(dir="auto", id=field_id, name=name, type=type_, required=required, size="2",
                 width="100%", auto_complete="off",
                 **({"default_value": default} if default is not None else {})),
        direction="column", spacing="1", width="100%",
    )


def _fields(prefix: str, values=None) -> rx.Component:
    def value(name):
        return values[name] if values is not None else None

    return rx.grid(
        _input(prefix, "name", "recipients.name", default=value("name"), required=True),
        _input(prefix, "organisation", "recipients.organisation", default=value("organisation")),
        _input(prefix, "email", "recipients.email", type_="email", default=value("email"),
               required=True),
        _input(prefix, "note", "recipients.note", default=value("note")),
        columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
    )


def _error(key: str) -> rx.Component:
    return rx.cond(S.rec_errors.contains(key),
                   rx.text(S.rec_errors[key], color_scheme="red", size="2", role="alert",
                           id=f"recipients-error-{key}"))


def _edit_form() -> rx.Component:
    return rx.form(
        rx.flex(
            _fields("edit-recipient", S.draft),
            _error("edit"),
            rx.flex(
                rx.button(t("recipients.save"), type="submit", size="2", id="save-recipient"),
                rx.button(t("recipients.cancel"), type="button", size="2", variant="soft",
                          color_scheme="gray", on_click=S.cancel_edit),
                spacing="2", wrap="wrap"),
            direction="column", spacing="3"),
        on_submit=S.save_edit, key=S.editing, id="edit-recipient-form",
    )


def _person(person) -> rx.Component:
    return rx.box(
        rx.cond(
            S.editing == person["id"],
            _edit_form(),
            rx.flex(
                rx.flex(
                    rx.text(person["name"], weight="medium", size="2"),
                    rx.text(rx.cond(person["organisation"] != "",
                                    person["organisation"] + " · ", ""), person["email"],
                            size="2", color_scheme="gray", word_break="break-all"),
                    rx.cond(person["note"] != "",
                            rx.text(person["note"], size="1", color_scheme="gray")),
                    direction="column", spacing="0", min_width="0"),
                rx.flex(
                    rx.button(rx.icon("send", size=14), t("recipients.send"), size="1",
                              type="button", on_click=S.send(person["id"]),
                              class_name="send-recipient"),
                    rx.button(t("recipients.edit"), size="1", variant="soft", type="button",
                              on_click=S.start_edit(person["id"])),
                    rx.button(t("recipients.remove"), size="1", variant="soft",
                              color_scheme="red", type="button",
                              on_click=S.remove(person["id"])),
                    spacing="2", wrap="wrap"),
                justify="between", align="start", wrap="wrap", spacing="2"),
        ),
        key=person["id"], class_name="cv-entry recipient",
    )


def _link(link) -> rx.Component:
    return rx.box(
        rx.flex(
            rx.flex(
                rx.text(link["line"], size="2"),
                rx.badge(link["status_text"], size="1",
                         color_scheme=rx.match(link["status"], ("live", "green"), "gray")),
                spacing="2", align="center", wrap="wrap"),
            rx.cond(link["status"] == "live",
                    rx.button(t("recipients.revoke"), size="1", variant="soft",
                              color_scheme="red", type="button",
                              on_click=S.revoke(link["id"]), class_name="revoke-link")),
            justify="between", align="center", wrap="wrap", spacing="2"),
        rx.text(link["accesses"], size="1", color_scheme="gray", white_space="pre-line",
                class_name="link-accesses"),
        key=link["id"], class_name="cv-entry share-link",
    )


def recipients_card() -> rx.Component:
    """The card; it loads its lists when it appears (the editor has loaded the CV)."""
    return card(
        rx.heading(t("recipients.title"), size="5", as_="h2"),
        rx.text(t("recipients.lead"), size="2", color_scheme="gray"),
        rx.cond(S.rec_message != "",
                rx.callout(S.rec_message, icon="check", color_scheme="green", size="1",
                           role="status", id="recipients-message")),
        rx.flex(rx.foreach(S.people, _person), direction="column", spacing="2",
                id="recipients-list"),
        rx.cond(S.people.length() == 0, rx.text(t("recipients.empty"), size="2",
                                                color_scheme="gray")),
        _error("list"),
        rx.flex(checkbox(t("recipients.anonymous"), size="1", text_size="2",
                         checked=S.send_anonymous, on_change=S.set_send_anonymous,
                         id="send-anonymous"),
                rx.text(t("recipients.anonymous_hint"), size="1", color_scheme="gray"),
                direction="column", spacing="1"),
        rx.cond(S.letter_choices.length() > 0, rx.flex(
            rx.el.label(t("recipients.with_letter"), html_for="send-letter", class_name="cv-label"),
            rx.el.select(
                rx.el.option(t("recipients.no_letter"), value=""),
                rx.foreach(S.letter_choices, lambda c: rx.el.option(c["title"], value=c["id"])),
                id="send-letter", value=S.send_letter, class_name="md-select cv-select",
                on_change=S.set_send_letter),
            rx.text(t("recipients.with_letter_hint"), size="1", color_scheme="gray"),
            direction="column", spacing="1")),
        rx.flex(checkbox(t("recipients.follow"), size="1", text_size="2",
                         checked=S.follow_edits, on_change=S.set_follow, id="follow-edits"),
                rx.text(t("recipients.follow_hint"), size="1", color_scheme="gray"),
                direction="column", spacing="1"),
        rx.form(
            rx.flex(_fields("recipient"), _error("add"),
                    rx.button(rx.icon("user-plus", size=16), t("recipients.add"), type="submit",
                              size="2", variant="soft", id="add-recipient", align_self="start"),
                    direction="column", spacing="3"),
            on_submit=S.add, reset_on_submit=False, key=S.form_round, id="add-recipient-form",
        ),
        rx.cond(S.links.length() > 0, rx.flex(
            rx.separator(size="4"),
            rx.flex(rx.heading(t("recipients.links"), size="4", as_="h3"),
                    rx.button(t("recipients.revoke_all"), size="1", variant="soft",
                              color_scheme="red", type="button", on_click=S.revoke_all,
                              id="revoke-all"),
                    justify="between", align="center", wrap="wrap", spacing="2"),
            rx.flex(rx.foreach(S.links, _link), direction="column", spacing="2",
                    id="share-links"),
            _error("links"),
            direction="column", spacing="3")),
        on_mount=S.load_recipients, id="recipients-card",
    )
