"""Colours of the PDF layouts: the fixed palette, the user's accent and contrast rules.

The accent comes from the editor as ``#rrggbb`` (checked in ``services/cv/cvs.py``,
``set_layout``); :func:`parse_color` still accepts anything and falls back to the
default. Text in the accent colour goes through :func:`readable` so it keeps a 4.5:1
contrast on its background.
"""

from __future__ import annotations

import re

from .. import contrast as _contrast

Color = tuple[int, int, int]
WHITE: Color = (255, 255, 255)
INK: Color = (26, 30, 36)
BODY: Color = (58, 64, 73)
MUTED: Color = (108, 116, 128)
RULE: Color = (214, 219, 226)
DEFAULT_ACCENT: Color = (62, 99, 221)


def parse_color(value: str, default: Color = DEFAULT_ACCENT) -> Color:
    """``#rrggbb`` or ``#rgb`` (the hash optional) as RGB; anything else: ``default``."""
    m = re.fullmatch(r"\s*#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\s*", value or "")
    if not m:
        return default
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def mix(a: Color, b: Color, t: float) -> Color:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def contrast(a: Color, b: Color) -> float:
    """WCAG contrast ratio of two colours (1 to 21): ``services/cv/contrast.py``."""
    return _contrast.ratio(a, b)


def readable(c: Color, on: Color = WHITE, ratio: float = 4.5) -> Color:
    """``c``, darkened just enough to be readable as text on ``on``."""
    for step in range(21):
        candidate = mix(c, (0, 0, 0), step * 0.05)
        if contrast(candidate, on) >= ratio:
            return candidate
    return INK
