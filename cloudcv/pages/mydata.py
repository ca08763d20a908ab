"""``/mijn-gegevens`` (tabs: overview, change, devices, download, restrict and object,
delete), ``/verzoek`` (public request form) and ``/e-mailadres-bevestigen``."""

import reflex as rx

from ..components.fields import field
from ..components.i18n import t
from ..components.layout import card, link_button, page
from ..models.requests import KINDS, OBJECTION_PURPOSES
from ..state.mydata import EmailConfirmState, MyDataState, VerzoekState

S = MyDataState
TABS = (("overzicht", "mydata.tab.overview", "list"),
        ("wijzigen", "mydata.tab.correct", "pencil"),
        ("apparaten", "mydata.tab.devices", "monitor-smartphone"),
        ("downloaden", "mydata.tab.download", "download"),
        ("beperken", "mydata.tab.restrict", "shield-off"),
        ("verwijderen", "mydata.tab.delete", "trash-2"))


def _notice(key: str) -> rx.Component:
    return rx.cond(S.notices.contains(key),
                   rx.callout(S.notices[key], icon="circle-check", color_scheme="green",
                              role="status", width="100%", id=f"notice-{key}"))


def _error(key: str) -> rx.Component:
    return rx.cond(S.errors.contains(key),
                   rx.callout(S.errors[key], icon="triangle_alert", color_scheme="red",
                              role="alert", width="100%", id=f"error-{key}"))


def _submit(label_key: str, **props) -> rx.Component:
    return rx.button(t(label_key), type="submit", size="3", **props)


def _textarea(name: str, label, *, state=S, required: bool = False) -> rx.Component:
    field_id = f"field-{name}"
    return rx.flex(
        rx.el.label(label, html_for=field_id, class_name="cv-label"),
        rx.text_area(id=field_id, name=name, rows="4", width="100%", required=required,
                     aria_describedby=f"{field_id}-error", resize="vertical"),
        rx.cond(state.errors.contains(name),
                rx.text(state.errors[name], id=f"{field_id}-error", role="alert", size="2",
                        color_scheme="red", weight="medium")),
        direction="column", spacing="1", width="100%",
    )


# ---------------------------------------------------------------- overview
def _fact(label_key: str, value) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(t(label_key), min_width="7rem"),
        rx.data_list.value(value),
        align="start",
    )


def _holding(item) -> rx.Component:
    return rx.card(
        rx.flex(
            rx.flex(
                rx.heading(item["title"], size="4", as_="h2"),
                rx.cond(item["empty"] == "1",
                        rx.badge(t("mydata.none"), color_scheme="gray", variant="soft"),
                        rx.badge(item["count"], variant="soft", radius="full")),
                justify="between", align="start", spacing="3",
            ),
            rx.data_list.root(
                _fact("mydata.what", item["what"]),
                _fact("mydata.why", item["why"]),
                _fact("mydata.basis", item["basis"]),
                _fact("mydata.how_long", item["how_long"]),
                rx.cond(item["deletion"] != "", _fact("mydata.deleted_on", item["deletion"])),
                orientation=rx.breakpoints(initial="vertical", sm="horizontal"),
                size="2", spacing="2",
            ),
            rx.cond(item["not_exported"] == "1",
                    rx.text(t("mydata.not_exported"), size="1", color_scheme="gray")),
            direction="column", spacing="3",
        ),
        size="2", class_name="md-holding", custom_attrs={"data-table": item["table"]},
    )


def _overview() -> rx.Component:
    return rx.flex(
        rx.text(t("mydata.overview_lead"), color_scheme="gray", size="3", max_width="46rem"),
        rx.grid(rx.foreach(S.overview, _holding), columns=rx.breakpoints(initial="1", md="2"),
                spacing="4", width="100%", id="holdings"),
        direction="column", spacing="4",
    )


# ---------------------------------------------------------------- correct
def _correct() -> rx.Component:
    return rx.grid(
        card(
            rx.heading(t("mydata.correct.name_title"), size="4", as_="h2"),
            rx.form(
                rx.flex(
                    rx.flex(
                        rx.el.label(t("form.name"), html_for="field-name", class_name="cv-label"),
                        rx.input(id="field-name", name="name", default_value=S.account_name,
                                 key=S.account_name, size="3", width="100%",
                                 auto_complete="name", required=True),
                        rx.cond(S.errors.contains("name"),
                                rx.text(S.errors["name"], role="alert", size="2",
                                        color_scheme="red", id="field-name-error")),
                        direction="column", spacing="1",
                    ),
                    _notice("name"),
                    _submit("mydata.correct.save_name"),
                    direction="column", spacing="3", align="start",
                ),
                on_submit=S.save_name, id="name-form",
            ),
        ),
        card(
            rx.heading(t("mydata.correct.email_title"), size="4", as_="h2"),
            rx.text(S.tr["mydata.correct.email_current"].replace("{email}", S.account_email),
                    size="2", color_scheme="gray", id="current-email"),
            rx.form(
                rx.flex(
                    field(S, "new_email", "mydata.correct.new_email", type_="email",
                          autocomplete="email", hint_key="mydata.correct.email_hint",
                          required=True),
                    field(S, "email_password", "mydata.correct.email_password",
                          type_="password", autocomplete="current-password", required=True),
                    _notice("email"),
                    _submit("mydata.correct.send_link"),
                    direction="column", spacing="3", align="start",
                ),
                on_submit=S.change_email, key=S.form_key, id="email-form",
            ),
        ),
        card(
            rx.heading(t("mydata.correct.cv_title"), size="4", as_="h2"),
            rx.text(t("mydata.correct.cv_text"), size="2", color_scheme="gray"),
            rx.box(link_button(t("mydata.correct.cv_link"), "/cv", variant="soft", size="3")),
        ),
        columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%",
    )


# ---------------------------------------------------------------- devices
def _device(item) -> rx.Component:
    current = item["current"] == "1"
    return rx.card(
        rx.flex(
            rx.flex(
                rx.flex(
                    rx.icon("monitor-smartphone", size=18, color="var(--accent-9)"),
                    rx.text(item["os"], " · ", item["browser"], weight="medium"),
                    rx.cond(current, rx.badge(t("mydata.devices.this"), color_scheme="green")),
                    spacing="2", align="center", wrap="wrap",
                ),
                rx.text(S.tr["mydata.devices.place"].replace("{place}", item["place"])
                        .replace("{ip}", item["ip"]), size="2", color_scheme="gray"),
                rx.text(S.tr["mydata.devices.last_seen"].replace("{when}", item["last_seen"]),
                        size="2", color_scheme="gray"),
                direction="column", spacing="1", min_width="0",
            ),
            rx.cond(current, rx.fragment(),
                    rx.button(t("mydata.devices.revoke"), variant="soft", color_scheme="red",
                              on_click=S.revoke(item["id"]), class_name="md-revoke",
                              aria_label=S.tr["mydata.devices.revoke_label"].replace(
                                  "{device}", item["os"] + " · " + item["browser"]))),
            justify="between", align="center", spacing="3", wrap="wrap",
        ),
        size="2", class_name="md-device", custom_attrs={"data-current": item["current"]},
    )


def _devices() -> rx.Component:
    return rx.flex(
        rx.text(t("mydata.devices.lead"), color_scheme="gray", size="3"),
        _notice("devices"),
        _error("devices"),
        rx.flex(rx.foreach(S.devices, _device), direction="column", spacing="3", id="devices"),
        rx.cond(S.devices.length() > 1,
                rx.box(rx.button(rx.icon("log-out", size=16), t("mydata.devices.revoke_others"),
                                 on_click=S.revoke_others, variant="outline", color_scheme="red",
                                 id="revoke-others")),
                rx.text(t("mydata.devices.only_this"), size="2", color_scheme="gray")),
        direction="column", spacing="4", max_width="46rem",
    )


# ---------------------------------------------------------------- download
def _download() -> rx.Component:
    return card(
        rx.heading(t("mydata.download.title"), size="5", as_="h2"),
        rx.text(t("mydata.download.lead"), size="3"),
        rx.callout(t("mydata.download.others"), icon="users", color_scheme="gray", size="1"),
        _error("export"),
        rx.cond(
            S.needs_reauth,
            rx.form(
                rx.flex(
                    rx.text(t("mydata.download.reauth"), size="2", color_scheme="gray"),
                    field(S, "password", "mydata.download.password", type_="password",
                          autocomplete="current-password", required=True),
                    _submit("mydata.download.confirm"),
                    direction="column", spacing="3", align="start",
                ),
                on_submit=S.reauth, key=S.form_key, id="reauth-form",
            ),
            rx.flex(
                rx.box(rx.button(rx.icon("package", size=16), t("mydata.download.prepare"),
                                 on_click=S.prepare_export, loading=S.export_busy, size="3",
                                 id="prepare-export")),
                rx.cond(S.export_busy,
                        rx.flex(rx.progress(value=S.export_progress, max=100, size="2",
                                            aria_label=t("mydata.download.title")),
                                rx.text(S.tr["mydata.download.busy"].replace(
                                    "{pct}", S.export_progress.to_string()), size="2",
                                    role="status"),
                                direction="column", spacing="2", width="100%")),
                rx.cond(S.export_token != "",
                        rx.callout(
                            rx.flex(
                                rx.text(S.tr["mydata.download.ready"].replace(
                                    "{size}", S.export_size)),
                                rx.box(rx.button(rx.link(
                                    rx.icon("download", size=16), t("mydata.download.link"),
                                    href="/api/mijn-gegevens/export.zip?t=" + S.export_token,
                                    reload_document=True, download="", underline="none",
                                    id="download-zip"), as_child=True, size="3")),
                                direction="column", spacing="3",
                            ),
                            icon="circle-check", color_scheme="green", width="100%")),
                direction="column", spacing="3", width="100%",
            ),
        ),
        max_width="46rem",
    )


# ---------------------------------------------------------------- restrict and object
def _objection(purpose: str) -> rx.Component:
    state = S.objection_state
    return rx.card(
        rx.flex(
            rx.heading(t(f"objection.purpose.{purpose}"), size="3", as_="h3"),
            rx.text(t(f"objection.text.{purpose}"), size="2", color_scheme="gray"),
            _notice(f"object_{purpose}"),
            rx.cond(
                state.contains(purpose),
                rx.cond(state[purpose] == "upheld",
                        rx.badge(t("mydata.object.state_upheld"), color_scheme="green", size="2"),
                        rx.badge(t("mydata.object.state_open"), color_scheme="amber", size="2")),
                rx.form(
                    rx.flex(
                        rx.el.input(type="hidden", name="purpose", value=purpose),
                        rx.flex(
                            rx.el.label(t("mydata.object.motivation"),
                                        html_for=f"motivation-{purpose}", class_name="cv-label"),
                            rx.text_area(id=f"motivation-{purpose}", name="motivation", rows="3",
                                         width="100%", required=True, resize="vertical"),
                            rx.cond(S.errors.contains(f"object_{purpose}"),
                                    rx.text(S.errors[f"object_{purpose}"], role="alert",
                                            size="2", color_scheme="red")),
                            direction="column", spacing="1", width="100%",
                        ),
                        rx.button(t("mydata.object.submit"), type="submit", variant="soft"),
                        direction="column", spacing="2", align="start",
                    ),
                    on_submit=S.object_to, key=S.form_key, id=f"object-{purpose}",
                ),
            ),
            direction="column", spacing="2",
        ),
        size="2",
    )


def _request_row(item) -> rx.Component:
    return rx.flex(
        rx.text(item["line"], size="2"),
        rx.flex(rx.badge(item["status"], variant="soft"),
                rx.cond(item["due"] != "", rx.text(item["due"], size="1", color_scheme="gray")),
                spacing="2", align="center"),
        justify="between", wrap="wrap", spacing="2", padding_y="0.5rem",
        border_bottom="1px solid var(--gray-a4)",
    )


def _restrict() -> rx.Component:
    return rx.flex(
        card(
            rx.heading(t("mydata.restrict.title"), size="5", as_="h2"),
            rx.text(t("mydata.restrict.lead"), size="3"),
            rx.el.label(
                rx.switch(checked=S.is_restricted, on_change=S.set_restriction, size="3",
                          id="restrict-switch"),
                rx.text(t("mydata.restrict.switch"), weight="medium"),
                class_name="cv-inline-check", html_for="restrict-switch",
            ),
            _notice("restrict"),
            _error("restrict"),
        ),
        card(
            rx.heading(t("mydata.object.title"), size="5", as_="h2"),
            rx.text(t("mydata.object.lead"), size="3"),
            *[_objection(p) for p in OBJECTION_PURPOSES],
        ),
        card(
            rx.heading(t("mydata.requests.title"), size="4", as_="h2"),
            rx.cond(S.request_rows.length() > 0,
                    rx.flex(rx.foreach(S.request_rows, _request_row), direction="column",
                            id="requests"),
                    rx.text(t("mydata.requests.none"), size="2", color_scheme="gray")),
        ),
        direction="column", spacing="4", max_width="46rem",
    )


# ---------------------------------------------------------------- delete
def _delete() -> rx.Component:
    return card(
        rx.heading(t("mydata.delete.title"), size="5", as_="h2"),
        rx.callout(t("mydata.delete.lead"), icon="triangle_alert", color_scheme="red"),
        rx.heading(t("mydata.delete.removed_title"), size="3", as_="h3"),
        rx.text(t("mydata.delete.removed"), size="2"),
        rx.heading(t("mydata.delete.kept_title"), size="3", as_="h3"),
        rx.text(S.tr["mydata.delete.kept"].replace("{email}", S.account_email), size="2"),
        rx.form(
            rx.flex(
                field(S, "delete_password", "mydata.delete.password", type_="password",
                      autocomplete="current-password", required=True),
                field(S, "confirmation", "mydata.delete.type_word", autocomplete="off",
                      required=True),
                _error("delete"),
                rx.button(rx.icon("trash-2", size=16), t("mydata.delete.submit"), type="submit",
                          color_scheme="red", high_contrast=True, size="3", id="delete-account",
                          class_name="md-wrap-button"),
                direction="column", spacing="3", align="start",
            ),
            on_submit=S.delete_account, id="delete-form",
        ),
        max_width="46rem",
    )


def mydata() -> rx.Component:
    return page(
        rx.flex(
            rx.heading(t("mydata.title"), size="8", as_="h1"),
            rx.text(t("mydata.lead"), color_scheme="gray", size="3", max_width="46rem"),
            direction="column", spacing="2",
        ),
        rx.tabs.root(
            rx.box(
                rx.tabs.list(
                    *[rx.tabs.trigger(rx.flex(rx.icon(icon, size=15), t(key), spacing="2",
                                              align="center"),
                                      value=value, id=f"tab-{value}")
                      for value, key, icon in TABS],
                    size="2", aria_label=t("mydata.tabs"),
                ),
                class_name="md-tabs",
            ),
            *[rx.tabs.content(body, value=value, padding_top="1.5rem")
              for (value, _, _), body in zip(TABS, (_overview(), _correct(), _devices(),
                                                    _download(), _restrict(), _delete()))],
            value=S.tab, on_change=S.set_tab, width="100%",
        ),
    )


# ---------------------------------------------------------------- /verzoek
V = VerzoekState


def verzoek() -> rx.Component:
    return page(card(
        rx.heading(t("verzoek.title"), size="7", as_="h1"),
        rx.match(
            V.step,
            ("done", rx.flex(
                rx.heading(t("verzoek.done_title"), size="4", as_="h2"),
                rx.callout(V.done_message, icon="circle-check", color_scheme="green",
                           role="status", id="verzoek-done"),
                direction="column", spacing="3")),
            ("code", rx.form(
                rx.flex(
                    rx.callout(V.tr["verzoek.code_sent"].replace("{email}", V.sent_to),
                               icon="mail", role="status", id="code-sent"),
                    field(V, "code", "verzoek.code", autocomplete="one-time-code",
                          required=True),
                    rx.button(rx.cond(V.busy, t("form.busy"), t("verzoek.verify")),
                              type="submit", size="3", width="100%", loading=V.busy),
                    rx.button(t("verzoek.restart"), type="button", variant="ghost",
                              on_click=V.restart),
                    direction="column", spacing="4",
                ),
                on_submit=V.verify, id="code-form",
            )),
            rx.form(
                rx.flex(
                    rx.text(t("verzoek.lead"), size="3", color_scheme="gray"),
                    rx.cond(V.logged_in,
                            rx.callout(rx.link(t("verzoek.logged_in"), href="/mijn-gegevens"),
                                       icon="info")),
                    rx.el.fieldset(
                        rx.el.legend(t("verzoek.kind"), class_name="cv-label"),
                        rx.radio_group.root(
                            rx.flex(*[rx.el.label(
                                rx.radio_group.item(value=k, id=f"kind-{k}"),
                                rx.text(t(f"request.kind.{k}"), size="2"),
                                html_for=f"kind-{k}", class_name="md-radio")
                                for k in KINDS], direction="column", spacing="2"),
                            name="kind", value=V.kind, on_change=V.set_kind, required=True,
                        ),
                        rx.cond(V.errors.contains("kind"),
                                rx.text(V.errors["kind"], role="alert", size="2",
                                        color_scheme="red")),
                        class_name="cv-fieldset",
                    ),
                    rx.cond(
                        V.kind == "objection",
                        rx.flex(
                            rx.el.label(t("verzoek.purpose"), html_for="field-purpose",
                                        class_name="cv-label"),
                            rx.el.select(
                                *[rx.el.option(t(f"objection.purpose.{p}"), value=p)
                                  for p in OBJECTION_PURPOSES],
                                name="purpose", id="field-purpose", class_name="md-select"),
                            rx.cond(V.errors.contains("purpose"),
                                    rx.text(V.errors["purpose"], role="alert", size="2",
                                            color_scheme="red")),
                            _textarea("motivation", t("verzoek.motivation"), state=V),
                            direction="column", spacing="2",
                        ),
                    ),
                    field(V, "email", "verzoek.email", type_="email", autocomplete="email",
                          hint_key="verzoek.email_hint", required=True),
                    _textarea("details", t("verzoek.details"), state=V),
                    rx.cond(V.errors.contains("form"),
                            rx.callout(V.errors["form"], color_scheme="red", icon="triangle_alert")),
                    rx.button(rx.cond(V.busy, t("form.busy"), t("verzoek.submit")),
                              type="submit", size="3", width="100%", loading=V.busy),
                    direction="column", spacing="4",
                ),
                on_submit=V.submit, id="verzoek-form",
            ),
        ),
    ), narrow=True)


# ---------------------------------------------------------------- /e-mailadres-bevestigen
def email_confirm() -> rx.Component:
    E = EmailConfirmState
    return page(card(
        rx.heading(t("email_confirm.title"), size="7", as_="h1"),
        rx.cond(E.confirm_busy, rx.text(t("email_confirm.busy"))),
        rx.cond(E.confirm_done,
                rx.callout(t("email_confirm.done"), icon="circle-check", color_scheme="green",
                           role="status", id="done-message")),
        rx.cond(E.confirm_error != "",
                rx.callout(E.confirm_error, icon="triangle_alert", color_scheme="red",
                           role="alert")),
    ), narrow=True)
