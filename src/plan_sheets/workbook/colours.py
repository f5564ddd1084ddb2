"""Colours as a hand-kept plan uses them for status: which traffic light a colour is.

A colour reaches us as an RGB hex, a theme colour with a tint, or an index into
Excel's old palette; `resolve` turns each into RGB. `light_of` then reads the
RGB by its hue: each light owns a band of hues, and a hue in the gap between
two bands (an orange between red and yellow, a lime between yellow and green)
is *between two lights*: it is reported for a person to decide, never guessed.
Pale, grey, white and black are no light at all.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Mapping
from dataclasses import dataclass

from plan_sheets.workbook.model import Status

# Hue bands in degrees; the gaps between them are "between two lights".
BANDS: tuple[tuple[float, float, Status], ...] = (
    (-25.0, 14.0, Status.RED),
    (28.0, 65.0, Status.YELLOW),
    (75.0, 170.0, Status.GREEN),
)
MIN_SATURATION = 0.05
"""Below this a colour is grey or white (Excel's palest tints of green are ~0.09)."""
MIN_VALUE = 0.25
"""Below this a colour is black or near it."""

# Excel's theme order swaps the first two pairs of the theme's colour scheme.
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4",
                "accent5", "accent6", "hlink", "folHlink")
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")

OFFICE_THEME = ("FFFFFF", "000000", "E7E6E6", "44546A", "4472C4", "ED7D31", "A5A5A5",
                "FFC000", "5B9BD5", "70AD47", "0563C1", "954F72")
"""The Office theme's colours in Excel's order, for a file without a theme part."""


@dataclass(frozen=True)
class Reading:
    """What a colour says: a light, none, or between two (then `between` names both)."""

    rgb: str
    status: Status | None
    between: tuple[Status, Status] | None = None
    rule: str = ""
    """Swedish: how the colour was read."""
    chosen: bool = False
    """A person named this colour's light (`--colour`)."""

    @property
    def is_light(self) -> bool:
        return self.status is not None


def theme_palette(theme_xml: bytes | None) -> tuple[str, ...]:
    """The twelve theme colours (RGB hex) in the order Excel's `theme=` indexes them."""
    if not theme_xml:
        return OFFICE_THEME
    from plan_sheets.excel.ooxml import UnsafeXml, parse_xml

    try:
        root = parse_xml(theme_xml)
    except (UnsafeXml, ValueError):
        return OFFICE_THEME
    found: dict[str, str] = {}
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag in _THEME_ORDER and tag not in found:
            for child in element:
                value = child.get("val") if child.tag.endswith("srgbClr") else \
                    child.get("lastClr") if child.tag.endswith("sysClr") else None
                if value and _HEX.match(value):
                    found[tag] = value.upper()
                    break
    return tuple(found.get(name, OFFICE_THEME[i]) for i, name in enumerate(_THEME_ORDER))


def apply_tint(rgb: str, tint: float) -> str:
    """Excel's tint: towards white (tint > 0) or black (tint < 0), in HLS lightness."""
    if not tint:
        return rgb
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), sat)
    return "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def indexed_rgb(index: int) -> str | None:
    """An index into Excel's legacy palette (64 = system foreground, 65 = background)."""
    from openpyxl.styles.colors import COLOR_INDEX

    if 0 <= index < len(COLOR_INDEX) and index < 64:
        return COLOR_INDEX[index][-6:].upper()
    return None


def resolve(*, rgb: str | None = None, theme: int | None = None, tint: float = 0.0,
            indexed: int | None = None, palette: tuple[str, ...] = OFFICE_THEME) -> str | None:
    """RGB hex of a colour given as ARGB/RGB, as a theme colour with tint, or indexed."""
    if rgb and isinstance(rgb, str) and len(rgb) in (6, 8) and _HEX.match(rgb[-6:]):
        if len(rgb) == 8 and rgb[:2] == "00" and rgb[2:] == "000000":
            return None  # openpyxl's "no colour"
        return apply_tint(rgb[-6:].upper(), tint or 0.0)
    if theme is not None and 0 <= theme < len(palette):
        return apply_tint(palette[theme], tint or 0.0)
    if indexed is not None:
        base = indexed_rgb(indexed)
        return apply_tint(base, tint or 0.0) if base else None
    return None


def hue_of(rgb: str) -> tuple[float, float, float]:
    """(hue in degrees, saturation, value) of an RGB hex."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    return h * 360, s, v


def light_of(rgb: str, overrides: Mapping[str, Status | None] | None = None) -> Reading:
    """The traffic light an RGB colour shows, by the hue bands (or `overrides`)."""
    rgb = rgb.upper()
    if overrides and rgb in overrides:
        status = overrides[rgb]
        shown = status.value if status else "inget trafikljus"
        return Reading(rgb, status, rule=f"färgen #{rgb} är {shown} enligt --colour",
                       chosen=True)
    hue, sat, value = hue_of(rgb)
    if sat < MIN_SATURATION or value < MIN_VALUE:
        return Reading(rgb, None, rule=f"färgen #{rgb} är grå, vit eller svart: inget trafikljus")
    signed = hue - 360 if hue > 360 + BANDS[0][0] else hue
    for low, high, status in BANDS:
        if low <= signed <= high:
            return Reading(rgb, status, rule=f"färgen #{rgb} (kulör {hue:.0f}°) är {status.value}")
    for (_, high, below), (low, _, above) in zip(BANDS, BANDS[1:], strict=False):
        if high < signed < low:
            return Reading(rgb, None, between=(below, above),
                           rule=f"färgen #{rgb} (kulör {hue:.0f}°) ligger mellan "
                                f"{below.value} och {above.value}")
    return Reading(rgb, None, rule=f"färgen #{rgb} (kulör {hue:.0f}°) är inget trafikljus")
