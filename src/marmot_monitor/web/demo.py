"""Load the Fairshire demo into the database: each app's part, in one transaction.

The places, catalogue and values go in through :mod:`marmot_monitor.web.data.demo`, the demo
users through :mod:`marmot_monitor.web.accounts.loading`, the programme through
:mod:`marmot_monitor.web.programme.loading` and the self-assessment rounds through
:mod:`marmot_monitor.web.assessment.loading` and the case studies and commitments through
:mod:`marmot_monitor.web.stories.loading`. This module sits above the apps so that none of
them imports another's loader: the data app knows nothing of the programme that builds on it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from marmot_monitor.demo import FairshireDemo
from marmot_monitor.demo.assessment import assessment_frames
from marmot_monitor.demo.assets import build_assets
from marmot_monitor.demo.stories import stories_frames
from marmot_monitor.web.accounts.loading import load_users
from marmot_monitor.web.accounts.models import Membership
from marmot_monitor.web.allocation.loading import load_demo_scenarios
from marmot_monitor.web.assessment.loading import clear_assessment, load_demo_assessments
from marmot_monitor.web.community.loading import load_assets
from marmot_monitor.web.data import demo as data
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.programme.loading import PROGRAMME_FRAMES, clear_programme, load_programme
from marmot_monitor.web.stories.loading import clear_stories, load_demo_stories


def load_fairshire(
    demo: FairshireDemo, *, label: str, step: Callable[[str], None] = lambda _: None
) -> Import:
    """Replace any earlier demo in the database with ``demo``; return its import record.

    Refuses (:class:`~marmot_monitor.web.data.demo.DemoWouldOverwriteError`), changing
    nothing, a database holding data that did not come from the demo."""
    with transaction.atomic():
        data.refuse_foreign_data()
        clear_stories()
        clear_programme()
        clear_assessment()
        Membership.objects.filter(partner__isnull=False).delete()
        data.clear_demo_data()
        source = data.start_import(demo, label)
        partners = data.load_places(demo, step)
        step("programme, action plan, returns and demo users")
        users = load_users(demo.users, partners=partners)
        frames = {name: getattr(demo, name) for name in PROGRAMME_FRAMES}
        load_programme(frames, partners=partners, users=users)
        load_demo_assessments(assessment_frames(), partners=partners, users=users)
        source = data.load_measures(demo, source, step)
        step("community assets")
        load_assets(build_assets(demo.areas, demo.boundaries))
        step("allocation scenarios")
        load_demo_scenarios(users=users)
        step("case studies and partner commitments")
        load_demo_stories(stories_frames())
        return source
