"""``marmot imports`` lists, shows and deletes imports."""


def test_list_says_when_there_are_no_imports(marmot, initialised):
    database = initialised
    result = marmot("imports", "list", "--db", str(database))
    assert result.returncode == 0
    assert "No imports yet." in result.stdout


def test_showing_an_unknown_import_says_how_to_list_them(marmot, initialised):
    database = initialised
    result = marmot("imports", "show", "42", "--db", str(database))
    assert result.returncode == 2
    assert "there is no import number 42: `marmot imports list` shows them" in result.stderr


def test_list_and_show_describe_the_demo_import(marmot, demo_database):
    listing = marmot("imports", "list", "--db", str(demo_database))
    assert "Fairshire demo" in listing.stdout
    assert "Succeeded" in listing.stdout
    shown = marmot("imports", "show", "1", "--db", str(demo_database))
    assert shown.returncode == 0, shown.stderr
    assert "SHA-256" in shown.stdout
    assert "Values held now" in shown.stdout


def test_delete_without_confirmation_changes_nothing(marmot, demo_database):
    result = marmot("imports", "delete", "1", "--db", str(demo_database))
    assert result.returncode != 0
    assert "Fairshire demo" in marmot("imports", "list", "--db", str(demo_database)).stdout


def test_delete_with_yes_removes_the_import_and_its_values(marmot, demo_database):
    result = marmot("imports", "delete", "1", "--yes", "--db", str(demo_database))
    assert result.returncode == 0, result.stderr
    assert "values removed" in result.stdout
    assert "No imports yet." in marmot("imports", "list", "--db", str(demo_database)).stdout
