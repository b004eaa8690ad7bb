"""The rug's CSS classes carry the palettes' colours; the committed SCSS is generated."""

from pathlib import Path

import pytest

from marmot_monitor.charts.colours import OUTCOMES, PALETTES, TRENDS
from marmot_monitor.web.monitor.rug_colours import (
    TREND_MARKERS,
    outcome_class,
    rug_scss,
    trend_class,
)

GENERATED = Path(__file__).resolve().parents[3] / "assets" / "scss" / "_rug-colours.scss"


def test_the_committed_scss_is_what_the_palettes_generate():
    assert GENERATED.read_text(encoding="utf-8") == rug_scss(), (
        "assets/scss/_rug-colours.scss is out of date: run "
        "python -m marmot_monitor.web.monitor.rug_colours > assets/scss/_rug-colours.scss "
        "and make assets"
    )


def test_every_palette_colours_every_outcome_with_its_text_colour():
    scss = rug_scss()
    for name, palette in PALETTES.items():
        block = scss.split(f".marmot-rug--{name} {{", 1)[1].split("\n}", 1)[0]
        for outcome in OUTCOMES:
            rule = block.split(f".{outcome_class(outcome)} {{", 1)[1].split("}", 1)[0]
            assert f"background-color: {palette.fills[outcome]};" in rule
            assert f"color: {palette.text[outcome]};" in rule


@pytest.mark.parametrize(
    ("comparison", "family"),
    [
        ("Best", "better"),
        ("Worst", "worse"),
        ("Middle", "similar"),
        ("Highest", "higher"),
        ("Lowest", "lower"),
        (None, "not-compared"),
        ("Something new", "not-compared"),
    ],
)
def test_outcomes_outside_the_palette_take_the_colour_they_refine(comparison, family):
    assert outcome_class(comparison) == f"marmot-rug__cell--{family}"


def test_every_trend_but_cannot_be_calculated_has_a_marker():
    assert set(TREND_MARKERS) | {"Cannot be calculated"} == set(TRENDS)
    assert trend_class("Cannot be calculated") == ""
    assert trend_class("Decreasing and getting better") == "marmot-rug__trend--down-better"
