"""Colours that mean what Fingertips' colours mean, and a colour-blind-safe alternative.

``FINGERTIPS`` follows FingertipsNext's 95% benchmark colours (GOV.UK green, yellow and red
for better, similar and worse; blues for higher and lower where there is no judgement; white
with a border for not compared); see ``research/fingertips.md`` §2.2. ``COLOUR_BLIND_SAFE``
keeps the same meaning with the Okabe-Ito palette, which people with any common colour-vision
deficiency can tell apart. Charts never rely on colour alone: cells and markers also carry
their label in text and tooltips, and every chart has a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

OUTCOMES = ("Better", "Similar", "Worse", "Lower", "Higher", "Not compared")
# Comparisons outside the six outcomes take the colour of the outcome they refine: two-level
# "Best" is "Better"'s, quintile "Middle" is "Similar"'s...; their words say which.
REFINED_OUTCOMES = {
    "Best": "Better",
    "Worst": "Worse",
    "Middle": "Similar",
    "Lowest": "Lower",
    "Low": "Lower",
    "High": "Higher",
    "Highest": "Higher",
}
TRENDS = {
    "Increasing and getting better": "#C4DED3",
    "Decreasing and getting better": "#C4DED3",
    "Increasing and getting worse": "#F6C6BF",
    "Decreasing and getting worse": "#F6C6BF",
    "Increasing": "#AFCFE5",
    "Decreasing": "#E3EFF6",
    "No significant change": "#FFF5BB",
    "Cannot be calculated": "#E1E2E3",
}
BORDER = "#0B0C0C"
TEXT_DARK, TEXT_LIGHT = "#0B0C0C", "#FFFFFF"
SPINE_OUTER, SPINE_INNER = "#C9C9C9", "#8B8B8B"


@dataclass(frozen=True)
class Palette:
    """Fill per comparison outcome and the text colour readable on each fill."""

    name: str
    fills: dict[str, str]
    text: dict[str, str]

    def domain(self) -> list[str]:
        return list(OUTCOMES)

    def range(self) -> list[str]:
        return [self.fills[outcome] for outcome in OUTCOMES]

    def text_range(self) -> list[str]:
        return [self.text[outcome] for outcome in OUTCOMES]


FINGERTIPS = Palette(
    "fingertips",
    fills={
        "Better": "#00703C",
        "Similar": "#FFDD00",
        "Worse": "#D4351C",
        "Lower": "#5694CA",
        "Higher": "#003078",
        "Not compared": "#FFFFFF",
    },
    text={
        "Better": TEXT_LIGHT,
        "Similar": TEXT_DARK,
        "Worse": TEXT_LIGHT,
        "Lower": TEXT_DARK,
        "Higher": TEXT_LIGHT,
        "Not compared": TEXT_DARK,
    },
)
COLOUR_BLIND_SAFE = Palette(
    "colour-blind-safe",
    fills={
        "Better": "#0072B2",
        "Similar": "#F0E442",
        "Worse": "#D55E00",
        "Lower": "#56B4E9",
        "Higher": "#CC79A7",
        "Not compared": "#FFFFFF",
    },
    text={
        "Better": TEXT_LIGHT,
        "Similar": TEXT_DARK,
        "Worse": TEXT_DARK,
        "Lower": TEXT_DARK,
        "Higher": TEXT_DARK,
        "Not compared": TEXT_DARK,
    },
)
PALETTES = {palette.name: palette for palette in (FINGERTIPS, COLOUR_BLIND_SAFE)}
UNKNOWN_PALETTE = "palette must be one of {choices}, not {name!r}"


def outcome_of(comparison: str | None) -> str:
    """The outcome whose colour a comparison takes: itself, the outcome it refines ("Worst" is
    "Worse"), or "Not compared" when it is missing or unknown.

    Examples
    --------
    >>> outcome_of("Worst"), outcome_of("Similar"), outcome_of(None)
    ('Worse', 'Similar', 'Not compared')
    """
    outcome = REFINED_OUTCOMES.get(comparison or "", comparison)
    return outcome if outcome in OUTCOMES else "Not compared"


def palette(name: str) -> Palette:
    """The palette called ``name`` ("fingertips" or "colour-blind-safe")."""
    if name not in PALETTES:
        raise ValueError(UNKNOWN_PALETTE.format(choices=", ".join(PALETTES), name=name))
    return PALETTES[name]
