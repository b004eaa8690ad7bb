"""One frame adapter: the methods and the analyses read and give back frames the same way."""

from __future__ import annotations

import numpy as np
import pandas as pd
import polars as pl
import pytest

from marmot_monitor.analysis._common import AnalysisError, read_frame
from marmot_monitor.methods import proportion
from marmot_monitor.methods._frames import frame_kind, from_polars, to_polars

ROWS = {"area": np.array(["A", None, "C"], dtype=object), "count": np.array([1.0, 2.0, 3.0])}


@pytest.mark.parametrize(
    ("data", "kind"),
    [(pl.DataFrame(ROWS), "polars"), (pd.DataFrame(ROWS), "pandas"), (ROWS, "mapping")],
)
def test_every_kind_of_input_reads_to_the_same_polars_frame_and_goes_back_as_it_came(data, kind):
    assert frame_kind(data) == kind
    frame = to_polars(data)
    assert frame.schema == pl.Schema({"area": pl.String, "count": pl.Float64})
    assert frame.get_column("area").to_list() == ["A", None, "C"]
    assert type(from_polars(frame, kind)) is type(data)


def test_a_pandas_index_is_given_back_only_when_asked_for():
    data = pd.DataFrame({"count": [1.0, 2.0]}, index=[10, 20])
    frame = to_polars(data)
    assert list(from_polars(frame, "pandas", index=data.index).index) == [10, 20]
    assert list(from_polars(frame, "pandas").index) == [0, 1]


def test_methods_and_analyses_read_text_with_missing_entries_alike():
    data = {"key": ROWS["area"], "numerator": [1, 2, 3], "denominator": [10, 10, 10]}
    assert proportion(data, numerator="numerator", denominator="denominator", group_by="key")[
        "key"
    ].tolist() == ["A", "C", None]
    frame, _ = read_frame(data)
    assert frame.get_column("key").to_list() == ["A", None, "C"]


def test_anything_but_a_frame_or_a_mapping_is_refused_by_the_analyses():
    with pytest.raises(AnalysisError, match="must be a pandas or polars DataFrame"):
        read_frame([1, 2, 3])
