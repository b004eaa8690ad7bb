"""``marmot serve`` runs gunicorn with whitenoise and serves the home page; its workers are
replaced now and then, and it opens no control socket in a shared folder."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from marmot_monitor.cli.server import _GunicornServer, gunicorn_options


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, *, seconds: float = 30) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_workers_are_replaced_after_a_number_of_requests_with_jitter():
    options = gunicorn_options(host="::1", port=8000, workers=2, max_requests=1000)
    config = _GunicornServer(application=None, options=options).cfg
    assert (config.max_requests, config.max_requests_jitter) == (1000, 100)
    assert config.control_socket_disable is True
    assert config.bind == ["[::1]:8000"]


def test_serve_answers_health_checks_home_and_static_files(marmot, initialised, tmp_path):
    database = initialised
    port = free_port()
    environment = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "XDG_RUNTIME_DIR")
    }
    environment["MARMOT_DATA_DIR"] = str(marmot.data_dir)
    home = tmp_path / "home"
    home.mkdir()
    environment["HOME"] = str(home)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "marmot_monitor",
            "serve",
            "--db",
            str(database),
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        health = wait_for(f"http://127.0.0.1:{port}/healthz")
        assert b'"status": "ok"' in health
        page = wait_for(f"http://127.0.0.1:{port}/").decode()
        assert "Give every child the best start in life" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert "default-src 'self'" in response.headers["Content-Security-Policy"]
            assert response.headers["X-Frame-Options"] == "DENY"
        stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert wait_for(f"http://127.0.0.1:{port}{stylesheet}")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
    assert not (home / ".gunicorn").exists(), "no control socket in the shared home folder"


def test_demo_builds_the_database_then_serves_its_pages(marmot):
    """`marmot demo` (what `make demo` runs) serves pages that read the data it built: its
    server must not inherit the threads the build started (a forked worker would hang)."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["MARMOT_DATA_DIR"] = str(marmot.data_dir)
    command = [sys.executable, "-m", "marmot_monitor", "demo", "--scale", "small"]
    server = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "1"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert b'"status": "ok"' in wait_for(f"http://127.0.0.1:{port}/healthz", seconds=120)
        home = wait_for(f"http://127.0.0.1:{port}/", seconds=60).decode()
        assert "Compared with England" in home
        rug = wait_for(f"http://127.0.0.1:{port}/rug/?geography=wards", seconds=60).decode()
        assert "wards in Fairshire compared with Fairshire" in rug
    finally:
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=20)[0].decode()
    assert "Fairshire demo ready" in output
    assert "Serving on" in output
