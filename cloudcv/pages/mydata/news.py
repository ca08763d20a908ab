"""The news checkbox of Mijn gegevens (§3.3.1): unticked until the user ticks it."""

import reflex as rx

from ...components.fields import checkbox
from ...components.i18n import t
from ...components.layout import card
from ...state.news import MyNewsState


def news() -> rx.Component:
    return card(
        rx.heading(t("mydata.news.title"), size="5", as_="h2"),
        checkbox(t("marketing.optin.checkbox"), checked=MyNewsState.news,
                 on_change=MyNewsState.set_news, id="news-checkbox"),
        on_mount=MyNewsState.load_news,
    )
