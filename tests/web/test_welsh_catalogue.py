"""The Welsh catalogue is complete: every text the site marks for translation, in its templates
and its Python, has a Welsh translation in its catalogue (none empty, none fuzzy): an app with
its own web/<app>/locale/cy/LC_MESSAGES/django.po keeps its texts there, every other text is in
web/locale/cy/LC_MESSAGES/django.po; the compiled django.mo the site reads says the same as each
(docs/welsh.md).

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

WEB = Path(web_package.__file__).parent
CATALOGUE = WEB / "locale" / "cy" / "LC_MESSAGES"
SINGULAR = {"gettext", "gettext_lazy", "_", "pgettext", "pgettext_lazy"}
PLURAL = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
WITH_CONTEXT = {"pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def _marked_in(code: str) -> set[tuple[str | None, str]]:
    """(context, text) of each gettext call in Python-like code: the texts are the string
    literals (adjacent ones joined) that open the call's arguments."""
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
        if tokens[at - 1].string in {".", "def"} or tokens[at + 1].string != "(":
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


def own_catalogues() -> list[Path]:
    """The apps' own catalogue folders, web/<app>/locale/cy/LC_MESSAGES."""
    return sorted(WEB.glob("*/locale/cy/LC_MESSAGES"))


def catalogues() -> list[tuple[Path, Path]]:
    """(folder whose texts it holds, catalogue folder): each app's own, then the site's."""
    return [(folder.parents[2], folder) for folder in own_catalogues()] + [(WEB, CATALOGUE)]


def marked_texts(root: Path = WEB) -> set[tuple[str | None, str]]:
    """The texts marked under root, leaving out the apps under it with their own catalogue."""
    apart = [folder.parents[2] for folder in own_catalogues() if folder.parents[2] != root]

    def belongs(path: Path) -> bool:
        return not any(app in path.parents for app in apart)

    texts: set[tuple[str | None, str]] = set()
    for template in root.rglob("templates/**/*.html"):
        if belongs(template):
            texts |= _marked_in_template(template.read_text())
    for module in root.rglob("*.py"):
        if "migrations" not in module.parts and belongs(module):
            texts |= _marked_in(module.read_text())
    return texts


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


@pytest.mark.parametrize(("root", "folder"), catalogues(), ids=lambda path: path.name)
def test_every_marked_text_has_a_welsh_translation(root: Path, folder: Path):
    with (folder / "django.po").open("rb") as source:
        catalogue = read_po(source, locale="cy")
    translated = {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue
        if message.id
        and not message.fuzzy
        and all(message.string if isinstance(message.string, tuple) else [message.string])
    }
    missing = sorted(marked_texts(root) - translated, key=lambda text: (text[0] or "", text[1]))
    assert not missing, (
        f"{len(missing)} texts have no Welsh translation in {folder / 'django.po'}; "
        "run `make messages`, translate them, then `make messages` again: "
        + "; ".join(repr(text) for _, text in missing[:20])
    )


@pytest.mark.parametrize(("root", "folder"), catalogues(), ids=lambda path: path.name)
def test_the_compiled_catalogue_says_what_its_source_says(root: Path, folder: Path):
    with (folder / "django.po").open("rb") as source:
        catalogue = read_po(source, locale="cy")
    with (folder / "django.mo").open("rb") as compiled:
        reads = gettext.GNUTranslations(compiled)
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple):
            continue
        key = f"{message.context}\x04{message.id}" if message.context else message.id
        assert reads._catalog.get(key) == message.string, (
            f"django.mo is older than django.po for {message.id!r}: run `make messages`"
        )
