"""Build the Fairshire demo database, showing each step as it runs."""

from __future__ import annotations

import time

from rich.console import Console


def build_demo_database(*, seed: int, scale: str, console: Console) -> None:
    """Generate Fairshire with ``seed`` and load it, replacing any earlier demo."""
    from marmot_monitor.demo import build_fairshire
    from marmot_monitor.web.demo import load_fairshire

    started = time.perf_counter()
    with console.status("Generating Fairshire (synthetic data)...") as status:
        demo = build_fairshire(seed=seed, scale=scale)

        def step(name: str) -> None:
            status.update(f"Loading {name}...")

        source = load_fairshire(demo, label=f"Fairshire demo (seed {seed}, {scale})", step=step)
    seconds = time.perf_counter() - started
    console.print(
        f"Loaded {demo.areas.height:,} areas, {demo.indicators.height} indicators and "
        f"{source.rows_written:,} values in {seconds:.1f} s."
    )
