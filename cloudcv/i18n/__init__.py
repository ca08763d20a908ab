"""Translations. Dutch is the default; English the second language.

Texts live in ``i18n/catalogs/<feature>.py`` (dicts ``NL`` and ``EN``), merged here.
``t(key, lang, **params)`` formats a message; ``catalog(lang)`` is the whole dict of one
language (``components/i18n.py`` compiles both languages' texts into the pages). A missing English key
falls back to Dutch; tests/unit/test_architecture.py fails on missing or duplicate keys.
"""

from __future__ import annotations

import importlib
import pkgutil

from . import catalogs

LANGS = ("nl", "en")


def _merge() -> tuple[dict[str, str], dict[str, str], list[str]]:
    nl: dict[str, str] = {}
    en: dict[str, str] = {}
    duplicates: list[str] = []
    for info in sorted(pkgutil.iter_modules(catalogs.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{catalogs.__name__}.{info.name}")
        for target, source in ((nl, getattr(module, "NL", {})), (en, getattr(module, "EN", {}))):
            duplicates += [k for k in source if k in target]
            target.update(source)
    return nl, en, duplicates


NL, EN, DUPLICATE_KEYS = _merge()
CATALOGS = {"nl": NL, "en": {**NL, **EN}}


def catalog(lang: str) -> dict[str, str]:
    return CATALOGS.get(lang, NL)


def fill(text: str, params: dict) -> str:
    """``text`` with its ``{name}`` placeholders filled; as it is when they do not fit."""
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def t(key: str, lang: str = "nl", **params) -> str:
    return fill(catalog(lang).get(key, key), params)
