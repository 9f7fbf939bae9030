"""
WCAG contrast from the colours Chromium computes: the ratio of two colours' relative luminances
(WCAG 2.2, "contrast ratio" and "relative luminance"), with colours parsed from computed styles.
"""

import re

COLOUR = re.compile(r"rgba?\(([^)]*)\)")
WHITE = (255.0, 255.0, 255.0, 1.0)


def parse_colour(text):
    """'rgb(0, 90, 140)' or 'rgba(0, 0, 0, 0)' as (r, g, b, alpha); None for anything else."""
    match = COLOUR.fullmatch(text.strip())
    if not match:
        return None
    parts = [float(part) for part in re.split(r"[\s,/]+", match.group(1).strip()) if part]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def is_opaque(colour):
    return colour is not None and colour[3] >= 0.99


def is_transparent(colour):
    return colour is None or colour[3] <= 0.01


def over(top, below):
    """`top` painted over the opaque colour `below`."""
    alpha = top[3]
    return (*(top[i] * alpha + below[i] * (1 - alpha) for i in range(3)), 1.0)


def flatten(layers):
    """The colour seen through a stack of backgrounds, nearest first; the page behind them all is white."""
    colour = WHITE
    for layer in reversed(layers):
        if not is_transparent(layer):
            colour = over(layer, colour)
    return colour


def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def split_shadows(text):
    """A computed box-shadow as (colour, x, y, blur, spread) tuples ('none' is no shadow)."""
    if text.strip() == "none":
        return []
    shadows, depth, start = [], 0, 0
    for index, char in enumerate(text + ","):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            shadows.append(text[start:index].strip())
            start = index + 1
    parsed = []
    for shadow in shadows:
        colour = COLOUR.search(shadow)
        lengths = [float(n) for n in re.findall(r"(-?[\d.]+)px", COLOUR.sub("", shadow))] + [0, 0, 0, 0]
        parsed.append((parse_colour(colour.group(0)) if colour else None, *lengths[:4]))
    return parsed


def hex_colour(colour):
    return "#{:02x}{:02x}{:02x}".format(*(round(c) for c in colour[:3]))
