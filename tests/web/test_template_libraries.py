"""Our template tag libraries name each filter and tag once: a page loading two libraries with
the same name gets the last one loaded, silently (``in_language`` once meant two things)."""

from __future__ import annotations

from collections import defaultdict

from django.template import engines


def test_no_two_of_our_libraries_share_a_filter_or_tag_name():
    libraries = engines["django"].engine.template_libraries
    owners: dict[str, set[str]] = defaultdict(set)
    for name, library in libraries.items():
        functions = [*library.filters.values(), *library.tags.values()]
        if not any(f.__module__.startswith("marmot_monitor.") for f in functions):
            continue
        for item in (*library.filters, *library.tags):
            owners[item].add(name)
    shared = {item: sorted(names) for item, names in owners.items() if len(names) > 1}
    assert shared == {}
