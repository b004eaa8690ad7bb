"""Fairshire, the demo place: a deterministic synthetic county for demos and tests.

``build_fairshire(seed=..., scale="full" | "small")`` returns every frame the monitoring tool
needs, as ``docs/demo.md`` describes. All codes begin with ``X`` so that none can clash with
a real GSS code.
"""

from marmot_monitor.demo.fairshire import SCALES, FairshireDemo, build_fairshire

__all__ = ["SCALES", "FairshireDemo", "build_fairshire"]
