"""Grouping with NumPy (``methods._groups``) gives polars' groups, sums and order exactly."""

from __future__ import annotations

import numpy as np
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from marmot_monitor.methods._frames import read_table
from marmot_monitor.methods._groups import number_groups

# Key columns of every kind the NumPy path handles, with missing values, plus floats (polars).
key_values = {
    "small integers": st.integers(-3, 3),
    "wide integers": st.sampled_from([-(2**62), -1, 0, 7, 2**40, 2**62]),
    "tiny integers": st.integers(-128, 127),
    "unsigned integers": st.sampled_from([0, 5, 2**63, 2**64 - 2, 2**64 - 1]),
    "text": st.sampled_from(["E06000001", "E06000002", "b", "", "Ä"]),
    "booleans": st.booleans(),
    "floats": st.sampled_from([-1.5, 0.0, 2.25]),
}
dtypes = {
    "small integers": pl.Int16,
    "wide integers": pl.Int64,
    "tiny integers": pl.Int8,
    "unsigned integers": pl.UInt64,
    "text": pl.String,
    "booleans": pl.Boolean,
    "floats": pl.Float64,
}


@st.composite
def keyed_frames(draw: st.DrawFn) -> pl.DataFrame:
    rows = draw(st.integers(1, 40))
    kinds = draw(st.lists(st.sampled_from(sorted(key_values)), min_size=1, max_size=3))
    columns = {}
    for i, kind in enumerate(kinds):
        values = st.none() | key_values[kind] if draw(st.booleans()) else key_values[kind]
        cells = draw(st.lists(values, min_size=rows, max_size=rows))
        columns[f"key_{i}"] = pl.Series(f"key_{i}", cells, dtype=dtypes[kind])
    amounts = draw(st.lists(st.integers(0, 1000), min_size=rows, max_size=rows))
    return pl.DataFrame([*columns.values(), pl.Series("amount", amounts, dtype=pl.Float64)])


@settings(max_examples=80, deadline=None)
@given(keyed_frames())
def test_groups_sums_and_order_equal_a_polars_group_by_sorted_with_missing_keys_last(frame):
    keys = [name for name in frame.columns if name != "amount"]
    expected = frame.group_by(keys).agg(pl.col("amount").sum()).sort(keys, nulls_last=True)
    table = read_table(frame, group_by=keys, amount="amount")
    groups, sums = table.sums({"amount": frame.get_column("amount").to_numpy()})
    assert groups.equals(expected.select(keys))
    assert_allclose(sums["amount"], expected.get_column("amount").to_numpy())


def test_numpy_path_is_taken_for_integer_text_and_boolean_keys_only():
    frame = pl.DataFrame({"i": [2, 1, 2], "s": ["b", "a", None], "b": [True, False, True]})
    groups = number_groups(frame, ["i", "s", "b"])
    assert groups is not None
    assert_array_equal(groups.code, [1, 0, 2])
    assert number_groups(frame.with_columns(pl.col("i").cast(pl.Float64)), ["i"]) is None


def test_a_missing_amount_makes_only_its_group_missing():
    frame = pl.DataFrame({"g": [1, 1, 2], "amount": [1.0, None, 3.0]})
    table = read_table(frame, group_by="g", amount="amount")
    _, sums = table.sums({"amount": table.numeric("amount")})
    assert_array_equal(sums["amount"], [np.nan, 3.0])


def test_combined_key_ranges_beyond_the_dense_limit_are_compacted_in_order():
    frame = pl.DataFrame({"a": [2**50, 0, 2**50, -(2**50)], "b": [2**45, 3, 0, 3]})
    groups = number_groups(frame, ["a", "b"])
    assert groups is not None
    assert_array_equal(groups.code, [3, 1, 2, 0])
