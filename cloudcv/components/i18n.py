"""``t("key")`` in components: the translated text as a Var, following the language switch."""

from __future__ import annotations

from ..state.base import AppState


def t(key: str):
    return AppState.tr[key]
