"""``/cv/importeren``: review a CV read from a PDF or Word file, then create it (issue 22)."""

import reflex as rx

from ..components.cv_fields import labelled_upload
from ..components.fields import checkbox
from ..components.i18n import t, t_prefixed
from ..components.layout import card, link_button, page
from ..services.cv.entries import CEFR
from ..state.importing import ImportState as S
from .registry import route

ACCEPT = {"application/pdf": [".pdf"],
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"]}


def _problem(key) -> rx.Component:
    return rx.cond(S.problems.contains(key),
                   rx.text(S.problems[key], color_scheme="red", size="2", role="alert"))


def _upload() -> rx.Component:
    return card(
        rx.heading(t("import.upload_title"), size="4", as_="h2"),
        rx.text(t("import.upload_lead"), size="2", color_scheme="gray"),
        rx.flex(
            labelled_upload(
                t("import.choose"),
                rx.button(rx.icon("file-up", size=16), t("import.choose"), variant="soft", type="button"),
                id="cv-document", accept=ACCEPT, max_files=1, multiple=False, no_drag=False,
                on_drop=S.upload(rx.upload_files(upload_id="cv-document")),
            ),
            rx.cond(S.reading_file, rx.flex(rx.spinner(size="2"), rx.text(t("import.reading"), size="2"),
                                            spacing="2", align="center")),
            spacing="3", align="center", wrap="wrap",
        ),
    )


def _field(f) -> rx.Component:
    field_id = "import-f-" + f["name"]
    label = t_prefixed("editor.", f["name"])
    control = rx.cond(
        (f["name"] == "profile") | (f["name"] == "other_info"),
        rx.text_area(dir="auto", id=field_id, default_value=f["value"], rows="4", width="100%",
                     on_blur=lambda v: S.set_field(f["name"], v), disabled=f["keep"] == ""),
        rx.input(dir="auto", id=field_id, default_value=f["value"], width="100%", size="2",
                 on_blur=lambda v: S.set_field(f["name"], v), disabled=f["keep"] == ""),
    )
    return rx.flex(
        rx.flex(
            rx.el.label(label, html_for=field_id, class_name="cv-label"),
            checkbox(t("import.keep"), checked=f["keep"] == "1", size="2", gray=True,
                     aria_label=t("import.keep") + ": " + label,
                     on_change=lambda on: S.keep_field(f["name"], on)),
            justify="between", align="center", spacing="3",
        ),
        control,
        _problem(f["name"]),
        # 8 px between the keep box and the field: a 24 px target circle (WCAG 2.5.8) fits
        direction="column", spacing="2", width="100%",
    )


def _entry_input(e, name: str, label, **props) -> rx.Component:
    field_id = "import-" + e["key"] + "-" + name
    return rx.flex(
        rx.el.label(label, html_for=field_id, class_name="cv-label"),
        rx.input(dir="auto", id=field_id, default_value=e[name], size="2", width="100%",
                 on_blur=lambda v: S.set_entry(e["key"], name, v), disabled=e["keep"] == "", **props),
        _problem(e["key"] + "." + name),
        direction="column", spacing="1", flex="1", min_width="9rem",
    )


def _keep_entry(e, section) -> rx.Component:
    return checkbox(t("import.keep"), checked=e["keep"] == "1", size="2", gray=True,
                    aria_label=t("import.keep") + ": " + section + " " + e["title"],
                    on_change=lambda on: S.keep_entry(e["key"], on))


def _level(e) -> rx.Component:
    field_id = "import-" + e["key"] + "-level"
    return rx.flex(
        rx.el.label(t("editor.entry.level"), html_for=field_id, class_name="cv-label"),
        rx.el.select(
            rx.el.option(t("editor.entry.level_none"), value=""),
            *[rx.el.option(t(f"cv.cefr.{c}"), value=c) for c in CEFR],
            id=field_id, default_value=e["level"], class_name="md-select cv-select",
            on_change=lambda v: S.set_entry(e["key"], "level", v), disabled=e["keep"] == "",
        ),
        direction="column", spacing="1",
    )


def _short_entry(e, section) -> rx.Component:
    """A skill or a language: one row (title, level, keep)."""
    return rx.card(
        rx.flex(
            rx.badge(section, variant="soft", size="2"),
            _entry_input(e, "title", t("import.entry_title")),
            rx.cond(e["section"] == "languages", _level(e)),
            _keep_entry(e, section),
            spacing="3", align="end", wrap="wrap",
        ),
        size="1", class_name="import-entry", opacity=rx.cond(e["keep"] == "1", "1", "0.6"),
    )


def _dated_entry(e, section) -> rx.Component:
    """A job, a study or an entry of one's own: every field of the editor."""
    return rx.card(
        rx.flex(
            rx.flex(rx.badge(section, variant="soft", size="2"), _keep_entry(e, section),
                    justify="between", align="center", spacing="3"),
            rx.flex(
                _entry_input(e, "title", t("import.entry_title")),
                _entry_input(e, "organisation", t("import.entry_organisation")),
                _entry_input(e, "location", t("editor.entry.location")),
                spacing="3", wrap="wrap",
            ),
            rx.flex(
                _entry_input(e, "start", t("editor.entry.start"), placeholder="mm-jjjj"),
                _entry_input(e, "end", t("editor.entry.end"), placeholder="mm-jjjj"),
                rx.box(checkbox(t("editor.entry.current"), checked=e["current"] == "1", size="2",
                                on_change=lambda on: S.set_entry(e["key"], "current", rx.cond(on, "1", ""))),
                       padding_top="1.4rem"),
                spacing="3", wrap="wrap", align="start",
            ),
            rx.flex(
                rx.el.label(t("editor.entry.description"), html_for="import-" + e["key"] + "-description",
                            class_name="cv-label"),
                rx.text_area(dir="auto", id="import-" + e["key"] + "-description", default_value=e["description"],
                             rows="3", width="100%", disabled=e["keep"] == "",
                             on_blur=lambda v: S.set_entry(e["key"], "description", v)),
                _problem(e["key"] + ".description"),
                direction="column", spacing="1",
            ),
            direction="column", spacing="3",
        ),
        size="2", class_name="import-entry", opacity=rx.cond(e["keep"] == "1", "1", "0.6"),
    )


def _entry(e) -> rx.Component:
    section = rx.cond(e["section_title"] != "", e["section_title"], t_prefixed("cv.section.", e["section"]))
    return rx.cond((e["section"] == "skills") | (e["section"] == "languages"),
                   _short_entry(e, section), _dated_entry(e, section))


def _review() -> rx.Component:
    return rx.flex(
        rx.cond(S.notes.length() > 0, rx.callout.root(
            rx.callout.text(rx.foreach(S.notes, lambda n: rx.text(n, size="2"))),
            color_scheme="amber", role="status", high_contrast=True)),
        card(
            rx.heading(t("import.details"), size="4", as_="h2"),
            rx.grid(rx.foreach(S.fields, _field), columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="4", width="100%"),
            id="import-fields",
        ),
        rx.cond(S.entries.length() > 0, rx.flex(
            rx.heading(t("import.entries"), size="4", as_="h2"),
            rx.foreach(S.entries, _entry),
            direction="column", spacing="3", id="import-entries",
        )),
        rx.cond(S.leftover.length() > 0, card(
            rx.heading(t("import.leftover"), size="4", as_="h2"),
            rx.text(t("import.leftover_lead"), size="2", color_scheme="gray"),
            rx.el.ul(rx.foreach(S.leftover, lambda x: rx.el.li(rx.text(x, size="2"))),
                     class_name="cv-plain-list"),
            id="import-leftover",
        )),
        rx.flex(
            rx.button(rx.icon("check", size=16), t("import.create"), size="3", on_click=S.create,
                      id="import-create"),
            rx.button(t("import.discard"), size="3", variant="soft", color_scheme="gray",
                      on_click=S.discard, id="import-discard"),
            spacing="3", wrap="wrap",
        ),
        direction="column", spacing="5", width="100%",
    )


@route("/cv/importeren", title="title.import", on_load=S.require_login)
def import_review() -> rx.Component:
    return page(
        rx.flex(
            rx.heading(t("import.title"), size="8", as_="h1"),
            rx.text(t("import.lead"), color_scheme="gray", size="3"),
            direction="column", spacing="2",
        ),
        rx.cond(S.error != "", rx.callout.root(rx.callout.text(S.error), color_scheme="red",
                                               role="alert", id="import-error", high_contrast=True)),
        rx.cond(S.has_review, _review(), _upload()),
        link_button(t("import.back"), "/cv", variant="ghost", size="2"),
    )
