"""`marmot place set` and `marmot place show` on the real ONS lookup, as a user runs them."""

from tests.web.places.conftest import real_file


def test_place_set_makes_cheshire_east_the_place_and_says_so_once(marmot, initialised):
    lookup = real_file("lookups/ltla24_region24.csv")
    db = ["--db", str(initialised)]
    assert marmot("import", "lookup", str(lookup), *db).returncode == 0

    first = marmot("place", "set", "E06000049", *db)
    assert first.returncode == 0, first.stderr
    assert "Place: E06000049 Cheshire East" in first.stdout
    assert "Benchmark: E92000001 England" in first.stdout
    assert "Comparators (22): E06000008 Blackburn with Darwen, E06000009 Blackpool" in first.stdout
    assert "Catalogue marmot.toml: " in first.stdout

    again = marmot("place", "set", "E06000049", *db)
    assert "Nothing changed: the place was already set like this." in again.stdout

    wrong = marmot("place", "set", "E06000048", *db)
    assert wrong.returncode == 2
    assert wrong.stdout == ""
    assert wrong.stderr.startswith("Error: 'E06000048' is not a local authority")
    assert wrong.stderr.count("\n") == 1, "one line"

    shown = marmot("place", "show", *db)
    assert "Place: E06000049 Cheshire East (Unitary authority)" in shown.stdout
    assert "Within: E12000002 North West" in shown.stdout
