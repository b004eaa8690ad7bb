"""Fixtures of the readers' tests."""

import pytest

from tests.io.fingertips_server import FakeFingertips


@pytest.fixture
def fake_fingertips():
    """A local stand-in for the Fingertips API; ``.url`` is its base address."""
    with FakeFingertips() as fake:
        yield fake
