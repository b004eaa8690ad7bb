"""Run the WSGI application under gunicorn, the production server ``marmot serve`` uses."""

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


def serve(*, host: str, port: int, workers: int) -> None:
    """Serve until interrupted (Ctrl+C)."""
    from marmot_monitor.web.wsgi import application

    options = {
        "bind": bind_address(host, port),
        "workers": workers,
        "accesslog": "-",
        "errorlog": "-",
        "timeout": 120,
        "graceful_timeout": 10,
    }
    _GunicornServer(application, options).run()
