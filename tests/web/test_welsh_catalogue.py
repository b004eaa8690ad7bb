"""The Welsh catalogues are complete: every text the site marks for translation, in its
templates and its Python, has a Welsh translation in its catalogue (none empty, none fuzzy):
web/<app>/locale/cy/LC_MESSAGES/django.po for an app with that folder, else
web/locale/cy/LC_MESSAGES/django.po; and each compiled django.mo the site reads says the same
(docs/welsh.md). The same holds for the pure layers' sentences, marked with
``marmot_monitor.language``'s functions, in language/locale/cy/LC_MESSAGES/marmot.po.

The marked texts are found here without GNU gettext (CI may lack it): templates through
Django's own ``templatize``, which turns a template into the gettext calls ``makemessages``
would read, and Python through its tokens."""

from __future__ import annotations

import ast
import gettext
import io
import tokenize
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils.translation.template import templatize

import marmot_monitor.web as web_package
from marmot_monitor import language

WEB = Path(web_package.__file__).parent
PURE = WEB.parent
CATALOGUE = WEB / "locale" / "cy" / "LC_MESSAGES"
PURE_CATALOGUE = language.LOCALE / "cy" / "LC_MESSAGES"
PURE_LAYERS = ("analysis", "catalogue", "charts", "io", "language", "methods", "reports")
# Measure(...) names an inequality measure in methods/, which may not import the language
# module: its first argument is marked by being a Measure's name (scripts/messages says so).
SINGULAR = {
    *("gettext", "gettext_lazy", "gettext_noop", "_", "pgettext", "pgettext_lazy", "noop"),
    "Measure",
}
PLURAL = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
WITH_CONTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def _marked_in(code: str) -> set[tuple[str | None, str]]:
    """(context, text) of each gettext call in Python-like code: the texts are the string
    literals (adjacent ones joined) that open the call's arguments. A call is a bare name
    (Django's) or ``language.gettext`` (the pure layers')."""
    tokens = [
        token
        for token in tokenize.generate_tokens(io.StringIO(code).readline)
        if token.type not in {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT}
    ]
    found = set()
    for at, token in enumerate(tokens[:-2]):
        name = token.string
        if token.type != tokenize.NAME or name not in SINGULAR | PLURAL:
            continue
        qualified = tokens[at - 1].string == "." and tokens[at - 2].string == "language"
        if (tokens[at - 1].string in {".", "def"} and not qualified) or tokens[
            at + 1
        ].string != "(":
            continue
        literals: list[str] = []
        current = ""
        for following in tokens[at + 2 :]:
            if following.type == tokenize.STRING:
                current += ast.literal_eval(following.string)
            elif following.string == "," and current:
                literals.append(current)
                current = ""
            else:
                break
        if current:
            literals.append(current)
        if name in WITH_CONTEXT and len(literals) >= 2:
            found.add((literals[0], literals[1]))
        elif name not in WITH_CONTEXT and literals:
            found.add((None, literals[0]))
    return found


def _marked_in_template(source: str) -> set[tuple[str | None, str]]:
    """``templatize`` keeps the template's lines; their indents mean nothing as Python."""
    code = templatize(source)
    return _marked_in("\n".join(line.lstrip() for line in code.splitlines()))


APPS_WITH_OWN = {folder.parents[2].name for folder in WEB.glob("*/locale/cy/LC_MESSAGES")}
CATALOGUES = [
    CATALOGUE,
    *(WEB / app / "locale" / "cy" / "LC_MESSAGES" for app in sorted(APPS_WITH_OWN)),
]


def _catalogue_of(source: Path) -> Path:
    """The app's own catalogue when it has one (``scripts/messages`` puts its texts there)."""
    app = source.relative_to(WEB).parts[0]
    return WEB / app / "locale" / "cy" / "LC_MESSAGES" if app in APPS_WITH_OWN else CATALOGUE


def marked_texts(catalogue: Path = CATALOGUE) -> set[tuple[str | None, str]]:
    """The texts marked in the templates and Python whose catalogue is ``catalogue``."""
    texts: set[tuple[str | None, str]] = set()
    for template in WEB.rglob("templates/**/*.html"):
        if _catalogue_of(template) == catalogue:
            texts |= _marked_in_template(template.read_text())
    for module in WEB.rglob("*.py"):
        if "migrations" not in module.parts and _catalogue_of(module) == catalogue:
            texts |= _marked_in(module.read_text())
    return texts


def pure_marked_texts() -> set[tuple[str | None, str]]:
    """The texts the pure layers mark with ``marmot_monitor.language``."""
    texts: set[tuple[str | None, str]] = set()
    for layer in PURE_LAYERS:
        for module in (PURE / layer).rglob("*.py"):
            texts |= _marked_in(module.read_text())
    return texts


# Each catalogue's .po file and the texts that belong in it.
PO_FILES = [
    *((folder / "django.po", lambda folder=folder: marked_texts(folder)) for folder in CATALOGUES),
    (PURE_CATALOGUE / "marmot.po", pure_marked_texts),
]


def _name(po_file: Path) -> str:
    return str(po_file.relative_to(PURE))


def test_the_extraction_finds_what_templates_and_python_mark():
    template = (
        '{% load i18n %}<p>{% translate "Home" %}</p>{% blocktranslate trimmed with n=x %}\n'
        '  {{ n }} rows\n{% endblocktranslate %}{% translate "May" context "month" %}'
    )
    python = 'label = _("Name"  " of the place")\nhint = pgettext_lazy("verb", "Open")\n'
    assert _marked_in_template(template) == {
        (None, "Home"),
        (None, "%(n)s rows"),
        ("month", "May"),
    }
    assert _marked_in(python) == {(None, "Name of the place"), ("verb", "Open")}
    pure = 'said = language.gettext("Rows")\nword = language.pgettext("month", "May")\n'
    assert _marked_in(pure + 'other.gettext("Not ours")\n') == {(None, "Rows"), ("month", "May")}


@pytest.mark.parametrize(("po_file", "marked"), PO_FILES, ids=[_name(po) for po, _ in PO_FILES])
def test_every_marked_text_has_a_welsh_translation(po_file, marked):
    with po_file.open("rb") as source:
        catalogue = read_po(source, locale="cy")
    translated = {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else [message.string])
    }
    missing = sorted(marked() - translated, key=lambda text: (text[0] or "", text[1]))
    assert not missing, (
        f"{len(missing)} texts have no Welsh translation in {po_file}; "
        "run `make messages`, translate them, then `make messages` again: "
        + "; ".join(repr(text) for _, text in missing[:20])
    )


@pytest.mark.parametrize(("po_file", "marked"), PO_FILES, ids=[_name(po) for po, _ in PO_FILES])
def test_the_compiled_catalogue_says_what_its_source_says(po_file, marked):
    with po_file.open("rb") as source:
        catalogue = read_po(source, locale="cy")
    with po_file.with_suffix(".mo").open("rb") as compiled:
        reads = gettext.GNUTranslations(compiled)
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple):
            continue
        key = f"{message.context}\x04{message.id}" if message.context else message.id
        assert reads._catalog.get(key) == message.string, (
            f"{po_file.with_suffix('.mo').name} is older than {po_file.name} for "
            f"{message.id!r}: run `make messages`"
        )


def test_a_text_has_one_welsh_wherever_it_is_kept():
    """The site's catalogue outranks the apps', and an app listed first outranks those after
    it, so a text kept twice with two translations would show one of them everywhere."""
    welsh: dict[tuple[str | None, str], dict[str, object]] = {}
    for folder in CATALOGUES:
        with (folder / "django.po").open("rb") as source:
            for message in read_po(source, locale="cy"):
                if message.id:
                    key = (message.context, str(message.id))
                    welsh.setdefault(key, {})[str(folder.relative_to(WEB))] = message.string
    differing = {
        key: found for key, found in welsh.items() if len(set(map(str, found.values()))) > 1
    }
    assert not differing, f"give these one Welsh in every catalogue: {differing}"
