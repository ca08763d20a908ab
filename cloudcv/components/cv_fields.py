"""Autosaving editor inputs. Inputs are uncontrolled (``default_value``) and remounted per
load via ``EditorState.form_key``; every change is saved debounced and again on blur."""

from __future__ import annotations

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

from ..state.cvs import EditorState
from .fields import checkbox
from .i18n import t

DEBOUNCE_MS = 700

# Changes typed on this page, counted in the browser (no round trip per keystroke). Every save
# carries the count it covers; the badge says "Opslaan…" while the count is ahead of what the
# server has acknowledged (``EditorState.acked``), so "Opgeslagen" never shows over unsaved text.
TYPED = ClientStateVar.create("cv_typed", default=0)


def _typed(save):
    """on_change: count the change now, save debounced with the count it covers."""
    return lambda v: [TYPED.set_value(TYPED.value + 1), save(v, TYPED.value + 1)
                      .debounce(DEBOUNCE_MS)]


def unsaved() -> rx.Var:
    """Whether the page holds typed text that no save has acknowledged yet."""
    return TYPED.value > EditorState.acked


def reset_typed():
    """on_mount of the editor's form (remounted per load, as ``acked`` resets): count anew."""
    return TYPED.set_value(0)


def _error(key) -> rx.Component:
    return rx.cond(EditorState.errors.contains(key),
                   rx.text(EditorState.errors[key], color_scheme="red", size="2", role="alert",
                           class_name="cv-field-error"))


def labelled(field_id, label, control, *, error_key, hint=None) -> rx.Component:
    """A label above a control, with the field's error under it."""
    return rx.flex(
        rx.el.label(label, html_for=field_id, class_name="cv-label"),
        control,
        rx.cond(hint is not None, rx.text(hint if hint is not None else "", size="1",
                                          color_scheme="gray")),
        _error(error_key),
        direction="column", spacing="1", width="100%",
    )


def text_field(name: str, *, label_key: str | None = None, type_: str = "text",
               hint_key: str | None = None, datalist: str | None = None,
               autocomplete: str = "off", multiline: bool = False) -> rx.Component:
    """A CV text field, saved as the user types (debounced) and when it loses focus."""
    field_id = f"cv-{name}"
    common = dict(
        id=field_id, default_value=EditorState.values[name], width="100%", dir="auto",
        on_change=_typed(lambda v, seq: EditorState.save_field(name, v, seq)),
        on_blur=lambda v: EditorState.save_field(name, v, TYPED.value),
    )
    if multiline:
        control = rx.text_area(rows="5", resize="vertical", size="2", **common)
    else:
        control = rx.input(type=type_, auto_complete=autocomplete, size="2",
                           **({"list": datalist} if datalist else {}), **common)
    return labelled(field_id, t(label_key or f"editor.{name}"), control, error_key=name,
                    hint=t(hint_key) if hint_key else None)


def omit_switch(name: str) -> rx.Component:
    """'Not in PDF' for an optional-sensitive field: kept, but left out of the export."""
    return checkbox(t("editor.omit"), size="1", gray=True,
                    aria_label=t(f"editor.omit_field.{name}"),
                    checked=EditorState.omit.contains(name),
                    on_change=lambda on: EditorState.set_omit(name, on), id=f"omit-{name}")


def entry_input(entry, name: str, label, *, type_: str = "text", multiline: bool = False,
                placeholder: str = ""):
    """One field of a CV entry (work, education, ...), saved as typed and on leaving it."""
    field_id = f"entry-{name}-" + entry["id"]
    common = dict(
        id=field_id, default_value=entry[name], width="100%", dir="auto",
        on_change=_typed(lambda v, seq: EditorState.save_entry(entry["id"], name, v, seq)),
        on_blur=lambda v: EditorState.save_entry(entry["id"], name, v, TYPED.value),
    )
    control = (rx.text_area(rows="4", resize="vertical", size="2", **common) if multiline
               else rx.input(type=type_, size="2", placeholder=placeholder, **common))
    return labelled(field_id, label, control, error_key=entry["id"] + "." + name)


def datalist(list_id: str, options: list[str]) -> rx.Component:
    """Suggestions for an input (an HTML datalist)."""
    return rx.el.datalist(*[rx.el.option(value=o) for o in options], id=list_id)


def labelled_upload(label, *children, **props) -> rx.Component:
    """``rx.upload.root`` whose file input has a name: Reflex renders react-dropzone's
    (visually hidden) <input type=file> without a label or a way to pass one."""
    upload = rx.upload.root(*children, **props)
    zone = upload.children[0]
    file_input = zone.children[0]
    assert getattr(file_input, "tag", None) == "input", "rx.upload changed its structure"
    file_input.custom_attrs["aria-label"] = label
    return upload
