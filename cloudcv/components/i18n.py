"""``t("key")`` in components: the translated text, compiled into the page.

Both languages' texts of every key a page uses are in its compiled code, chosen by
``AppState.html_lang`` (the UI language): the switch shows the other language at once,
the first paint has the text, and no catalog travels as state (issue 20: the whole
catalog as a state var was ~60 KB of every page's hydration). Texts whose key is only
known at run time (the flash message, the statement notice) are state vars translated
on the server (``AppState.flash_text``, ``NoticeState.notice_text``).
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from ..i18n import catalog
from ..state.base import AppState


def t(key: str) -> Var:
    """The text of ``key`` in the UI language, as a Var (the key itself when unknown)."""
    nl, en = catalog("nl").get(key, key), catalog("en").get(key, key)
    if nl == en:
        return Var.create(nl)
    return rx.cond(AppState.html_lang == "en", en, nl).to(str)


def t_prefixed(prefix: str, name, default=None) -> Var:
    """The text of ``prefix + name`` where ``name`` is only known at run time (a Var, e.g. a
    row's kind): every key with that prefix is compiled into a match; another name shows
    ``default`` (the key itself when None)."""
    keys = sorted(k for k in catalog("nl") if k.startswith(prefix))
    fallback = Var.create(prefix) + name if default is None else default
    return rx.match(name, *[(k[len(prefix):], t(k)) for k in keys], fallback).to(str)
