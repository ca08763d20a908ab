"""``/cv/[cv_id]``: the CV editor with autosave and a live preview of the real PDF."""

import reflex as rx

from ..components.cv_fields import (datalist, entry_input, labelled, labelled_upload, omit_switch,
                                     reset_typed, text_field, unsaved)
from ..components.fields import checkbox
from ..components.i18n import t
from ..components.layout import card, link_button, page
from ..components.cv_preview import preview_image, unprintable_warning
from ..components.editor_toolbar import locked_notice, toolbar
from ..components.layout_panel import layout_panel
from ..components.recipients import recipients_card
from ..components.letters_card import letters_card
from ..components.versions_card import versions_card
from ..components.sections_panel import sections_panel
from ..i18n.printed import CV_LANG_NAMES
from ..services.cv.cvs import ACCENTS, LICENCES
from ..services.cv.entries import CEFR
from ..state.cvs import EditorState
from .registry import route

NATIONALITIES = ["Nederlandse", "Belgische", "Duitse", "Britse", "Franse", "Poolse", "Turkse",
                 "Marokkaanse", "Surinaamse", "Spaanse", "Italiaanse", "Oekraïense", "Dutch",
                 "Belgian", "German", "British"]
GENDERS = ["vrouw", "man", "non-binair", "female", "male", "non-binary"]
MARITAL = ["ongehuwd", "gehuwd", "samenwonend", "geregistreerd partner", "gescheiden",
           "weduwe/weduwnaar", "single", "married", "living together"]


def _status() -> rx.Component:
    return rx.cond(
        unsaved(),
        rx.badge(rx.spinner(size="1"), t("editor.saving"), color_scheme="gray",
                 id="save-status", size="2"),
        rx.match(
            EditorState.status,
            ("saved", rx.badge(rx.icon("check", size=12), t("editor.saved"),
                               color_scheme="green", id="save-status", size="2")),
            ("error", rx.badge(rx.icon("triangle-alert", size=12), t("editor.not_saved"),
                               color_scheme="red", id="save-status", size="2")),
            rx.fragment(),
        ),
    )


def _grid(*children) -> rx.Component:
    return rx.grid(*children, columns=rx.breakpoints(initial="1", sm="2"), spacing="4",
                   width="100%")


def _section_header(section: str, title_key: str) -> rx.Component:
    return rx.flex(
        rx.heading(rx.cond(EditorState.section_names.contains(section),
                           EditorState.section_names[section], t(title_key)), size="5", as_="h2"),
        rx.el.label(
            rx.switch(checked=EditorState.hidden.contains(section), size="1",
                      on_change=lambda on: EditorState.set_hidden(section, on),
                      id=f"hide-{section}"),
            rx.text(t("editor.hide_section"), size="1", color_scheme="gray"),
            class_name="cv-inline-check",
        ),
        justify="between", align="center", wrap="wrap", spacing="2",
    )


def _personal() -> rx.Component:
    return card(
        rx.heading(t("editor.personal"), size="5", as_="h2"),
        _grid(
            text_field("full_name", autocomplete="name"),
            text_field("headline"),
            text_field("email", type_="email", autocomplete="email"),
            text_field("email_business", type_="email"),
            text_field("phone", type_="tel", autocomplete="tel"),
            text_field("website", type_="url"),
            text_field("street", autocomplete="street-address"),
            rx.grid(text_field("postal_code", autocomplete="postal-code"),
                    text_field("city", autocomplete="address-level2"), columns="2", spacing="3"),
            text_field("country", autocomplete="country-name"),
            text_field("alias", hint_key="editor.alias_hint"),
        ),
        rx.separator(size="4"),
        rx.callout(t("editor.optional_hint"), icon="info", size="1", variant="surface"),
        _grid(
            rx.flex(
                labelled("cv-birth_date", t("editor.birth_date"),
                         rx.input(dir="auto", id="cv-birth_date", size="2", width="100%", placeholder="dd-mm-jjjj",
                                  input_mode="numeric",
                                  default_value=EditorState.birth_date,
                                  on_blur=EditorState.save_birth_date,
                                  on_change=EditorState.save_birth_date.debounce(900)),
                         error_key="birth_date"),
                omit_switch("birth_date"), direction="column", spacing="1"),
            rx.flex(text_field("nationality", hint_key="editor.nationality_hint",
                               datalist="nationalities"),
                    omit_switch("nationality"), direction="column", spacing="1"),
            rx.flex(text_field("gender", hint_key="editor.gender_hint", datalist="genders"),
                    omit_switch("gender"), direction="column", spacing="1"),
            rx.flex(text_field("marital_status", hint_key="editor.marital_hint",
                               datalist="marital"),
                    omit_switch("marital_status"), direction="column", spacing="1"),
        ),
        datalist("nationalities", NATIONALITIES),
        datalist("genders", GENDERS),
        datalist("marital", MARITAL),
        rx.el.fieldset(
            rx.el.legend(t("editor.driving_licence"), class_name="cv-label"),
            rx.flex(
                *[checkbox(code, size="1", text_size="2",
                           aria_label=t("editor.driving_licence") + " " + code,
                           checked=EditorState.licences.contains(code),
                           on_change=lambda on, c=code: EditorState.toggle_licence(c, on))
                  for code in LICENCES],
                wrap="wrap", spacing="3",
            ),
            class_name="cv-fieldset",
        ),
    )


def _photo() -> rx.Component:
    return card(
        rx.heading(t("editor.photo"), size="5", as_="h2"),
        rx.text(t("editor.photo_hint"), size="2", color_scheme="gray"),
        rx.flex(
            labelled_upload(
                t("editor.photo_choose"),
                rx.button(rx.icon("image-up", size=16), t("editor.photo_choose"), variant="soft",
                          type="button"),
                id="photo", accept={"image/jpeg": [".jpg", ".jpeg"], "image/png": [".png"],
                                    "image/webp": [".webp"]},
                max_files=1, multiple=False, no_drag=False,
                on_drop=EditorState.upload_photo(rx.upload_files(upload_id="photo")),
            ),
            rx.cond(EditorState.has_photo,
                    rx.button(rx.icon("trash-2", size=16), t("editor.photo_remove"),
                              variant="soft", color_scheme="red", type="button",
                              on_click=EditorState.remove_photo, id="remove-photo")),
            rx.cond(EditorState.uploading, rx.flex(rx.spinner(size="2"),
                                                   rx.text(t("editor.photo_uploading"), size="2"),
                                                   spacing="2", align="center")),
            omit_switch("photo"),
            spacing="3", align="center", wrap="wrap",
        ),
        rx.cond(EditorState.errors.contains("photo"),
                rx.text(EditorState.errors["photo"], color_scheme="red", size="2", role="alert",
                        id="photo-error")),
    )


def _free_text(section: str, name: str) -> rx.Component:
    return card(
        _section_header(section, f"editor.{name}"),
        text_field(name, multiline=True,
                   hint_key="editor.profile_hint" if name == "profile" else None),
    )


def _private_note() -> rx.Component:
    return card(
        rx.flex(rx.icon("lock", size=16, aria_hidden="true"),
                rx.heading(t("editor.private_note"), size="5", as_="h2"),
                spacing="2", align="center"),
        text_field("private_note", multiline=True, hint_key="editor.private_note_hint"),
    )


def _entry(section: str):
    """One entry's card; ``section`` "own" for an entry of a section of the user's own
    (title, subtitle, place, period, text: like a job)."""
    full = section in ("work", "education", "own")

    def render(entry) -> rx.Component:
        has_org = has_dates = full
        fields = [entry_input(entry, "title", t(f"editor.entry.{section}.title"))]
        if has_org:
            fields += [entry_input(entry, "organisation", t(f"editor.entry.{section}.organisation")),
                       entry_input(entry, "location", t("editor.entry.location"))]
        if has_dates:
            fields += [
                rx.grid(
                    entry_input(entry, "start", t("editor.entry.start"), placeholder="mm-jjjj"),
                    rx.cond(entry["current"] == "1",
                            rx.fragment(),
                            entry_input(entry, "end", t("editor.entry.end"), placeholder="mm-jjjj")),
                    columns="2", spacing="3"),
                checkbox(t("editor.entry.current"), size="1", text_size="2",
                         checked=entry["current"] == "1",
                         on_change=lambda on: EditorState.set_entry_flag(entry["id"], "current", on)),
            ]
        if section == "languages":
            fields.append(labelled(
                "entry-level-" + entry["id"], t("editor.entry.level"),
                # Native selects: an open Radix select hides the page with aria-hidden while
                # its fields stay focusable (axe: aria-hidden-focus).
                rx.el.select(
                    rx.el.option(t("editor.entry.level_none"), value=""),
                    *[rx.el.option(t(f"cv.cefr.{lvl}"), value=lvl) for lvl in CEFR],
                    id="entry-level-" + entry["id"], value=entry["level"],
                    class_name="md-select cv-select",
                    on_change=lambda v: EditorState.save_entry(entry["id"], "level", v)),
                error_key=entry["id"] + ".level"))
        if full:
            fields.append(entry_input(entry, "description", t("editor.entry.description"),
                                      multiline=True))
        return rx.box(
            rx.flex(
                rx.flex(
                    rx.text(rx.cond(entry["title"] != "", entry["title"],
                                    t("editor.entry.untitled")), weight="medium", size="2",
                            color_scheme="gray"),
                    rx.flex(
                        rx.icon_button(rx.icon("arrow-up", size=14), size="1", variant="ghost",
                                       aria_label=t("editor.entry.up"), type="button",
                                       on_click=EditorState.move_entry(entry["id"], -1)),
                        rx.icon_button(rx.icon("arrow-down", size=14), size="1", variant="ghost",
                                       aria_label=t("editor.entry.down"), type="button",
                                       on_click=EditorState.move_entry(entry["id"], 1)),
                        rx.icon_button(rx.icon("trash-2", size=14), size="1", variant="ghost",
                                       color_scheme="red", aria_label=t("editor.entry.delete"),
                                       type="button",
                                       on_click=EditorState.delete_entry(entry["id"])),
                        spacing="2",
                    ),
                    justify="between", align="center",
                ),
                _grid(*fields) if full else rx.flex(*fields, direction="column", spacing="3"),
                direction="column", spacing="3",
            ),
            key=entry["id"], class_name="cv-entry", data_section=section,
        )
    return render


def _entries(section: str) -> rx.Component:
    items = getattr(EditorState, section)
    return card(
        _section_header(section, f"cv.section.{section}"),
        rx.flex(rx.foreach(items, _entry(section)), direction="column", spacing="3",
                id=f"entries-{section}"),
        rx.button(rx.icon("plus", size=16), t(f"editor.add.{section}"), variant="soft",
                  type="button", on_click=EditorState.add_entry(section), id=f"add-{section}",
                  align_self="start"),
        _error_line(f"add.{section}"),
    )


def _own(sec) -> rx.Component:
    """The card of one section of the user's own: its entries and an add button."""
    key = sec["key"]
    return card(
        rx.flex(
            rx.heading(sec["title"], size="5", as_="h2"),
            rx.el.label(
                rx.switch(checked=EditorState.hidden.contains(key), size="1",
                          on_change=lambda on: EditorState.set_hidden(key, on), id="hide-" + key),
                rx.text(t("editor.hide_section"), size="1", color_scheme="gray"),
                class_name="cv-inline-check",
            ),
            justify="between", align="center", wrap="wrap", spacing="2",
        ),
        rx.flex(rx.foreach(EditorState.own_entries,
                           lambda e: rx.cond(e["section"] == key, _entry("own")(e))),
                direction="column", spacing="3", id="entries-" + key),
        rx.button(rx.icon("plus", size=16), t("editor.add.own"), variant="soft", type="button",
                  on_click=EditorState.add_entry(key), id="add-" + key, align_self="start"),
        rx.cond(EditorState.errors.contains("add." + key),
                rx.text(EditorState.errors["add." + key], color_scheme="red", size="2", role="alert")),
        key=key,
    )


def _error_line(key: str) -> rx.Component:
    return rx.cond(EditorState.errors.contains(key),
                   rx.text(EditorState.errors[key], color_scheme="red", size="2", role="alert"))


def template_cards() -> list[rx.Component]:
    """One radio card per template in the registry (``services/cv/pdf/registry.py``), in
    its order: its thumbnail (rendered by our own PDF engine) and its label in the UI
    language. The gallery lives in ``components/template_gallery.py``."""
    from ..components.template_gallery import template_cards as gallery_cards

    return gallery_cards()


def _layout() -> rx.Component:
    from ..components.template_gallery import template_gallery

    return card(
        rx.heading(t("editor.layout"), size="5", as_="h2"),
        template_gallery(),
        rx.flex(
            rx.text(t("editor.accent"), class_name="cv-label", id="accent-label"),
            # Real buttons (Enter and Space work), named by colour, the chosen one pressed.
            rx.flex(*[rx.el.button(
                type="button", aria_label=t(f"editor.accent_name.{colour.lstrip('#')}"),
                aria_pressed=rx.cond(EditorState.accent == colour, "true", "false"),
                on_click=EditorState.set_accent(colour), class_name="cv-swatch",
                background_color=colour, border="0",
                outline=rx.cond(EditorState.accent == colour, "3px solid var(--accent-8)", "none"),
            ) for colour in ACCENTS], spacing="2", wrap="wrap", role="group",
                aria_labelledby="accent-label"),
            direction="column", spacing="1",
        ),
        labelled("cv-lang", t("editor.cv_lang"), rx.el.select(
            *[rx.el.option(name, value=code, lang=code) for code, name in CV_LANG_NAMES.items()],
            id="cv-lang", value=EditorState.cv_lang, on_change=EditorState.set_cv_lang,
            class_name="md-select cv-select"),
            error_key="lang"),
    )


# Every format a CV downloads in (issue 22); the PDF last, as the main action.
DOWNLOADS = (("docx", "file-type", "editor.download_docx", EditorState.docx_href),
             ("markdown", "file-text", "editor.download_markdown", EditorState.markdown_href),
             ("json", "braces", "editor.download_json", EditorState.resume_href),
             ("pdf", "download", "editor.download", EditorState.download_href))


def _preview() -> rx.Component:
    return rx.box(
        rx.flex(
            rx.heading(t("editor.preview"), size="4", as_="h2"),
            rx.flex(
                *[rx.button(
                    rx.link(rx.icon(icon, size=16), t(label), href=href, download="",
                            reload_document=True, underline="none", id=f"download-{kind}"),
                    as_child=True, size="2", variant="solid" if kind == "pdf" else "soft")
                  for kind, icon, label, href in DOWNLOADS],
                spacing="2", wrap="wrap",
            ),
            justify="between", align="center",
        ),
        rx.el.label(
            rx.switch(checked=EditorState.anonymous, size="1", id="cv-anonymous",
                      on_change=EditorState.set_anonymous),
            rx.text(t("editor.anonymous"), size="2", weight="medium"),
            class_name="cv-inline-check",
        ),
        rx.cond(EditorState.anonymous,
                rx.text(t("editor.anonymous_hint"), size="1", color_scheme="gray", id="cv-anonymous-hint")),
        unprintable_warning(),
        preview_image(),
        class_name="cv-preview-pane",
    )


@route("/cv/[cv_id]", title="title.editor", on_load=EditorState.load)
def editor() -> rx.Component:
    return page(
        rx.cond(
            EditorState.found,
            rx.cond(
                EditorState.loaded,
                rx.flex(
                    rx.flex(
                        rx.link(rx.flex(rx.icon("arrow-left", size=16), t("editor.back"),
                                        align="center", spacing="1"), href="/cv", size="2"),
                        rx.flex(
                            rx.flex(rx.heading(EditorState.title, size="7", as_="h1", id="cv-title"),
                                    _status(), align="center", spacing="3", wrap="wrap"),
                            toolbar(),
                            justify="between", align="center", spacing="3", wrap="wrap"),
                        locked_notice(),
                        direction="column", spacing="2",
                    ),
                    rx.grid(
                        rx.flex(
                            # a locked CV: every field and button in here is disabled
                            rx.el.fieldset(
                                _personal(), _photo(), _free_text("profile", "profile"),
                                _entries("work"), _entries("education"), _entries("skills"),
                                _entries("languages"), _free_text("other", "other_info"),
                                rx.foreach(EditorState.own, _own),
                                _layout(), layout_panel(), sections_panel(), _private_note(),
                                disabled=EditorState.locked, class_name="cv-fieldset",
                            ),
                            recipients_card(),
                            letters_card(),
                            versions_card(),
                            direction="column", spacing="4", key=EditorState.form_key,
                            min_width="0", on_mount=reset_typed(),
                        ),
                        _preview(),
                        columns=rx.breakpoints(initial="1", lg="2"), spacing="5", width="100%",
                        class_name="cv-editor-grid",
                    ),
                    direction="column", spacing="5",
                ),
                rx.flex(rx.spinner(size="3"), justify="center", padding="4rem"),
            ),
            rx.flex(rx.heading(t("error.not_found"), size="6", as_="h1", id="not-found"),
                    link_button(t("editor.back"), "/cv", variant="soft"),
                    direction="column", spacing="4", align="start"),
        ),
    )
