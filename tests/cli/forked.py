"""``marmot`` in a process of its own, forked from a server that has imported its libraries.

A new ``python -m marmot_monitor`` spends about a second importing polars, NumPy, SciPy,
Altair, Django and the rest before the command starts, and the CLI tests start hundreds.
Here a small server (this module, run as ``python -m tests.cli.forked``, one per test
process) imports those libraries once: nothing of Marmot Monitor, and no Django settings
(``DJANGO_SETTINGS_MODULE`` is kept out of its environment). Each command is a child forked
from it: a process of its own, with its own environment, working folder, standard streams
(files, read back as text; standard input empty) and exit status, running
``marmot_monitor`` as ``python -m`` does. So Marmot Monitor's modules are imported, and
Django started on the command's own database, in the child, as in the real command.

What only a new interpreter shows (signals, ``marmot serve`` and its gunicorn workers) is
tested with one: tests/cli/test_import_killed.py and test_serve.py.
"""

from __future__ import annotations

import atexit
import importlib
import io
import json
import os
import runpy
import select
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Imported once by the server: the libraries a command imports before it does its work (one
# missing from the list is imported by each child instead: slower, never wrong).
LIBRARIES = [
    "numpy",
    "scipy.special",
    "scipy.stats",
    "polars",
    "pyarrow",
    "pyarrow.compute",
    "fastexcel",
    "narwhals.stable.v1",
    "altair",
    "vl_convert",
    "fpdf",
    "docx",
    "openpyxl",
    "xlsxwriter",
    "PIL.Image",
    "rich.console",
    "rich.markdown",
    "rich.progress",
    "rich.table",
    "typer",
    "typer.rich_utils",
    "jinja2",
    "sqlparse",
    "tomllib",
    "platformdirs",
    "email.headerregistry",
    "email.mime.multipart",
    "email.mime.text",
    "django.core.management",
    "django.db.backends.sqlite3.base",
    "django.db.migrations.executor",
    "django.db.models",
    "django.forms",
    "django.template",
]
ROOT = Path(__file__).resolve().parents[2]
_server: list[subprocess.Popen] = []


def run_marmot(
    args: list[str], environment: dict[str, str], timeout: float
) -> subprocess.CompletedProcess:
    """``marmot`` with ``args`` in ``environment``, from the current folder: the finished
    process, as :func:`subprocess.run` with ``capture_output=True, text=True`` gives it."""
    server = _running_server()
    command = [sys.executable, "-m", "marmot_monitor", *args]
    with tempfile.TemporaryDirectory(prefix="marmot-command-") as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        request = {
            "args": list(args),
            "environment": environment,
            "cwd": os.getcwd(),
            "out": str(out),
            "err": str(err),
        }
        server.stdin.write(json.dumps(request).encode() + b"\n")
        server.stdin.flush()
        child = _answer(server)
        status = _answer(server, time.monotonic() + timeout)
        if status is None:
            os.kill(child, signal.SIGKILL)
            _answer(server)
            raise subprocess.TimeoutExpired(command, timeout)
        return subprocess.CompletedProcess(
            command, status, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
        )


def _answer(server: subprocess.Popen, deadline: float | None = None) -> int | None:
    """The server's next answer (a number on a line), or None if it is not there by
    ``deadline`` (a :func:`time.monotonic` time)."""
    line = b""
    while not line.endswith(b"\n"):
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not select.select([server.stdout], [], [], wait)[0]:
            return None
        byte = os.read(server.stdout.fileno(), 1)
        if not byte:
            raise RuntimeError("the command server of the CLI tests has stopped")
        line += byte
    return int(line)


def _running_server() -> subprocess.Popen:
    """The server of this test process, started on first use."""
    if not _server:
        environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.cli.forked"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
            cwd=ROOT,
            env=environment,
        )
        atexit.register(server.stdin.close)
        _server.append(server)
    return _server[0]


def serve() -> None:
    """Import the libraries, then fork a child per request line; answer with the child's
    process id, then its exit status (negative: the signal that ended it)."""
    for name in LIBRARIES:
        importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        child = os.fork()
        if child == 0:
            _command(**request)
        print(child, flush=True)
        _, wait_status = os.waitpid(child, 0)
        print(os.waitstatus_to_exitcode(wait_status), flush=True)


def _command(args: list[str], environment: dict[str, str], cwd: str, out: str, err: str):
    """In the child: become ``python -m marmot_monitor ARGS``, and end as it ends: the
    interpreter's own exit (exit status, traceback, atexit, connections closed)."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(environment)
    _redirect(0, os.devnull, os.O_RDONLY)
    _redirect(1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    _redirect(2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8")
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace"
    )
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = sys.stdin, sys.stdout, sys.stderr
    sys.argv = ["marmot", *args]
    runpy.run_module("marmot_monitor", run_name="__main__", alter_sys=True)
    sys.exit(0)  # SystemExit or an uncaught exception ends the child as it ends Python


def _redirect(descriptor: int, path: str, flags: int) -> None:
    opened = os.open(path, flags, 0o600)
    os.dup2(opened, descriptor)
    os.close(opened)


if __name__ == "__main__":
    serve()
