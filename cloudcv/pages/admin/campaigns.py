"""``/beheer/campagnes``: compose a marketing campaign, see the count, then send it."""

import reflex as rx

from ...components.i18n import t
from ...state.campaigns import AdminCampaignsState as S
from . import admin_page, field, form_card, table
from ..registry import route


def _row(row) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["subject"]),
        rx.table.cell(row["lang"]),
        rx.table.cell(row["created_at"]),
        rx.table.cell(row["sent_at"]),
        rx.table.cell(row["sent_count"]),
        rx.table.cell(rx.button(t("campaigns.select"), on_click=S.select(row["id"]), size="1",
                                variant="soft", class_name="campaign-select")),
    )


def _compose() -> rx.Component:
    return form_card(
        S.create,
        rx.heading(t("campaigns.title"), size="4", as_="h2"),
        field("subject", "campaigns.subject", required=True),
        field("body", "campaigns.body", required=True, multiline=True),
        rx.flex(rx.el.label(t("campaigns.lang"), html_for="admin-lang", class_name="cv-label"),
                rx.el.select(rx.el.option(t("campaigns.lang.nl"), value="nl"),
                             rx.el.option(t("campaigns.lang.en"), value="en"),
                             id="admin-lang", name="lang", default_value="nl"),
                direction="column", spacing="1"),
        rx.button(t("campaigns.create"), type="submit", width="fit-content", id="campaign-create"),
    )


def _selected() -> rx.Component:
    return rx.cond(S.selected_id != "", rx.card(rx.flex(
        rx.text(t("campaigns.selected"), " ", S.selected_subject, weight="bold"),
        rx.text(S.count_text, id="campaign-count", role="status"),
        rx.button(t("campaigns.send"), on_click=S.send, color_scheme="red", width="fit-content",
                  id="campaign-send", disabled=S.count <= 0),
        direction="column", spacing="2"), size="2"))


@route("/beheer/campagnes", title="title.admin_campaigns", on_load=S.load)
def campaigns_page() -> rx.Component:
    return admin_page(
        "campaigns", _compose(), _selected(),
        table(["campaigns.col.subject", "campaigns.col.lang", "campaigns.col.created",
               "campaigns.col.sent", "campaigns.col.count", "campaigns.select"], S.rows, _row,
              id_="campaign-list"))
