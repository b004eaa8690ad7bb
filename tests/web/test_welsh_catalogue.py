"""The Welsh catalogues are complete: every text the site marks for translation, in its templates
and its Python, has a Welsh translation (none empty, none fuzzy) in its app's own catalogue
(web/<app>/locale/cy/LC_MESSAGES/django.po) or, for an app without one, in
web/locale/cy/LC_MESSAGES/django.po; and each compiled django.mo the site reads says the same
as its django.po (docs/welsh.md).

The marked texts are found here without GNU gettext (CI may lack it): templates through
Django's own ``templatize``, which turns a template into the gettext calls ``makemessages``
would read, and Python through its tokens."""

from __future__ import annotations

import ast
import gettext
import io
import tokenize
from pathlib import Path

from babel.messages.pofile import read_po
from django.utils.translation.template import templatize

import marmot_monitor.web as web_package

WEB = Path(web_package.__file__).parent
CATALOGUE = WEB / "locale" / "cy" / "LC_MESSAGES"
# The apps with their own catalogue keep their texts there (scripts/messages).
OWN = {folder.parents[2]: folder for folder in WEB.glob("*/locale/cy/LC_MESSAGES")}
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


def _catalogue_of(path: Path) -> Path:
    return next((own for app, own in OWN.items() if path.is_relative_to(app)), CATALOGUE)


def marked_texts() -> dict[Path, set[tuple[str | None, str]]]:
    """The marked texts by the catalogue that must translate them."""
    texts: dict[Path, set[tuple[str | None, str]]] = {CATALOGUE: set()} | {
        own: set() for own in OWN.values()
    }
    for template in WEB.rglob("templates/**/*.html"):
        texts[_catalogue_of(template)] |= _marked_in_template(template.read_text())
    for module in WEB.rglob("*.py"):
        if "migrations" not in module.parts:
            texts[_catalogue_of(module)] |= _marked_in(module.read_text())
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


def test_every_marked_text_has_a_welsh_translation():
    for folder, marked in marked_texts().items():
        with (folder / "django.po").open("rb") as source:
            catalogue = read_po(source, locale="cy")
        translated = {
            (message.context, message.id if isinstance(message.id, str) else message.id[0])
            for message in catalogue
            if message.id
            and not message.fuzzy
            and all(message.string if isinstance(message.string, tuple) else [message.string])
        }
        missing = sorted(marked - translated, key=lambda text: (text[0] or "", text[1]))
        assert not missing, (
            f"{len(missing)} texts have no Welsh translation in {folder / 'django.po'}; "
            "run `make messages`, translate them, then `make messages` again: "
            + "; ".join(repr(text) for _, text in missing[:20])
        )


def test_the_compiled_catalogues_say_what_their_sources_say():
    for folder in [CATALOGUE, *OWN.values()]:
        with (folder / "django.po").open("rb") as source:
            catalogue = read_po(source, locale="cy")
        with (folder / "django.mo").open("rb") as compiled:
            reads = gettext.GNUTranslations(compiled)
        for message in catalogue:
            if not message.id or isinstance(message.id, tuple):
                continue
            key = f"{message.context}\x04{message.id}" if message.context else message.id
            assert reads._catalog.get(key) == message.string, (
                f"{folder / 'django.mo'} is older than its django.po for {message.id!r}: "
                "run `make messages`"
            )
