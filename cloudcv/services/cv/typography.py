"""A CV's typography: font family, body size, line spacing, margins and text colour.

The bounds are written here, once: sizes :data:`SIZE_MIN`-:data:`SIZE_MAX` pt in steps of
:data:`SIZE_STEP`, line spacing :data:`SPACING_MIN`-:data:`SPACING_MAX` in steps of
:data:`SPACING_STEP`, margins :data:`MARGIN_MIN`-:data:`MARGIN_MAX` mm (whole mm) or the
template's own, a text colour ``#rrggbb`` or the template's own; the families are
``pdf/families.py``. :func:`set_typography` refuses anything else with ``Invalid`` (a
translated key per setting) and then changes nothing. :func:`typography_of` is what the PDF
gets, :func:`view_of` what the editor shows (with the contrast advice of ``contrast.py``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlmodel import Session

from ...models import CV
from ..core.errors import Invalid
from . import contrast
from .checks import owned_cv, touch
from .pdf import families
from .pdf.document import Typography

SIZE_MIN, SIZE_MAX, SIZE_STEP, SIZE_DEFAULT = 9.0, 12.0, 0.5, 9.5
SPACING_MIN, SPACING_MAX, SPACING_STEP, SPACING_DEFAULT = 1.0, 1.6, 0.05, 1.15
MARGIN_MIN, MARGIN_MAX = 10, 25

# Choices the editor offers (any value inside the bounds is accepted).
SIZES = tuple(SIZE_MIN + n * SIZE_STEP for n in range(int((SIZE_MAX - SIZE_MIN) / SIZE_STEP) + 1))
SPACINGS = (1.0, 1.15, 1.3, 1.45, 1.6)
MARGINS = (10, 12, 15, 18, 20, 22, 25)
DEFAULT = "default"  # the editor's value for "the template's own" margin or colour


def _number(value, lo: float, hi: float, step: float, key: str, field: str) -> float:
    """``value`` (a number, or its text as the editor's select sends it) inside
    ``lo``-``hi`` on a multiple of ``step``; ``Invalid(key)`` for anything else."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Invalid(key, field=field)
    try:
        d = Decimal(value.strip() if isinstance(value, str) else repr(value))
    except (InvalidOperation, ValueError):
        raise Invalid(key, field=field) from None
    if not d.is_finite() or not Decimal(repr(lo)) <= d <= Decimal(repr(hi)):
        raise Invalid(key, field=field)
    if (d - Decimal(repr(lo))) % Decimal(repr(step)) != 0:
        raise Invalid(key, field=field)
    return float(d)


def _margin(value) -> int | None:
    if value is None or value == DEFAULT:
        return None
    return int(_number(value, MARGIN_MIN, MARGIN_MAX, 1, "error.typography.margin", "margin"))


def _colour(value) -> str | None:
    if value is None or value == DEFAULT:
        return None
    if contrast.parse_hex(value) is None:
        raise Invalid("error.typography.colour", field="text_color")
    return value.lower()


_UNSET = object()


def set_typography(session: Session, *, user_id: int, cv_id, font=_UNSET, size=_UNSET,
                   spacing=_UNSET, margin=_UNSET, text_color=_UNSET) -> None:
    """Change one or more typography settings of the user's CV, in one transaction.

    The owner only: other users get ``NotFound``. Every given value is checked before
    anything changes: an unknown family raises ``Invalid("error.typography.font")``, a size,
    spacing or margin outside its bounds or off its step ``error.typography.size`` /
    ``.spacing`` / ``.margin``, a colour not ``#rrggbb`` ``error.typography.colour``.
    ``margin`` and ``text_color`` take ``None`` or ``"default"`` for the template's own.
    """
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    changes: dict[str, object] = {}
    if font is not _UNSET:
        try:
            changes["font"] = families.get(font).key
        except KeyError:
            raise Invalid("error.typography.font", field="font") from None
    if size is not _UNSET:
        changes["font_size"] = _number(size, SIZE_MIN, SIZE_MAX, SIZE_STEP, "error.typography.size", "font_size")
    if spacing is not _UNSET:
        changes["line_spacing"] = _number(spacing, SPACING_MIN, SPACING_MAX, SPACING_STEP,
                                          "error.typography.spacing", "line_spacing")
    if margin is not _UNSET:
        changes["margin_mm"] = _margin(margin)
    if text_color is not _UNSET:
        changes["text_color"] = _colour(text_color)
    for name, value in changes.items():
        setattr(cv, name, value)
    touch(session, cv)
    session.commit()


def apply_suggestion(session: Session, *, user_id: int, cv_id, which) -> None:
    """Replace the text colour (``which="text"``, 4.5:1) or the accent (``"accent"``,
    3:1) by the nearest colour that passes on white, computed here from the stored colour
    (never a colour the client sends). The owner only; a passing colour stays as it is;
    another ``which`` raises ``Invalid("error.invalid_input")``."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    if which == "text":
        fix = advice(cv.text_color, contrast.BODY_MIN, surface_of(cv))
        cv.text_color = fix or cv.text_color
    elif which == "accent":
        cv.accent = advice(cv.accent, contrast.HEADING_MIN) or cv.accent
    else:
        raise Invalid("error.invalid_input", field="layout")
    touch(session, cv)
    session.commit()


def typography_of(cv: CV) -> Typography:
    """The CV's typography as the PDF engine takes it. A stored value that is no longer
    allowed (a family removed, a bound tightened) prints with the default instead."""
    font = cv.font if cv.font in families.FAMILIES else families.DEFAULT
    size = cv.font_size if SIZE_MIN <= (cv.font_size or 0) <= SIZE_MAX else SIZE_DEFAULT
    spacing = cv.line_spacing if SPACING_MIN <= (cv.line_spacing or 0) <= SPACING_MAX else SPACING_DEFAULT
    margin = cv.margin_mm if cv.margin_mm is not None and MARGIN_MIN <= cv.margin_mm <= MARGIN_MAX else None
    colour = cv.text_color if contrast.parse_hex(cv.text_color) else None
    return Typography(font=font, size=size, spacing=spacing, margin=margin, text_color=colour)


def surface_of(cv: CV) -> str:
    """The darkest surface the CV's body text sits on: white, or the accent-tinted surface
    of its template (``Template.tint``: the sidebar, the cards, …), as ``#rrggbb``."""
    from .pdf import colour, registry  # the PDF engine loads on first use, not with this module

    tpl = registry.templates().get(cv.template)
    if tpl is None or tpl.tint is None:
        return contrast.WHITE
    accent = colour.parse_color(cv.accent)
    return contrast.to_hex(colour.mix(accent, colour.WHITE, tpl.tint))


def advice(colour: str | None, minimum: float, on: str = contrast.WHITE) -> str:
    """``""`` when ``colour`` (``#rrggbb``; None: the template's own, which passes) reads
    at ``minimum`` on white and on ``on``, else the nearest colour that does on both
    (``contrast.nearest_passing``; on the darker surface, white then passes too)."""
    if contrast.parse_hex(colour) is None or (contrast.passes(colour, minimum)
                                              and contrast.passes(colour, minimum, on)):
        return ""
    worst = min((contrast.WHITE, on), key=lambda back: contrast.ratio(colour, back))
    return contrast.nearest_passing(colour, minimum, worst)


def view_of(cv: CV) -> dict[str, str]:
    """What the editor's layout panel shows, as strings (safe for UI state): the settings,
    each contrast ratio (``"4.48"``) and the suggested colour when one falls short."""
    typo = typography_of(cv)
    text = typo.text_color or ""
    on = surface_of(cv)
    return {
        "font": typo.font, "size": _fmt(typo.size), "spacing": _fmt(typo.spacing),
        "margin": str(typo.margin) if typo.margin is not None else DEFAULT,
        "text_color": text or DEFAULT,
        "text_ratio": f"{min(contrast.ratio(text), contrast.ratio(text, on)):.2f}" if text else "",
        "text_fix": advice(text, contrast.BODY_MIN, on),
        "accent_ratio": f"{contrast.ratio(cv.accent):.2f}" if contrast.parse_hex(cv.accent) else "",
        "accent_fix": advice(cv.accent, contrast.HEADING_MIN),
    }


def _fmt(number: float) -> str:
    """``9.5`` → ``"9.5"``, ``10.0`` → ``"10"``, ``1.15`` → ``"1.15"``."""
    return f"{number:.2f}".rstrip("0").rstrip(".")
