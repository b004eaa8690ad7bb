"""Run the WSGI application under gunicorn, the production server ``marmot serve`` uses.

Each worker is replaced after ``MARMOT_WORKER_MAX_REQUESTS`` requests and a random number
up to a tenth more (so they do not all restart at once), which bounds what a leak or a large
upload can leave behind. gunicorn's control socket (``gunicornc``) is switched off: it would
go to a folder shared by everything the user runs (``$XDG_RUNTIME_DIR`` or ``~/.gunicorn``),
and the signals do the same work (``HUP`` reloads, ``TTIN``/``TTOU`` add or remove a worker).
"""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class _GunicornServer(BaseApplication):
    def __init__(self, application, options: dict) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


def bind_address(host: str, port: int) -> str:
    """gunicorn's bind string; IPv6 hosts go in brackets."""
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def gunicorn_options(*, host: str, port: int, workers: int, max_requests: int) -> dict:
    """gunicorn's settings; ``max_requests`` 0 never replaces a worker."""
    return {
        "bind": bind_address(host, port),
        "workers": workers,
        "accesslog": "-",
        "errorlog": "-",
        "timeout": 120,
        "graceful_timeout": 10,
        "max_requests": max_requests,
        "max_requests_jitter": max_requests // 10,
        "control_socket_disable": True,
    }


def serve(*, host: str, port: int, workers: int) -> None:
    """Serve until interrupted (Ctrl+C)."""
    from django.conf import settings

    from marmot_monitor.web.wsgi import application

    options = gunicorn_options(
        host=host, port=port, workers=workers, max_requests=settings.WORKER_MAX_REQUESTS
    )
    _GunicornServer(application, options).run()
