"""WCAG 2.x contrast maths for the CV's colours: plain functions, no I/O.

``ratio(a, b)`` is the contrast ratio of two colours (1 to 21, WCAG 2.2 "contrast ratio",
relative luminance of sRGB). The CV's body text needs :data:`BODY_MIN` (AA, 4.5:1) against
white, headings and the accent :data:`HEADING_MIN` (AA large text / non-text, 3:1).
:func:`nearest_passing` is what the editor offers when a chosen colour falls short: the same
hue and saturation, lightness moved just far enough. Colours are ``#rrggbb`` strings or
``(r, g, b)`` tuples of 0-255.
"""

from __future__ import annotations

import colorsys
import re

RGB = tuple[int, int, int]
BODY_MIN = 4.5
HEADING_MIN = 3.0
WHITE = "#ffffff"
_HEX = re.compile(r"#([0-9a-fA-F]{6})")


def parse_hex(value: object) -> RGB | None:
    """``#rrggbb`` as an RGB tuple; None for anything else (any type)."""
    m = _HEX.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        return None
    h = m.group(1)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def to_hex(rgb: RGB) -> str:
    """``(r, g, b)`` as lower-case ``#rrggbb``."""
    return "#" + "".join(f"{max(0, min(255, round(v))):02x}" for v in rgb)


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance (0 black to 1 white) of an sRGB colour."""

    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: RGB | str, b: RGB | str = WHITE) -> float:
    """WCAG contrast ratio of ``a`` and ``b`` (default white), from 1 to 21.

    Raises ``ValueError`` for a string that is not ``#rrggbb``.
    """
    la, lb = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def passes(colour: RGB | str, minimum: float, on: RGB | str = WHITE) -> bool:
    """True when ``colour`` on ``on`` reaches ``minimum`` (e.g. :data:`BODY_MIN`)."""
    return ratio(colour, on) >= minimum


def nearest_passing(colour: RGB | str, minimum: float, on: RGB | str = WHITE) -> str:
    """The passing colour nearest to ``colour``: its hue and saturation (HLS), with the
    lightness closest to the original that reaches ``minimum`` on ``on``.

    ``colour`` itself when it already passes. Tries darker and lighter and keeps the
    nearer that passes (on white only darker can pass); black or white as a last resort.
    """
    rgb, back = _rgb(colour), _rgb(on)
    if ratio(rgb, back) >= minimum:
        return to_hex(rgb)
    h, light, s = colorsys.rgb_to_hls(*(v / 255 for v in rgb))
    found: list[tuple[float, str]] = []
    for target in (0.0, 1.0):  # darker, lighter
        end = _with_lightness(h, target, s)
        if ratio(end, back) < minimum:
            continue
        lo, hi = light, target  # lo fails, hi passes (as rounded to 8 bits): bisect
        for _ in range(40):
            mid = (lo + hi) / 2
            if ratio(_with_lightness(h, mid, s), back) >= minimum:
                hi = mid
            else:
                lo = mid
        found.append((abs(hi - light), to_hex(_with_lightness(h, hi, s))))
    if found:
        return min(found)[1]
    return "#000000" if ratio((0, 0, 0), back) >= ratio((255, 255, 255), back) else "#ffffff"


def _with_lightness(h: float, light: float, s: float) -> RGB:
    light = max(0.0, min(1.0, light))
    r, g, b = colorsys.hls_to_rgb(h, light, s)
    return round(r * 255), round(g * 255), round(b * 255)


def _rgb(value: RGB | str) -> RGB:
    if isinstance(value, str):
        rgb = parse_hex(value)
        if rgb is None:
            raise ValueError(f"not a #rrggbb colour: {value!r}")
        return rgb
    return value
