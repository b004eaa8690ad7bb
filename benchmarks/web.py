"""Benchmark the tartan rug page served by ``marmot serve`` against the same page as a file.

Run ``python benchmarks/web.py`` (``--requests``, ``--clients``, ``--workers`` to change the
load). It builds a database in a temporary folder: the small Fairshire demo enlarged to 150
areas across (the place and 149 comparators, each added one a copy of a demo comparator with
its values scaled by a random factor) and 60 indicators down (each under one principle; 9 are
copies of demo indicators). Building it is not timed.

Then ``marmot serve`` (gunicorn with whitenoise, ``--workers`` processes) serves both:

* ours: ``/rug/``, the rug page of the place among its comparators (about 9,500 cells);
* the anchor: the same page's HTML saved as a static file, ``/static/bench/rug.html``,
  which whitenoise serves from the same server.

Each is warmed up (so that every server process has read its static files and filled its
cache once), then fetched ``--requests`` times by ``--clients`` concurrent clients over
loopback, in two alternating rounds each; every request opens a connection, sends GET and
reads the whole body. A response that is not 200 with the expected length is an error.

The last line printed is::

    BENCH rug_page ours=<p95 seconds> anchor=<p95 seconds> ratio=<ours/anchor> target=3

Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
MARMOT = Path(sys.executable).with_name("marmot")
AREAS, INDICATORS = 150, 60
PAGE, STATIC = "/rug/", "/static/bench/rug.html"
STATISTICS = ["value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8"]
TARGET = 3


def enlarged_fairshire(*, areas: int = AREAS, indicators: int = INDICATORS, seed: int = 7):
    """The small Fairshire demo with ``areas`` across (the place and its comparators) and
    ``indicators`` down, each indicator under one principle."""
    from marmot_monitor.demo import build_fairshire

    demo = build_fairshire(scale="small")
    rng = np.random.default_rng(seed)
    frame, values = _more_comparators(demo.areas, demo.values, areas - 1, rng)
    table, values = _more_indicators(demo.indicators, values, indicators, rng)
    return dataclasses.replace(demo, areas=frame, values=values, indicators=table)


def _scaled(values: pl.DataFrame, factor: pl.Expr) -> pl.DataFrame:
    return values.with_columns(pl.col(STATISTICS) * factor)


def _more_comparators(areas: pl.DataFrame, values: pl.DataFrame, wanted: int, rng):
    peers = areas.filter(pl.col("is_comparator"))
    extra = wanted - peers.height
    sources = [peers.row(index % peers.height, named=True) for index in range(extra)]
    copies = pl.DataFrame(
        [
            {**row, "code": f"X15{index:06d}", "name": f"{row['name']} {index // peers.height + 2}"}
            for index, row in enumerate(sources)
        ],
        schema=areas.schema,
    )
    factors = pl.DataFrame(
        {
            "source": [row["code"] for row in sources],
            "copy": copies["code"],
            "factor": rng.uniform(0.85, 1.15, extra),
        }
    )
    copied = values.join(factors, left_on="area_code", right_on="source").with_columns(
        pl.col("copy").alias("area_code")
    )
    copied = _scaled(copied, pl.col("factor")).select(values.columns)
    return pl.concat([areas, copies]), pl.concat([values, copied])


def _more_indicators(table: pl.DataFrame, values: pl.DataFrame, wanted: int, rng):
    table = table.with_columns(pl.col("principles").list.head(1))
    extra = wanted - table.height
    sources = table.head(extra)
    copies = sources.with_columns(
        (pl.lit("BX-") + pl.int_range(1, extra + 1).cast(pl.String).str.zfill(2)).alias("code"),
        (pl.col("title") + pl.lit(" (copy)")).alias("title"),
        pl.lit(None).cast(table.schema["fingertips_id"]).alias("fingertips_id"),
    ).select(table.columns)
    codes = dict(zip(sources["code"], copies["code"], strict=True))
    copied = values.filter(pl.col("indicator_code").is_in(list(codes))).with_columns(
        pl.col("indicator_code").replace_strict(codes)
    )
    factor = pl.lit(rng.uniform(0.9, 1.1))
    return pl.concat([table, copies]), pl.concat([values, _scaled(copied, factor)])


def build_database(folder: Path) -> tuple[Path, str]:
    """The enlarged demo in ``folder``'s database; the rug page's HTML as a static file."""
    database = folder / "bench.sqlite3"
    os.environ["MARMOT_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    from marmot_monitor.cli import setup

    setup.start_django(db=database)
    setup.migrate()
    setup.collect_static()
    from django.conf import settings
    from django.test import Client

    from marmot_monitor.web.demo import load_fairshire

    load_fairshire(enlarged_fairshire(), label="Web benchmark")
    response = Client(SERVER_NAME="127.0.0.1").get(PAGE)
    if response.status_code != 200:
        sys.exit(f"the rug page answered {response.status_code}")
    static = Path(settings.STATIC_ROOT) / "bench" / "rug.html"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(response.content)
    cells = response.content.count(b"<td ")
    return database, f"{len(response.content):,} bytes, {cells:,} cells"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(database: Path, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [str(MARMOT), "serve", "--db", str(database), "--port", str(port)]
    command += ["--workers", str(workers)]
    server = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)
    for _ in range(120):
        try:
            fetch(port, "/healthz")
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit("marmot serve stopped:\n" + log.read_text())
            time.sleep(0.5)
    server.terminate()
    sys.exit("marmot serve did not answer within a minute")


def fetch(port: int, path: str) -> tuple[int, int, float]:
    """(status, body length, seconds) of one GET on a new connection."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, len(body), time.perf_counter() - start


def load(port: int, path: str, *, requests: int, clients: int, size: int) -> tuple[list, int]:
    """Latencies of ``requests`` GETs of ``path`` by ``clients`` at once; and the errors."""

    def one(_: int) -> tuple[float, bool]:
        try:
            status, length, seconds = fetch(port, path)
        except OSError:
            return float("nan"), True
        return seconds, status != 200 or length != size

    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, range(requests)))
    return [seconds for seconds, _ in results], sum(error for _, error in results)


def p95(latencies: list[float]) -> float:
    return float(np.percentile([s for s in latencies if s == s], 95))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="marmot serve --workers")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="marmot-web-bench-") as name:
        folder = Path(name)
        print("Building the database (not timed)...", flush=True)
        database, described = build_database(folder)
        size = (Path(os.environ["MARMOT_DATA_DIR"]) / "static" / "bench" / "rug.html").stat()
        print(f"Rug page: {described}; {AREAS} areas x {INDICATORS} indicators", flush=True)
        port = free_port()
        server = serve(database, port, options.workers, folder / "serve.log")
        try:
            measured = run(port, size.st_size, options)
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(measured, options)


def run(port: int, size: int, options) -> dict[str, tuple[list, int]]:
    warm = 4 * options.workers
    for path in (PAGE, STATIC):
        load(port, path, requests=warm, clients=options.workers, size=size)
    measured: dict[str, tuple[list, int]] = {PAGE: ([], 0), STATIC: ([], 0)}
    half = options.requests // 2
    for _ in range(2):
        for path in (PAGE, STATIC):
            latencies, errors = load(port, path, requests=half, clients=options.clients, size=size)
            measured[path] = (measured[path][0] + latencies, measured[path][1] + errors)
    return measured


def report(measured: dict[str, tuple[list, int]], options) -> None:
    for name, path in (("ours", PAGE), ("anchor", STATIC)):
        latencies, errors = measured[path]
        print(
            f"{name:6} {path:24} requests={len(latencies)} errors={errors} "
            f"median={statistics.median(latencies):.4f}s p95={p95(latencies):.4f}s"
        )
    ours, anchor = p95(measured[PAGE][0]), p95(measured[STATIC][0])
    errors = measured[PAGE][1] + measured[STATIC][1]
    print(f"{options.clients} clients, {options.workers} server workers, errors={errors}")
    print(
        f"BENCH rug_page ours={ours:.4f} anchor={anchor:.4f} "
        f"ratio={ours / anchor:.2f} target={TARGET}"
    )


if __name__ == "__main__":
    main()
