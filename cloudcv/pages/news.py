"""``/nieuwsbrief`` and ``/nieuwsbrief/bevestigen``: news by mail on request (§3.3.1)."""

import reflex as rx

from ..components.fields import field, form, form_error
from ..components.i18n import t
from ..components.layout import card, page
from ..state.base import AppState
from ..state.news import NewsConfirmState, NewsState
from .registry import route


@route("/nieuwsbrief", title="title.news", on_load=AppState.load)
def news() -> rx.Component:
    return page(card(
        rx.heading(t("news.title"), size="7", as_="h1"),
        rx.text(t("news.intro"), color_scheme="gray"),
        rx.cond(
            NewsState.done,
            rx.callout(NewsState.done_message, icon="circle-check", color_scheme="green",
                       role="status", id="done-message"),
            form(
                NewsState, "news-form", "news.submit",
                field(NewsState, "name", "news.name", autocomplete="name", required=True),
                field(NewsState, "organisation", "news.organisation", autocomplete="organization"),
                field(NewsState, "email", "news.email", type_="email", autocomplete="email",
                      required=True),
                rx.el.input(name="website", tab_index=-1, auto_complete="off", aria_hidden="true",
                            class_name="cv-honeypot"),
                rx.text(t("marketing.visitor.consent"), size="1", color_scheme="gray"),
            ),
        ),
    ), narrow=True)


@route("/nieuwsbrief/bevestigen", title="title.news_confirm",
       on_load=[AppState.load, NewsConfirmState.confirm])
def news_confirm() -> rx.Component:
    return page(card(
        rx.heading(t("news.confirm_title"), size="7", as_="h1"),
        rx.cond(NewsConfirmState.done,
                rx.callout(NewsConfirmState.done_message, icon="circle-check", color_scheme="green",
                           role="status", id="done-message")),
        form_error(NewsConfirmState),
    ), narrow=True)
