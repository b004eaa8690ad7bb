"""Strict readers of the environment variables that configure Marmot Monitor.

Every setting comes from an environment variable read by one of these helpers. A value
that cannot be understood is an error naming the variable, what it holds and what it
should hold, never a silent fallback.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import platformdirs

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})
SQLITE_SCHEMES = frozenset({"sqlite"})
POSTGRES_SCHEMES = frozenset({"postgres", "postgresql", "pgsql"})

BAD_BOOLEAN = "{name}={raw!r} is not a boolean: use true or false (also 1/0, yes/no, on/off)"
BAD_INTEGER = "{name}={raw!r} is not a whole number"
BAD_SCHEME = (
    "{name} uses the unsupported scheme {scheme!r}: use sqlite:///PATH/TO/FILE.sqlite3 "
    "or postgresql://USER:PASSWORD@HOST:PORT/NAME"
)
BAD_SQLITE_URL = "{name}={raw!r} names no file: use sqlite:///PATH/TO/FILE.sqlite3"
BAD_NETWORK = (
    "{name} holds {item!r}, which is not an IP address or network: give addresses or "
    "networks such as 10.0.0.5 or 10.0.0.0/24, separated by commas"
)
UNREADABLE_SECRET = "the secret key file {path} is empty: delete it and a new key will be made"


class ConfigurationError(ValueError):
    """An environment variable holds a value Marmot Monitor cannot use."""


def env_bool(name: str, *, default: bool) -> bool:
    """Read a boolean; an unrecognised word is an error, not ``False``."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigurationError(BAD_BOOLEAN.format(name=name, raw=raw))


def env_int(name: str, *, default: int) -> int:
    """Read a whole number."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigurationError(BAD_INTEGER.format(name=name, raw=raw)) from None


def env_str(name: str, *, default: str) -> str:
    """Read a string, stripped of surrounding spaces."""
    raw = os.environ.get(name)
    return default if raw is None or raw.strip() == "" else raw.strip()


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Read a comma-separated list; blank items are dropped."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Read a comma-separated list of IP addresses and networks (CIDR); empty by default.

    An address is a network of one (``10.0.0.5`` is ``10.0.0.5/32``); a network with host
    bits set (``10.0.0.5/24``) is an error rather than silently widened.
    """
    networks = []
    for item in env_list(name, default=[]):
        try:
            networks.append(ipaddress.ip_network(item))
        except ValueError:
            raise ConfigurationError(BAD_NETWORK.format(name=name, item=item)) from None
    return networks


def data_dir() -> Path:
    """The folder holding the SQLite database, the secret key and collected static files.

    ``MARMOT_DATA_DIR`` if set, else the user data folder of the platform
    (``~/.local/share/marmot-monitor`` on Linux). Created when missing.
    """
    raw = env_str("MARMOT_DATA_DIR", default="")
    folder = Path(raw).expanduser() if raw else platformdirs.user_data_path("marmot-monitor")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def secret_key(folder: Path) -> str:
    """``MARMOT_SECRET_KEY`` if set, else a key generated once into ``folder/secret_key``."""
    from_env = env_str("MARMOT_SECRET_KEY", default="")
    if from_env:
        return from_env
    path = folder / "secret_key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if not key:
        raise ConfigurationError(UNREADABLE_SECRET.format(path=path))
    return key


def database_url(folder: Path) -> str:
    """``DATABASE_URL`` if set, else a SQLite file in the data folder."""
    return env_str("DATABASE_URL", default=f"sqlite:///{folder / 'marmot.sqlite3'}")


def database_settings(url: str, *, name: str = "DATABASE_URL") -> dict:
    """Django ``DATABASES['default']`` for a SQLite or PostgreSQL URL; other schemes are errors."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in SQLITE_SCHEMES:
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if not path:
            raise ConfigurationError(BAD_SQLITE_URL.format(name=name, raw=url))
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # Each server process keeps its connection rather than opening one per request.
            "CONN_MAX_AGE": 60,
        }
    if scheme in POSTGRES_SCHEMES:
        settings = dj_database_url.parse(url.replace(f"{scheme}://", "postgres://", 1))
        settings["ENGINE"] = "django.db.backends.postgresql"
        settings["CONN_MAX_AGE"] = 60
        settings["CONN_HEALTH_CHECKS"] = True
        return settings
    raise ConfigurationError(BAD_SCHEME.format(name=name, scheme=scheme or url))


def describe_database(settings: dict) -> str:
    """A one-line description of a database without its password."""
    if settings["ENGINE"].endswith("sqlite3"):
        return f"SQLite file {settings['NAME']}"
    host = settings.get("HOST") or "local socket"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"PostgreSQL database {settings['NAME']!r} on {host}{port} as {settings.get('USER')!r}"
