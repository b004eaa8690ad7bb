"""Settings come from environment variables through strict helpers."""

import stat

import pytest

from marmot_monitor.web import config


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("yes", True),
        ("on", True),
        ("false", False),
        ("0", False),
        ("No", False),
        ("off", False),
        (" true ", True),
    ],
)
def test_boolean_words_are_read(monkeypatch, raw, expected):
    monkeypatch.setenv("MARMOT_FLAG", raw)
    assert config.env_bool("MARMOT_FLAG", default=not expected) is expected


@pytest.mark.parametrize("raw", ["maybe", "ture", "2", "enabled"])
def test_a_bad_boolean_is_an_error_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("MARMOT_DEBUG", raw)
    with pytest.raises(config.ConfigurationError, match=rf"MARMOT_DEBUG='{raw}' is not a boolean"):
        config.env_bool("MARMOT_DEBUG", default=False)


def test_an_unset_or_blank_boolean_takes_the_default(monkeypatch):
    monkeypatch.delenv("MARMOT_FLAG", raising=False)
    assert config.env_bool("MARMOT_FLAG", default=True) is True
    monkeypatch.setenv("MARMOT_FLAG", "  ")
    assert config.env_bool("MARMOT_FLAG", default=False) is False


def test_a_bad_integer_is_an_error(monkeypatch):
    monkeypatch.setenv("MARMOT_HSTS_SECONDS", "a year")
    with pytest.raises(config.ConfigurationError, match="is not a whole number"):
        config.env_int("MARMOT_HSTS_SECONDS", default=0)


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("MARMOT_ALLOWED_HOSTS", " a.example , b.example,, ")
    assert config.env_list("MARMOT_ALLOWED_HOSTS", default=[]) == ["a.example", "b.example"]


def test_the_secret_key_is_generated_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("MARMOT_SECRET_KEY", raising=False)
    first = config.secret_key(tmp_path)
    assert len(first) >= 50
    assert config.secret_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_a_secret_key_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("MARMOT_SECRET_KEY", "from-the-environment")
    assert config.secret_key(tmp_path) == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_sqlite_urls_become_a_sqlite_database():
    settings = config.database_settings("sqlite:////srv/marmot/db.sqlite3")
    assert settings["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["NAME"] == "/srv/marmot/db.sqlite3"


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
def test_postgres_urls_become_a_postgresql_database(scheme):
    settings = config.database_settings(f"{scheme}://ann:secret@db.example:5433/marmot")
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert (settings["NAME"], settings["HOST"], settings["PORT"]) == ("marmot", "db.example", 5433)
    assert "secret" not in config.describe_database(settings)


@pytest.mark.parametrize("url", ["mysql://u:p@h/db", "oracle://h/db", "redis://h"])
def test_an_unsupported_database_scheme_is_an_error_saying_what_to_use(url):
    with pytest.raises(config.ConfigurationError, match=r"unsupported scheme .* use sqlite:///"):
        config.database_settings(url)


def test_a_sqlite_url_without_a_path_is_an_error():
    with pytest.raises(config.ConfigurationError, match="names no file"):
        config.database_settings("sqlite://")


def test_the_data_folder_comes_from_the_environment_and_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("MARMOT_DATA_DIR", str(tmp_path / "new" / "folder"))
    assert config.data_dir() == tmp_path / "new" / "folder"
    assert (tmp_path / "new" / "folder").is_dir()
