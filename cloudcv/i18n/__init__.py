"""Translations. Dutch is the default; English the second language.

``t(key, lang, **params)`` formats a message; ``catalog(lang)`` is the whole dict the UI
ships to the browser (the state exposes it as ``AppState.tr``). A missing English key
falls back to Dutch; a missing Dutch key is a bug that tests/unit/test_i18n.py catches.
"""

from __future__ import annotations

from .en import MESSAGES as EN
from .nl import MESSAGES as NL

LANGS = ("nl", "en")
CATALOGS = {"nl": NL, "en": {**NL, **EN}}


def catalog(lang: str) -> dict[str, str]:
    return CATALOGS.get(lang, NL)


def t(key: str, lang: str = "nl", **params) -> str:
    text = catalog(lang).get(key, key)
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
