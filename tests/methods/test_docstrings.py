"""Every docstring example in marmot_monitor.methods runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import marmot_monitor.methods

# The public modules, one per method family. The private helpers (``_arrays``, ``_frames`` ...)
# and the package's re-exports have no examples of their own.
MODULES = sorted(
    info.name
    for info in pkgutil.iter_modules(marmot_monitor.methods.__path__, "marmot_monitor.methods.")
    if not info.name.rpartition(".")[2].startswith("_")
)


def test_every_method_family_module_is_checked():
    assert len(MODULES) >= 10


@pytest.mark.parametrize("name", MODULES)
def test_each_public_module_has_docstring_examples_and_they_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0


def test_public_functions_have_numpydoc_sections():
    for name in marmot_monitor.methods.__all__:
        function = getattr(marmot_monitor.methods, name)
        if isinstance(function, type) or not callable(function):
            continue
        doc = function.__doc__ or ""
        for section in ("Parameters", "Returns", "Notes", "References", "Examples"):
            assert f"\n    {section}\n    ---" in doc, f"{name} lacks {section}"
