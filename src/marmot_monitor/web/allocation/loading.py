"""The Fairshire demo's scenarios: the Health Justice Partnership's money shared across the
wards, by linear decile weights (published) and with a Core20 uplift, saved by the demo's
programme officer."""

from __future__ import annotations

from django.contrib.auth.models import User

from marmot_monitor.web.allocation import services
from marmot_monitor.web.allocation.models import Scenario
from marmot_monitor.web.data.allocation_runs import AllocationSettings, run_allocation

DEMO_SCENARIOS = (
    (
        "Health Justice Partnership: linear by ward",
        AllocationSettings(budget="250000", geography="wards", need="linear", gradient=1.0),
        True,
    ),
    (
        "Health Justice Partnership: Core20 uplift by ward",
        AllocationSettings(budget="250000", geography="wards", need="core20", uplift=0.5),
        False,
    ),
)


def load_demo_scenarios(*, users: dict[str, int]) -> int:
    """Replace the scenarios with the demo's; how many."""
    Scenario.objects.all().delete()
    officer = User.objects.filter(pk=users.get("officer")).first()
    for name, settings, published in DEMO_SCENARIOS:
        scenario = services.save_scenario(run_allocation(settings), name=name, user=officer)
        if published:
            services.set_published(scenario, published=True, user=officer)
    return len(DEMO_SCENARIOS)
