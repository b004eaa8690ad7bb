"""The catalogue file's words are the catalogue models' choices, so every entry can be stored."""

from marmot_monitor.catalogue import terms
from marmot_monitor.web.catalogue.models import Indicator
from marmot_monitor.web.places.area_types import AREA_TYPES


def test_the_catalogue_file_and_the_indicator_model_share_their_vocabularies():
    assert tuple(Indicator.ValueType.values) == terms.VALUE_TYPES
    assert tuple(Indicator.Polarity.values) == terms.POLARITIES
    assert tuple(Indicator.BenchmarkMethod.values) == terms.BENCHMARK_METHODS
    assert tuple(Indicator.CIMethod.values) == terms.CI_METHODS
    assert tuple(Indicator.Frequency.values) == terms.FREQUENCIES


def test_every_lowest_geography_is_a_standard_area_type():
    assert set(terms.GEOGRAPHIES) <= {code for code, _name, _level in AREA_TYPES}
