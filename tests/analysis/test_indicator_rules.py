"""The indicator page's rules that need no database."""

import pytest

from marmot_monitor.analysis.indicator_rules import inequality_change


@pytest.mark.parametrize(
    ("sii", "change", "lower", "upper", "said"),
    [
        (12.0, 2.0, 0.5, 3.5, "widened"),
        (-12.0, -2.0, -3.5, -0.5, "widened"),
        (8.0, -2.0, -3.5, -0.5, "narrowed"),
        (-8.0, 2.0, 0.5, 3.5, "narrowed"),
        (12.0, 2.0, -0.5, 4.5, "no significant change"),
    ],
)
def test_inequality_widens_when_the_sii_moves_away_from_zero(sii, change, lower, upper, said):
    row = {
        "period": "2024/25",
        "baseline_period": "2013/14",
        "sii": sii,
        "sii_change": change,
        "sii_change_lower_ci_95": lower,
        "sii_change_upper_ci_95": upper,
    }
    assert inequality_change(row) == said
    assert inequality_change({**row, "period": "2013/14"}) is None
