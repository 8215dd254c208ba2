"""Colour arithmetic for readable themes: WCAG contrast, blending, and nudging a colour until it reads.

Plain Python on ``#rrggbb`` strings, so the rules the themes promise (text on every highlight
tint stays at WCAG AA; marks stand out from the paper) are checked by tests without drawing.
The blends are the ones the reading view paints with: ``multiply`` (light paper, a highlighter
pen: overlaps darken) and ``lighten`` (dark paper: the brighter colour wins, so light text stays
light and overlaps never wash it out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

RGB = tuple[int, int, int]
Blend = Callable[[RGB, RGB], RGB]

#: WCAG 2.x thresholds: body text (1.4.3, AA) and marks that carry meaning (1.4.11, non-text).
TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0


_GREY: RGB = (127, 127, 127)


def rgb(color: str) -> RGB:
    """``#rrggbb`` as numbers; anything else is grey (paint code must never raise: Qt aborts)."""
    value = color.lstrip("#")
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)) if len(value) == 6 else _GREY
    except ValueError:
        return _GREY


def hex_color(value: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*value)


def luminance(color: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=4096)  # painting asks for the same few colours on every frame
def mix(a: str, b: str, amount: float) -> str:
    """``amount`` of ``b`` over ``a`` (0 gives ``a``, 1 gives ``b``)."""
    (r1, g1, b1), (r2, g2, b2) = rgb(a), rgb(b)
    return hex_color((round(r1 + (r2 - r1) * amount), round(g1 + (g2 - g1) * amount), round(b1 + (b2 - b1) * amount)))


def multiply(below: RGB, above: RGB) -> RGB:
    return (round(below[0] * above[0] / 255), round(below[1] * above[1] / 255), round(below[2] * above[2] / 255))


def lighten(below: RGB, above: RGB) -> RGB:
    return (max(below[0], above[0]), max(below[1], above[1]), max(below[2], above[2]))


def composite(paper: str, layers: Iterable[str], blend: Blend) -> str:
    """What shows where ``layers`` are painted over ``paper`` one after another with ``blend``."""
    result = rgb(paper)
    for layer in layers:
        result = blend(result, rgb(layer))
    return hex_color(result)


@lru_cache(maxsize=4096)
def with_contrast(color: str, against: str, ratio: float) -> str:
    """``color``, darkened or lightened (whichever ``against`` allows) just enough to reach ``ratio``.

    The hue is kept as far as it can be: a yellow tag on white paper becomes olive, not grey.
    """
    if contrast(color, against) >= ratio:
        return color
    toward = "#000000" if luminance(against) > 0.18 else "#ffffff"
    for step in range(1, 21):
        candidate = mix(color, toward, step / 20)
        if contrast(candidate, against) >= ratio:
            return candidate
    return toward
