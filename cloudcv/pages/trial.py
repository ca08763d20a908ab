"""``/probeer``: build and download a CV without an account (issue 23). A plain form: the
values stay in this tab (no state on the server), the PDF is made by ``POST
/api/probeer/cv.pdf`` and nothing is kept (``services/cv/trial.py``)."""

import reflex as rx

from ..components.i18n import t
from ..components.layout import card, link_button, page
from ..components.native_form import native_form
from ..i18n.printed import CV_LANG_NAMES
from ..services.cv import trial
from ..state.base import AppState
from ..services.cv.cvs import ACCENTS, TEXT_FIELDS
from ..services.cv.entries import ENTRY_FIELDS
from ..services.cv.pdf import registry
from .registry import route

_KIND = {"email": "email", "phone": "tel", "url": "text"}


def _label(field_id: str, text) -> rx.Component:
    return rx.el.label(text, html_for=field_id, class_name="cv-label")


def _input(name: str, label, *, limit: int, type_: str = "text", required: bool = False,
           placeholder=None, **props) -> rx.Component:
    field_id = f"trial-{name}"
    return rx.flex(
        _label(field_id, label),
        rx.input(dir="auto", id=field_id, name=name, type=type_, max_length=limit, required=required,
                 size="2", width="100%", placeholder=placeholder, auto_complete="off", **props),
        direction="column", spacing="1", flex="1", min_width="12rem",
    )


def _text(name: str, label, *, limit: int, rows: str = "3", hint=None) -> rx.Component:
    field_id = f"trial-{name}"
    return rx.flex(
        _label(field_id, label),
        rx.text_area(dir="auto", id=field_id, name=name, max_length=limit, rows=rows, width="100%"),
        rx.cond(hint is not None, rx.text(hint if hint is not None else "", size="1", color_scheme="gray")),
        direction="column", spacing="1", width="100%",
    )


def _personal() -> rx.Component:
    fields = [_input(name, t(f"trial.field.{name}"), limit=TEXT_FIELDS[name][0],
                     type_=_KIND.get(TEXT_FIELDS[name][1], "text"), required=name == "full_name")
              for name in trial.PERSONAL if name != "profile"]
    return card(
        rx.heading(t("trial.personal"), size="4", as_="h2"),
        rx.grid(*fields, columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%"),
        _text("profile", t("trial.field.profile"), limit=TEXT_FIELDS["profile"][0], rows="4"),
    )


def _entry(prefix: str, heading, title_label, org_label, current: bool) -> rx.Component:
    limit = {k: v[0] for k, v in ENTRY_FIELDS.items()}
    return rx.box(
        rx.heading(*heading, size="3", as_="h3", margin_bottom="0.5rem"),
        rx.flex(
            _input(f"{prefix}_title", title_label, limit=limit["title"]),
            _input(f"{prefix}_organisation", org_label, limit=limit["organisation"]),
            _input(f"{prefix}_location", t("trial.field.location"), limit=limit["location"]),
            spacing="3", wrap="wrap",
        ),
        rx.flex(
            _input(f"{prefix}_start", t("trial.field.start"), limit=7, type_="month"),
            _input(f"{prefix}_end", t("trial.field.end"), limit=7, type_="month"),
            rx.cond(current, rx.el.label(
                rx.el.input(type="checkbox", name=f"{prefix}_current", value="1",
                            id=f"trial-{prefix}_current"),
                rx.text(t("trial.field.current"), size="2"),
                class_name="cv-check", html_for=f"trial-{prefix}_current",
                display="flex", gap="0.5rem", align_items="center", padding_top="1.4rem")),
            spacing="3", wrap="wrap", margin_top="0.5rem",
        ),
        rx.box(_text(f"{prefix}_description", t("trial.field.description"),
                     limit=limit["description"]), margin_top="0.5rem"),
        class_name="cv-entry",
    )


def _entries() -> rx.Component:
    return card(
        rx.heading(t("trial.work"), size="4", as_="h2"),
        *[_entry(f"work{n}", (t("trial.job_heading"), f" {n + 1}"),
                 t("trial.field.job_title"), t("trial.field.employer"), True)
          for n in range(trial.JOBS)],
        rx.heading(t("trial.education"), size="4", as_="h2"),
        *[_entry(f"edu{n}", (t("trial.study_heading"), f" {n + 1}"),
                 t("trial.field.study"), t("trial.field.school"), False)
          for n in range(trial.STUDIES)],
    )


def _lists() -> rx.Component:
    return card(
        rx.heading(t("trial.more"), size="4", as_="h2"),
        rx.grid(
            _text("skills", t("trial.field.skills"), limit=3000, rows="5", hint=t("trial.one_per_line")),
            _text("languages", t("trial.field.languages"), limit=3000, rows="5",
                  hint=t("trial.one_per_line")),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
        ),
    )


def _layout() -> rx.Component:
    names = registry.templates()
    return card(
        rx.heading(t("trial.layout"), size="4", as_="h2"),
        rx.flex(
            rx.flex(_label("trial-template", t("editor.template")),
                    rx.el.select(*[rx.el.option(rx.cond(AppState.html_lang == "en", tpl.labels["en"],
                                                        tpl.labels["nl"]), value=name)
                                   for name, tpl in names.items()],
                                 id="trial-template", name="template", class_name="md-select cv-select"),
                    direction="column", spacing="1"),
            rx.flex(_label("trial-accent", t("editor.accent")),
                    rx.el.select(*[rx.el.option(t(f"editor.accent_name.{a[1:]}"), value=a) for a in ACCENTS],
                                 id="trial-accent", name="accent", class_name="md-select cv-select"),
                    direction="column", spacing="1"),
            rx.flex(_label("trial-lang", t("editor.cv_lang")),
                    rx.el.select(*[rx.el.option(n, value=c, lang=c) for c, n in CV_LANG_NAMES.items()],
                                 id="trial-lang", name="lang", class_name="md-select cv-select"),
                    direction="column", spacing="1"),
            spacing="4", wrap="wrap",
        ),
    )


@route("/probeer", title="title.trial", on_load=AppState.load)
def trial_page() -> rx.Component:
    return page(
        rx.flex(
            rx.heading(t("trial.title"), size="8", as_="h1"),
            rx.text(t("trial.lead"), color_scheme="gray", size="3"),
            rx.callout.root(rx.callout.icon(rx.icon("shield-check", size=16)),
                            rx.callout.text(t("trial.nothing_kept")), color_scheme="green",
                            high_contrast=True, id="trial-privacy"),
            direction="column", spacing="3",
        ),
        native_form(
            rx.flex(
                _personal(), _entries(), _lists(), _layout(),
                rx.flex(
                    rx.button(rx.icon("download", size=16), t("trial.download"), type="submit",
                              size="3", id="trial-download"),
                    link_button(t("trial.save_account"), "/registreren", variant="soft", size="3"),
                    spacing="3", wrap="wrap", align="center",
                ),
                rx.text(t("trial.save_hint"), size="2", color_scheme="gray"),
                direction="column", spacing="4",
            ),
            action="/api/probeer/cv.pdf", method="post", id="trial-form",
        ),
    )
