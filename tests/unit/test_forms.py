"""``FormState._submit``: what a user sees while a form runs and after it."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import reflex as rx

import cloudcv.cloudcv  # noqa: F401  (registers every page and state)
from cloudcv.services.core.errors import DomainError, Invalid
from cloudcv.state.auth import ForgotState


def _form():
    root = rx.State(_reflex_internal_init=True)
    return root.get_substate(ForgotState.get_full_name().split("."))


def _drive(state, steps):
    """Run the handler's steps in a thread of their own; note ``busy`` at every yield."""
    seen = []

    async def go():
        async for _ in steps:
            seen.append(state.busy)

    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, go()).result()
    return seen


def _boom(session, **_):
    raise RuntimeError("the database went away")


def test_an_unexpected_failure_still_gives_the_button_back():
    form = _form()
    with pytest.raises(RuntimeError):
        _drive(form, form._submit(_boom, done="klaar"))
    assert form.busy is False  # not "Even geduld…" forever
    assert form.done is False and form.done_message == ""


def _invalid_email(session, **_):
    raise Invalid("error.required", field="email")


def _dead_link(session, **_):
    raise DomainError("error.link_invalid")


def test_a_domain_error_is_shown_in_dutch_next_to_its_field_or_above_the_form():
    form = _form()
    assert _drive(form, form._submit(_invalid_email, done="klaar")) == [True]
    assert form.errors == {"email": "Dit veld is verplicht."} and form.form_error == ""
    assert form.busy is False and form.done is False

    _drive(form, form._submit(_dead_link, done="klaar"))
    assert form.errors == {}
    assert form.form_error == "Deze link is ongeldig, verlopen of al gebruikt. Vraag een nieuwe aan."

    _drive(form, form._submit(_invalid_email, error_field="code"))
    assert form.errors == {"code": "Dit veld is verplicht."}


def _echo(session, *, value):
    return value


def test_success_shows_the_done_message_and_hands_the_result_on():
    form = _form()
    form.errors, form.form_error = {"email": "oud"}, "oud"
    _drive(form, form._submit(_echo, value="x", done="Gelukt."))
    assert (form.done, form.done_message, form.errors, form.form_error) == (True, "Gelukt.", {}, "")

    got = []

    async def then(result):
        got.append(result)
        return f"Ontvangen: {result}"

    _drive(form, form._submit(_echo, value="7", then=then))
    assert got == ["7"] and form.done_message == "Ontvangen: 7" and form.busy is False


@pytest.mark.parametrize("state_path", ["cloudcv.state.contact.ContactState",
                                        "cloudcv.state.news.NewsState"])
def test_a_filled_in_honeypot_is_refused_and_no_service_runs(state_path, monkeypatch):
    # the public forms (contact, news sign-up) take anyone's input: a bot that fills the
    # hidden "website" field gets "invalid input" and nothing is stored or mailed
    import importlib

    module_name, cls_name = state_path.rsplit(".", 1)
    module = importlib.import_module(module_name)
    cls = getattr(module, cls_name)
    root = rx.State(_reflex_internal_init=True)
    form = root.get_substate(cls.get_full_name().split("."))
    ran = []
    monkeypatch.setattr(module, "in_session", lambda *a, **k: ran.append(a), raising=False)
    monkeypatch.setattr(cls, "_submit", lambda self, *a, **k: ran.append(a) or _no_steps())
    monkeypatch.setattr(cls, "_current_user", _no_user, raising=False)
    form_data = {"name": "Bot", "email": "bot@example.nl", "organisation": "", "message": "hoi",
                 "website": "https://spam.example"}
    _drive(form, cls.submit.fn(form, form_data))
    assert form.form_error == "Deze invoer is ongeldig." and ran == []


async def _no_steps():
    return
    yield


async def _no_user(self):
    return None
