"""A catalogue file with a mistake is refused whole, naming file, line, indicator, field and fix."""

from __future__ import annotations

import pytest

from marmot_monitor.catalogue import CatalogueError, load_catalogue, parse_catalogue

SETS = '[sets]\n"IHE" = "The IHE Marmot indicators."\n'
ENTRY = """
[[indicator]]
code = "{code}"
title = "Infant mortality rate"
definition = "Deaths under 1 year per 1,000 live births."
principles = [1]
fingertips_id = {fingertips_id}
verified = false
id_source = "research notes"
value_type = "crude rate"
unit = "per 1,000"
multiplier = 1000
polarity = "low is good"
benchmark_method = "95% CI"
source = "ONS"
frequency = "annual"
lowest_geography = "county"
context = false
local_target = false
sets = ["IHE"]
"""


def entry(code: str = "P1-04", fingertips_id: int = 92196, **changes: str | None) -> str:
    """One valid indicator table, with lines replaced (``field="text"``) or removed (None)."""
    lines = ENTRY.format(code=code, fingertips_id=fingertips_id).splitlines()
    for field, text in changes.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{field} ="))
        lines[index] = "" if text is None else f"{field} = {text}"
    return "\n".join(lines) + "\n"


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(text, file="mine.toml")
    return caught.value.problems


def test_a_valid_catalogue_gives_one_row_per_indicator_with_its_line():
    catalogue = parse_catalogue(SETS + entry() + entry("P1-05", 20101), file="mine.toml")
    frame = catalogue.indicators
    assert frame["code"].to_list() == ["P1-04", "P1-05"]
    assert frame["line"].to_list() == [4, 24]
    assert frame["ci_method"].to_list() == ["Byar", "Byar"]
    assert catalogue.sets == {"IHE": "The IHE Marmot indicators."}


def test_an_unknown_principle_names_the_line_indicator_and_field():
    found = problems(SETS + entry(principles="[1, 9]"))
    assert found == [
        "mine.toml, line 8, indicator 1 (code 'P1-04'), field 'principles': 9 is not one of the "
        "8 Marmot Principles: use numbers 1 to 8"
    ]


def test_an_unknown_polarity_lists_the_choices_and_the_nearest():
    [message] = problems(SETS + entry(polarity='"low is goood"'))
    assert "line 15, indicator 1 (code 'P1-04'), field 'polarity'" in message
    assert "'low is goood' is not a polarity" in message
    assert '"high is good", "low is good", "no judgement"' in message
    assert "(did you mean 'low is good'?)" in message


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("value_type", '"rate"', "'rate' is not a value type"),
        ("benchmark_method", '"95"', "'95' is not a benchmark method"),
        ("frequency", '"yearly"', "'yearly' is not a frequency"),
        ("lowest_geography", '"parish"', "'parish' is not a geography"),
    ],
)
def test_unknown_words_are_refused_field_by_field(field, text, words):
    [message] = problems(SETS + entry(**{field: text}))
    assert f"field {field!r}: {words}: use one of" in message


def test_a_missing_required_field_says_what_to_add():
    [message] = problems(SETS + entry(polarity=None))
    assert message == (
        "mine.toml, line 4, indicator 1 (code 'P1-04'), field 'polarity': is missing: "
        'add polarity = "low is good"'
    )


def test_a_misspelt_field_is_named_with_the_field_it_resembles():
    found = problems(SETS + entry() + 'polarty = "low is good"\n')
    assert any(
        "field 'polarty': is not a catalogue field: remove it (did you mean 'polarity'?)" in p
        for p in found
    )


def test_a_duplicate_code_names_both_indicators():
    found = problems(SETS + entry() + entry(fingertips_id=20101))
    assert found == [
        "mine.toml, line 25, indicator 2 (code 'P1-04'), field 'code': 'P1-04' is also the code "
        "of indicator 1 (line 5): give each indicator its own code"
    ]


def test_a_duplicate_fingertips_id_names_both_indicators():
    [message] = problems(SETS + entry() + entry("P1-05"))
    assert "indicator 2 (code 'P1-05'), field 'fingertips_id': 92196 is also the Fingertips ID" in (
        message
    )
    assert "of indicator 1 (P1-04, line 9)" in message


def test_an_unverified_id_needs_to_say_where_it_comes_from():
    [message] = problems(SETS + entry(id_source=None))
    assert "field 'id_source': is required when the Fingertips ID is unverified" in message


def test_verified_without_an_id_is_refused():
    text = SETS + entry(fingertips_id=1).replace("fingertips_id = 1\n", "")
    [message] = problems(text.replace("verified = false", "verified = true"))
    assert "field 'verified': says whether fingertips_id was checked" in message


def test_a_set_missing_from_the_sets_table_is_refused():
    [message] = problems(SETS + entry(sets='["IHE", "Leeds"]'))
    assert "'Leeds' is not a set named in [sets]: add it to [sets] or use one of \"IHE\"" in message


def test_wrong_kinds_of_value_are_refused():
    found = problems(SETS + entry(context='"no"', multiplier="0", principles='"1"'))
    assert any("field 'context': must be true or false (found 'no')" in p for p in found)
    assert any("field 'multiplier': must be a whole number above 0" in p for p in found)
    assert any("field 'principles': must be a list of numbers" in p for p in found)


def test_every_problem_is_reported_at_once():
    found = problems(SETS + entry(polarity='"up"', frequency='"weekly"') + entry("P1-05", 20101))
    assert len(found) == 2


def test_a_file_that_is_not_toml_names_the_line_to_correct():
    with pytest.raises(CatalogueError, match=r"mine\.toml: not valid TOML \(.*line 3.*\)"):
        parse_catalogue(SETS + "code = P1-04\n", file="mine.toml")


def test_a_file_without_indicators_is_refused():
    assert problems(SETS) == [
        "mine.toml, line 1: the file has no [[indicator]] tables: add one table per indicator"
    ]


def test_a_file_without_sets_or_with_an_unknown_table_is_refused():
    found = problems(entry() + "[owner]\nname = 'council'\n")
    assert found == [
        "mine.toml, line 21: 'owner' is not a catalogue table: use [sets] and [[indicator]] only",
        "mine.toml, line 1: the file has no [sets] table: add [sets] naming each set, "
        'e.g. "IHE" = "..."',
    ]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CatalogueError, match=r"nothing\.toml: cannot read the catalogue"):
        load_catalogue(tmp_path / "nothing.toml")


def test_a_catalogue_can_be_loaded_from_a_file(tmp_path):
    path = tmp_path / "local.toml"
    path.write_text(SETS + entry(), encoding="utf-8")
    assert load_catalogue(path).indicators["code"].to_list() == ["P1-04"]
