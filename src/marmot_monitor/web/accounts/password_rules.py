"""Django's password rules in Welsh.

Django's own Welsh catalogue has no translation of its password validators' texts, so the
password pages showed them in English. They are marked here, as Django writes them, so that
``make messages`` keeps them in this app's catalogue with their Welsh; Django reads that
catalogue in the same ``django`` domain as its own (docs/welsh.md)."""

from __future__ import annotations

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_PASSWORD_RULES = (
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("This password is entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
)
