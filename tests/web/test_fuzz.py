"""Every page of the site, asked with hostile values, answers without a server error.

The URL patterns come from the project's resolver, so a new page is fuzzed as soon as it is
routed. Each part of a pattern's path gets values that are either real (codes, labels and
numbers read from the small Fairshire demo) or hostile (unicode, "/", "%2F", "..", huge and
negative numbers, "²", NUL, very long, SQL- and HTML-like); each request carries hostile
values for the query or form parameters its view reads (found in the view's module: the
``request.GET``/``request.POST`` names and the fields of the forms it uses) and for a few
random names. Every pattern is asked by GET, then by POST (the test client handles CSRF),
as an anonymous visitor, a partner editor, an officer and an admin. Any 5xx fails, naming
the request and the exception.

Each pattern is a test of its own, with its own fixed seed (every run asks the same requests)
and a bounded number of examples, so the parallel workers share the walk and each pattern
takes well under a second or two; raise ``EXAMPLES`` locally to search harder.
"""

from __future__ import annotations

import functools
import inspect
import re
import traceback
import zlib
from urllib.parse import quote

import pytest
from django import forms
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from marmot_monitor.web.catalogue.models import Indicator, Partner
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.places.models import Area
from marmot_monitor.web.programme.models import ReturnPeriod
from marmot_monitor.web.programme.views.common import QuarterConverter

# Examples per pattern: the project's pages that take path parts or parameters, those that
# take none, and Django's admin (180 patterns of Django's own views, asked lightly).
EXAMPLES, PLAIN_EXAMPLES, ADMIN_EXAMPLES = {"get": 12, "post": 4}, 2, 1
ADMIN = "/admin/"
SESSION_COOKIE_NAME = django_settings.SESSION_COOKIE_NAME
ROLES = {
    "anonymous": None,
    "partner editor": "youth-editor",
    "officer": "officer",
    "admin": "admin",
}
HOSTILE = [
    "",
    " ",
    "/",
    "%2F",
    "a/b",
    "..",
    "../../etc/passwd",
    "0",
    "-1",
    "9",
    "99",
    "²",
    "٣",
    "½",
    "9" * 40,
    "-" + "9" * 40,
    "1e309",
    "NaN",
    "\x00",
    "a\x00b",
    "\x1b[0m",
    "\u202e",
    "\ufeff",
    "💥",
    "İ",
    "' OR '1'='1",
    "1; DROP TABLE values; --",
    "%",
    "%s%n",
    "_",
    "\\",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "a" * 5000,
    "ab " * 1300,
]
# Values every page's parameters (and path parts) are also asked with, every run.
SWEEP = ["9", "²", "/", "\x00", "a" * 5000]
# Words the pages' URLs and choices use, so that some requests get past the first check.
KNOWN_WORDS = [
    "1",
    "2",
    "8",
    "data",
    "csv",
    "xlsx",
    "png",
    "svg",
    "docx",
    "pdf",
    "html",
    "trend",
    "areas",
    "map",
    "gradient",
    "comparators",
    "districts",
    "wards",
    "lsoas",
    "england",
    "parent",
    "place",
    "Persons",
    "Female",
    "latest",
    "approve",
    "send-back",
]
ROUTE_PART = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")
READS = re.compile(
    r"""request\.(?:GET|POST)\.get(?:list)?\(\s*["']([^"']+)["']"""
    r"""|["']([^"']+)["']\s+(?:not\s+)?in\s+request\.(?:GET|POST)"""
    r"""|request\.(?:GET|POST)\[\s*["']([^"']+)["']\s*\]"""
)


def url_patterns(patterns=None, prefix: str = ""):
    """(path template with ``{name}`` parts, the view) for every pattern of the urlconf."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).replace("^", "").replace("$", "")
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        else:
            yield "/" + ROUTE_PART.sub(lambda m: "{%s}" % (m[1] or m[2]), route), pattern.callback


PATTERNS = list(url_patterns())


@functools.cache
def parameter_names(view) -> tuple[str, ...]:
    """The names a view's module reads from ``request.GET``/``request.POST``, and the fields
    of the forms it uses."""
    module = inspect.getmodule(inspect.unwrap(view))
    names = {name for match in READS.findall(inspect.getsource(module)) for name in match}
    for value in vars(module).values():
        if inspect.isclass(value) and issubclass(value, forms.BaseForm):
            names.update(value.base_fields)
    return tuple(sorted(name for name in names if name))


def test_the_walk_finds_every_page_and_its_parameters():
    templates = {template for template, _ in PATTERNS}
    assert {"/areas/{code}/", "/search/", "/programme/periods/{label}/", "/admin/"} <= templates
    names = dict(PATTERNS)
    assert "q" in parameter_names(names["/search/"])
    assert "principle" in parameter_names(names["/areas/{code}/"])
    assert {"area", "sex", "compare"} <= set(parameter_names(names["/indicators/{code}/"]))


def known_values() -> dict[str, list[str]]:
    """Real values from the demo by the name of the path part that takes them, and under
    ``"*"`` all of them with the pages' own words, for every other name."""
    areas = [
        *Area.objects.filter(area_type__code__in=["country", "county"]).values_list(
            "code", flat=True
        ),
        *(
            Area.objects.filter(area_type__code=kind).values_list("code", flat=True).first()
            for kind in ("district", "ward", "lsoa")
        ),
    ]
    indicators = list(Indicator.objects.order_by("code").values_list("code", flat=True)[:2])
    periods = ReturnPeriod.objects.order_by("-period__start").values_list(
        "period__label", flat=True
    )
    numbers = [str(pk) for pk in Import.objects.values_list("pk", flat=True)[:1]] + ["1", "8"]
    known = {
        "code": areas + indicators,
        "label": [QuarterConverter().to_url(label) for label in periods[:2]],
        "partner": list(Partner.objects.order_by("code").values_list("code", flat=True)[:3]),
        "number": numbers,
    }
    known["*"] = sorted({*KNOWN_WORDS, *(value for values in known.values() for value in values)})
    return known


def requests(template: str, view, known: dict[str, list[str]], roles: list[str]):
    """A strategy of (role, path, parameters) for one pattern: each path part real or
    hostile, every parameter the view reads given a value, and perhaps another. The admin's
    object ids are hostile only: a real one (the demo's import) makes its deletion page time
    only Django's collection of every value."""
    hostile = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30), st.integers().map(str))
    value = st.sampled_from(known["*"]) | hostile
    parts = re.findall(r"{(\w+)}", template)
    if template.startswith(ADMIN):
        part_values = [st.sampled_from(HOSTILE) | st.text(max_size=30) for _ in parts]
    else:
        real = [st.sampled_from(known.get(part, known["*"])) for part in parts]
        part_values = [st.one_of(value, value, hostile) for value in real]
    path = st.tuples(*part_values)
    path = path.map(
        lambda drawn: template.format(
            **{n: quote(v, safe="") for n, v in zip(parts, drawn, strict=True)}
        )
    )
    read = {name: value | st.lists(value, min_size=2, max_size=3) for name in parameter_names(view)}
    extra = st.dictionaries(st.text(min_size=1, max_size=12), value, max_size=1)
    parameters = st.tuples(st.fixed_dictionaries(read), extra).map(
        lambda both: {**both[1], **both[0]}
    )
    return st.tuples(st.sampled_from(roles), path, parameters)


def server_error(response, method: str, path: str, parameters: dict, role: str) -> str:
    shown = {name: v[:80] if isinstance(v, str) else v for name, v in parameters.items()}
    problem = "".join(traceback.format_exception(*response.exc_info)) if response.exc_info else ""
    return f"{method} {path} {shown} as {role} gave {response.status_code}\n{problem}"


@pytest.fixture
def clients(demo, django_user_model) -> dict[str, Client]:
    """A client per role, signed in."""
    clients = {}
    for role, username in ROLES.items():
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(django_user_model.objects.get(username=username))
        clients[role] = client
    return clients


def ask(clients: dict[str, Client], role: str, method: str, path: str, parameters: dict):
    """The response to one request, as ``role``: signed in again if the request signed it
    out, unless it deleted the user (the admin may), who then goes on as anonymous."""
    client = clients[role]
    session = client.cookies.get(SESSION_COOKIE_NAME)
    response = getattr(client, method)(path, parameters)
    if ROLES[role] and client.cookies.get(SESSION_COOKIE_NAME) != session:
        user = User.objects.filter(username=ROLES[role]).first()
        if user is not None:
            client.force_login(user)
    return response


def fuzz(clients, known, method: str, template: str, view) -> None:
    """Ask one pattern its bounded number of hostile requests by ``method``."""
    admin = template.startswith(ADMIN)
    roles = ["admin"] if admin else list(ROLES)
    varied = "{" in template or parameter_names(view)
    examples = ADMIN_EXAMPLES if admin else EXAMPLES[method] if varied else PLAIN_EXAMPLES

    @seed(zlib.crc32(f"{method} {template}".encode()))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(requests(template, view, known, roles))
    def answers_without_a_server_error(request):
        role, path, parameters = request
        response = ask(clients, role, method, path, parameters)
        assert response.status_code < 500, server_error(
            response, method.upper(), path, parameters, role
        )

    if varied and not admin and method == "get":
        for request in sweep(template, view, known):
            answers_without_a_server_error = example(request)(answers_without_a_server_error)
    answers_without_a_server_error()


def sweep(template: str, view, known: dict[str, list[str]]):
    """Requests asked every run besides the random ones: each path part real, and every
    parameter the view reads given the same hostile value, for each of :data:`SWEEP`."""
    parts = re.findall(r"{(\w+)}", template)
    path = template.format(**{part: known.get(part, known["*"])[0] for part in parts})
    for value in SWEEP:
        parameters = dict.fromkeys(parameter_names(view), value)
        yield ("admin", path, parameters)
        if "{" in template:
            yield ("admin", template.format(**dict.fromkeys(parts, quote(value, safe=""))), {})


def group(template: str) -> str:
    """The test a pattern is asked in: its own, or for Django's admin, its model's (the admin's
    patterns are many and each asked lightly)."""
    if not template.startswith(ADMIN):
        return template
    model = "/".join(template.split("/")[:4])
    return model if model.endswith("/") else model + "/"


GROUPS: dict[str, list[tuple[str, object]]] = {}
for _template, _view in PATTERNS:
    GROUPS.setdefault(group(_template), []).append((_template, _view))


@pytest.mark.django_db
@pytest.mark.parametrize("patterns", GROUPS.values(), ids=GROUPS.keys())
def test_no_page_answers_hostile_values_with_a_server_error(clients, patterns):
    """A pattern per test (an admin model's patterns together), so the parallel workers share
    the walk: every GET first, then every POST (which may delete what the GETs would find);
    Django's admin is asked as the admin only (its patterns let in only staff). What one
    test's requests change is rolled back before the next test's."""
    known = known_values()
    for method in ("get", "post"):
        for template, view in patterns:
            fuzz(clients, known, method, template, view)
