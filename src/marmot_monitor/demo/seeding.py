"""Random number generators for the demo: one per part, so parts never shift each other.

Each part (geography, populations, one indicator's values...) draws from its own generator
seeded by the demo's seed and the part's name. Adding an indicator therefore leaves every
other number in Fairshire as it was.
"""

from __future__ import annotations

import zlib

import numpy as np


def generator(seed: int, part: str) -> np.random.Generator:
    """A generator fixed by ``seed`` and ``part``'s name, the same on every machine."""
    return np.random.default_rng([seed, zlib.crc32(part.encode())])
