"""A local HTTP server standing in for the Fingertips API (tests never go online)."""

from __future__ import annotations

import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeFingertips:
    """Serves ``body`` for the CSV endpoint (or ``status``), and records the queries."""

    def __init__(self) -> None:
        self.body = b""
        self.status = 200
        self.queries: list[dict[str, list[str]]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                address = urllib.parse.urlsplit(self.path)
                fake.queries.append(urllib.parse.parse_qs(address.query))
                found = address.path == "/api/all_data/csv/by_indicator_id"
                status = fake.status if found else 404
                self.send_response(status)
                self.send_header("Content-Type", "text/csv")
                self.end_headers()
                if status == 200:
                    self.wfile.write(fake.body)

            def log_message(self, *args) -> None:
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeFingertips:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
