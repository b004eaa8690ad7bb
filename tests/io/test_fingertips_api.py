"""Fetching from the Fingertips API, tested against a local server."""

import socket

import pytest

from marmot_monitor.io.fingertips_api import FetchError, area_type_id, fetch_fingertips
from marmot_monitor.io.values import read_fingertips
from tests.io.files import fingertips_row, write_fingertips


def test_the_download_is_saved_as_the_csv_fingertips_serves(fake_fingertips, tmp_path):
    source = write_fingertips(tmp_path / "served.csv", [fingertips_row()])
    fake_fingertips.body = source.read_bytes()
    path = fetch_fingertips(
        [90001, 90002], tmp_path / "out" / "ft.csv", area_type=502, base_url=fake_fingertips.url
    )
    assert path.read_bytes() == source.read_bytes()
    assert fake_fingertips.queries == [
        {"indicator_ids": ["90001,90002"], "child_area_type_id": ["502"]}
    ]
    assert read_fingertips(path).rows.height == 1


def test_a_parent_area_type_is_asked_for_when_given(fake_fingertips, tmp_path):
    fake_fingertips.body = write_fingertips(tmp_path / "s.csv", [fingertips_row()]).read_bytes()
    fetch_fingertips(
        [90001],
        tmp_path / "ft.csv",
        area_type=8,
        parent_area_type=502,
        base_url=fake_fingertips.url,
    )
    assert fake_fingertips.queries[0]["parent_area_type_id"] == ["502"]


def test_an_http_error_names_the_indicators_and_leaves_no_file(fake_fingertips, tmp_path):
    fake_fingertips.status = 500
    with pytest.raises(FetchError, match=r"Fingertips answered 500 .* indicator\(s\) 1, 2"):
        fetch_fingertips([1, 2], tmp_path / "ft.csv", area_type=502, base_url=fake_fingertips.url)
    assert list(tmp_path.iterdir()) == []


def test_a_header_without_data_says_the_indicator_has_none_there(fake_fingertips, tmp_path):
    fake_fingertips.body = write_fingertips(tmp_path / "s.csv", []).read_bytes()
    with pytest.raises(FetchError, match="no data for indicator\\(s\\) 90001 at area type 8"):
        fetch_fingertips([90001], tmp_path / "out.csv", area_type=8, base_url=fake_fingertips.url)
    assert not (tmp_path / "out.csv").exists()


def test_an_unreachable_server_says_what_to_check(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=r"cannot reach Fingertips.*HTTPS_PROXY"):
        fetch_fingertips(
            [1], tmp_path / "ft.csv", area_type=502, base_url=f"http://127.0.0.1:{port}"
        )


@pytest.mark.parametrize(("name", "number"), [("county-ua", 502), ("Region", 6), ("402", 402)])
def test_area_types_are_given_by_name_or_number(name, number):
    assert area_type_id(name) == number


def test_an_unknown_area_type_lists_the_names():
    with pytest.raises(FetchError, match=r"'counties' is not a Fingertips area type.*county-ua"):
        area_type_id("counties")
