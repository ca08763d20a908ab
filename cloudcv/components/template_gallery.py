"""The editor's template choice as a gallery: one radio card per template of the registry
(``services/cv/pdf/registry.py``), each with a thumbnail our own PDF engine rendered from a
sample CV (``services/cv/gallery.py``, served by ``api.py`` at ``/api/template/<name>.jpg``)
and the template's label under it.

Everything is known at build time: the names and labels come from the registry, the image
addresses carry ``gallery.version()`` (so the browser keeps them for good) and one address per
UI language is compiled in; ``AppState.html_lang`` picks one, so switching language never waits
for the server. The ``<img>`` has its pixel size as attributes (no layout shift while it loads),
``alt=""`` (the card's label names the choice) and ``loading="lazy"``. The grid follows the
width it gets, not the window: two columns of at least ``MIN_CARD`` on a phone, up to five
on a wide form column.
"""

from __future__ import annotations

import reflex as rx

from ..i18n import LANGS
from ..services.cv import gallery
from ..services.cv.pdf import registry
from ..state.base import AppState
from ..state.cvs import EditorState
from .cv_fields import labelled
from .i18n import t

MIN_CARD = "7.5rem"   # 120 px: two cards side by side at a 360 px wide screen
MAX_COLUMNS = 5
GAP = "var(--space-3)"
# as many columns as fit, each at least MIN_CARD and at most MAX_COLUMNS of them
COLUMNS = (f"repeat(auto-fill, minmax(max({MIN_CARD}, calc((100% - {MAX_COLUMNS - 1} * {GAP}) "
           f"/ {MAX_COLUMNS})), 1fr))")


def _by_lang(values: dict[str, str]) -> rx.Var | str:
    """``values[lang]`` for the UI language, every language's value compiled in."""
    return rx.match(AppState.html_lang, *[(lang, values[lang]) for lang in LANGS if lang != "nl"],
                    values["nl"])


def thumbnail_src(name: str, lang: str) -> str:
    """The address of template ``name``'s thumbnail in ``lang`` (``api.py`` serves it)."""
    return f"/api/template/{name}.jpg?lang={lang}&v={gallery.version()}"


def _card(tpl: registry.Template) -> rx.Component:
    width, height = gallery.SIZE
    return rx.radio_cards.item(
        rx.flex(
            rx.el.img(
                src=_by_lang({lang: thumbnail_src(tpl.name, lang) for lang in LANGS}),
                alt="", loading="lazy", decoding="async",
                custom_attrs={"width": str(width), "height": str(height)},
                style={"width": "100%", "height": "auto", "display": "block",
                       "border": "1px solid var(--gray-a5)", "border_radius": "var(--radius-1)",
                       "background": "white"},
            ),
            rx.text(_by_lang(dict(tpl.labels)), size="1", align="center"),
            direction="column", align="center", spacing="2", width="100%",
        ),
        value=tpl.name, id=f"template-{tpl.name}",
        style={"align_items": "stretch", "padding": "var(--space-2)"},
    )


def template_cards() -> list[rx.Component]:
    """One radio card per template in the registry, in its order (ids ``template-<name>``)."""
    return [_card(tpl) for tpl in registry.templates().values()]


def template_gallery() -> rx.Component:
    """The labelled radio group (id ``cv-template``) of :func:`template_cards`."""
    return labelled("cv-template", t("editor.template"), rx.radio_cards.root(
        *template_cards(),
        value=EditorState.template, on_value_change=EditorState.set_template,
        columns=COLUMNS, gap=GAP, size="1", id="cv-template", width="100%"),
        error_key="template")
