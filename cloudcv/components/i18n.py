"""``t("key")`` in components: the translated text as a Var, following the language switch."""

from __future__ import annotations

from ..state.base import AppState


def t(key: str):
    """The text of ``key`` in the UI language, as a Var."""
    return AppState.tr[key]
