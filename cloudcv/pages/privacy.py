"""``/privacy``: the privacy statement (Dutch is the binding text), rendered from the
personal-data registry and the processor table (services/privacy/statement.py).

The statement is compiled into the page: both languages are built as Radix components when
the app is compiled and ``rx.cond`` on the language shows one, so the prerendered HTML
already holds the Dutch text and nothing moves after hydration (it used to arrive through
``on_load``: Lighthouse CLS 0.88). On load the server compares the current rendering with
the one compiled in (``statement.fingerprint``); only when it differs (a processor edited
by an admin, a new statement version in force since the build) does the page switch to
the live text.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import reflex as rx

from ..components.i18n import t
from ..components.layout import page
from ..components.prose import live_blocks, markdown_tree
from ..services.core import db
from ..services.privacy import processors, statement
from ..state.base import AppState
from ..state.retention import PrivacyState
from .registry import route

log = logging.getLogger("cloudcv.privacy")


@lru_cache(maxsize=1)
def compiled_statement() -> dict[str, str]:
    """The statement as the build sees it: the processor table when the database can be
    read, the seeded processors otherwise (the live check corrects the difference)."""
    try:
        views = db.run(processors.list_processors)
    except Exception as exc:  # noqa: BLE001 - a build without a database still builds
        log.warning("privacy statement compiled from the seeded processors (%s)",
                    type(exc).__name__)
        views = processors.defaults()
    return statement.render_all(None, views=views)


def fingerprint() -> str:
    return statement.fingerprint(compiled_statement())


def on_load() -> list:
    """The page's load events; the live check carries the compiled page's fingerprint."""
    return [AppState.load, PrivacyState.load(fingerprint())]


def _compiled(lang: str) -> rx.Component:
    return rx.box(*markdown_tree(compiled_statement()[lang]), lang=lang,
                  id=f"privacy-compiled-{lang}")


@route("/privacy", title="title.privacy", on_load=on_load())
def privacy() -> rx.Component:
    live = rx.cond(AppState.lang == "en", live_blocks(PrivacyState.live_en),
                   live_blocks(PrivacyState.live_nl))
    compiled = rx.cond(AppState.lang == "en", _compiled("en"), _compiled("nl"))
    return page(
        rx.box(rx.cond(PrivacyState.live_nl.length() > 0, live, compiled),
               class_name="cv-prose", id="privacy-text"),
        # beside the statement, not in it (its text is the binding one): what /probeer keeps
        rx.callout.root(
            rx.callout.icon(rx.icon("shield-check", size=16)),
            rx.callout.text(rx.el.strong(t("trial.privacy_title")), " ", t("trial.privacy_text"), " ",
                            rx.link(t("trial.title"), href="/probeer", high_contrast=True)),
            color_scheme="green", high_contrast=True, id="privacy-trial",
        ),
    )
