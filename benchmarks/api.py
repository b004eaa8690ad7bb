"""Benchmark /api/v1/values served by ``marmot serve`` against the same bytes as a file.

Run ``python benchmarks/api.py`` (``--requests``, ``--clients``, ``--workers`` to change the
load). It builds the full Fairshire demo in a temporary folder (not timed) and asks for the
values of 30 indicators for every area of one type in every period, as one JSON page. The
type is the one with the most areas among those with values of at least 30 indicators (in the
demo, counties: the place and its 7 county comparators; its wards and LSOAs have 13):

* ours: ``/api/v1/values?indicator=<30 codes>&area_type=<type>&limit=50000``;
* the anchor: that answer's bytes saved as a static file, ``/static/bench/values.json``,
  which whitenoise serves from the same server.

Both are served by one ``marmot serve`` (gunicorn with whitenoise, ``--workers`` processes,
the API's rate limit off), warmed up, then fetched ``--requests`` times each by
``--clients`` concurrent clients in two alternating rounds (the helpers of
``benchmarks/web.py``). Each server process keeps an answer until the data changes, as the
pages do, so after the warm-up ours is the cached answer plus the data version's query and
the entity tag. A second server with that cache off (``MARMOT_CACHE_ENTRIES=0``) is then
timed the same way with a tenth of the requests, so every call queries and writes the
values; it is printed for information.

The last line printed is::

    BENCH api_values ours=<p95 seconds> anchor=<p95 seconds> ratio=<ours/anchor> target=3

Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from web import free_port, load, p95, serve

INDICATORS = 30
STATIC = "/static/bench/values.json"
TARGET = 3


def build_database(folder: Path) -> tuple[Path, str, int]:
    """The full demo in ``folder``'s database; the call's path, and its answer saved as a
    static file of the returned size."""
    database = folder / "bench.sqlite3"
    os.environ["MARMOT_DATA_DIR"] = str(folder)
    os.environ.pop("DATABASE_URL", None)
    from marmot_monitor.cli import setup

    setup.start_django(db=database)
    setup.migrate()
    setup.collect_static()
    from django.conf import settings
    from django.test import Client

    from marmot_monitor.demo import build_fairshire
    from marmot_monitor.web.data.models import Value
    from marmot_monitor.web.demo import load_fairshire

    load_fairshire(build_fairshire(), label="API benchmark")
    area_type = busiest_area_type(Value)
    codes = (
        Value.objects.filter(area__area_type__code=area_type)
        .values_list("indicator__code", flat=True)
        .distinct()
        .order_by("indicator__code")
    )
    chosen = list(codes)[:INDICATORS]
    path = f"/api/v1/values?indicator={','.join(chosen)}&area_type={area_type}&limit=50000"
    response = Client(SERVER_NAME="127.0.0.1").get(path)
    if response.status_code != 200:
        sys.exit(f"the API answered {response.status_code}: {response.content[:300]!r}")
    static = Path(settings.STATIC_ROOT) / "bench" / "values.json"
    static.parent.mkdir(parents=True, exist_ok=True)
    static.write_bytes(response.content)
    rows = response.json()["count"]
    print(
        f"{len(chosen)} indicators x every {area_type} x every period: {rows:,} rows, "
        f"{len(response.content):,} bytes"
    )
    return database, path, len(response.content)


def busiest_area_type(value_model) -> str:
    """The area type with the most areas among those with values of ``INDICATORS``
    indicators or more."""
    from django.db.models import Count

    types = (
        value_model.objects.values("area__area_type__code")
        .annotate(indicators=Count("indicator", distinct=True), areas=Count("area", distinct=True))
        .filter(indicators__gte=INDICATORS)
        .order_by("-areas", "area__area_type__code")
    )
    return types[0]["area__area_type__code"]


def run(port: int, paths: list[str], size: int, *, requests: int, options) -> dict:
    for path in paths:
        load(port, path, requests=4 * options.workers, clients=options.workers, size=size)
    measured: dict[str, tuple[list, int]] = {path: ([], 0) for path in paths}
    for _ in range(2):
        for path in paths:
            latencies, errors = load(
                port, path, requests=requests // 2, clients=options.clients, size=size
            )
            measured[path] = (measured[path][0] + latencies, measured[path][1] + errors)
    return measured


def line(name: str, latencies: list[float], errors: int) -> str:
    return (
        f"{name:22} requests={len(latencies)} errors={errors} "
        f"median={statistics.median(latencies):.4f}s p95={p95(latencies):.4f}s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per address")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="marmot serve --workers")
    options = parser.parse_args()
    os.environ["MARMOT_API_RATE"] = "0"
    with tempfile.TemporaryDirectory(prefix="marmot-api-bench-") as name:
        folder = Path(name)
        print("Building the database (not timed)...", flush=True)
        database, path, size = build_database(folder)
        port = free_port()
        server = serve(database, port, options.workers, folder / "serve.log")
        try:
            measured = run(port, [path, STATIC], size, requests=options.requests, options=options)
        finally:
            server.terminate()
            server.wait(timeout=30)
        os.environ["MARMOT_CACHE_ENTRIES"] = "0"
        port = free_port()
        server = serve(database, port, options.workers, folder / "serve-uncached.log")
        try:
            cold = run(port, [path], size, requests=max(options.requests // 10, 2), options=options)
        finally:
            server.terminate()
            server.wait(timeout=30)
    ours, anchor = measured[path], measured[STATIC]
    print(line("ours (cached answer)", *ours))
    print(line("anchor (static file)", *anchor))
    print(line("ours, cache off (info)", *cold[path]))
    print(f"{options.clients} clients, {options.workers} server workers")
    ratio = p95(ours[0]) / p95(anchor[0])
    print(
        f"BENCH api_values ours={p95(ours[0]):.4f} anchor={p95(anchor[0]):.4f} "
        f"ratio={ratio:.2f} target={TARGET}"
    )


if __name__ == "__main__":
    main()
