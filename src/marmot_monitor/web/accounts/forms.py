"""The sign-in and change-password forms, and the admins' forms for people, with messages
that say what to do."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from marmot_monitor.reports.text import capitalised
from marmot_monitor.web.accounts import people
from marmot_monitor.web.accounts.roles import Role
from marmot_monitor.web.catalogue.models import Partner

ENTER_USERNAME = _("Enter your user name")
ENTER_PASSWORD = _("Enter your password")
WRONG_DETAILS = _(
    "The user name or password is not right: check both and try again. After several "
    "failed attempts the account is locked for a while; an administrator can reset it"
)
INACTIVE = _("This account is switched off: ask your Marmot Monitor administrator")
ENTER_CURRENT = _("Enter your current password")
ENTER_NEW = _("Enter a new password")
ENTER_NEW_AGAIN = _("Enter the new password again")
WRONG_CURRENT = _("Your current password is not right: enter the password you signed in with")
DIFFERENT_NEW = _("The new passwords are not the same: type the same new password in both boxes")
SAME_AS_CURRENT = _("Your new password is the same as your current one: choose a different one")


class SignInForm(AuthenticationForm):
    error_messages = {"invalid_login": WRONG_DETAILS, "inactive": INACTIVE}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["username"].error_messages["required"] = ENTER_USERNAME
        self.fields["password"].error_messages["required"] = ENTER_PASSWORD

    def error_links(self) -> list[tuple[str, str]]:
        """``(anchor, message)`` for the error summary: each error links to its field
        (a wrong user name or password to the user name)."""
        links = [(field.id_for_label, str(error)) for field in self for error in field.errors]
        links += [(self["username"].id_for_label, str(error)) for error in self.non_field_errors()]
        return links


class ChangePasswordForm(PasswordChangeForm):
    """The signed-in person's current password, then a new one twice, checked by the site's
    password validators (``AUTH_PASSWORD_VALIDATORS``), whose rules the hint lists."""

    error_messages = {"password_incorrect": WRONG_CURRENT, "password_mismatch": DIFFERENT_NEW}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = {
            "old_password": (_("Current password"), ENTER_CURRENT),
            "new_password1": (_("New password"), ENTER_NEW),
            "new_password2": (_("New password again"), ENTER_NEW_AGAIN),
        }
        for name, (label, required) in labels.items():
            self.fields[name].label = label
            self.fields[name].error_messages["required"] = required
        self.fields["new_password1"].help_text = " ".join(password_validators_help_texts())
        self.fields["new_password2"].help_text = ""

    def clean(self) -> dict:
        """The site's password rules, and a change, judged on the first new-password box."""
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        new = self.cleaned_data.get("new_password1")
        if new and new == self.cleaned_data.get("old_password"):
            self.add_error("new_password1", SAME_AS_CURRENT)
        return self.cleaned_data

    def error_links(self) -> list[tuple[str, str]]:
        """``(anchor, message)`` for the error summary, each error linking to its box."""
        return [(field.id_for_label, str(error)) for field in self for error in field.errors]


ENTER_NEW_USERNAME = _("Enter the user name they will sign in with")
CHOOSE_ROLE = _("Choose what they may do")
CHOOSE_PARTNER = _("Choose the organisation a partner editor works for")
NOT_A_PARTNER = _("Choose one of the partners in the list")
ROLE_HINTS = {
    Role.ADMIN: _("Everything an officer does, plus people, imports and the Django admin"),
    Role.OFFICER: _("Keeps the programme: opens return periods, reviews returns, reads the audit"),
    Role.PARTNER_EDITOR: _("Enters and submits their own organisation's returns"),
    Role.VIEWER: _("Reads the programme, changes nothing"),
}


class RoleForm(forms.Form):
    """A role, and the partner for a partner editor (the list shows only then)."""

    role = forms.ChoiceField(choices=Role.choices, error_messages={"required": CHOOSE_ROLE})
    partner = forms.ChoiceField(
        required=False, label=_("Partner"), error_messages={"invalid_choice": NOT_A_PARTNER}
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].error_messages["invalid_choice"] = CHOOSE_ROLE
        partners = Partner.objects.order_by("name").values_list("code", "name")
        self.fields["partner"].choices = [("", _("Choose a partner")), *partners]

    def role_choices(self) -> list[tuple[str, str, str]]:
        """``(value, label, hint)`` for each role's radio button."""
        return [(role.value, role.label, ROLE_HINTS[role]) for role in Role]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("role") == Role.PARTNER_EDITOR and not data.get("partner"):
            self.add_error("partner", CHOOSE_PARTNER)
        if data.get("role") != Role.PARTNER_EDITOR:
            data["partner"] = None
        return data

    def error_links(self) -> list[tuple[str, str]]:
        """``(anchor, message)`` for the error summary, each error linking to its field
        (the role to its first radio button)."""
        return [(field.id_for_label, str(error)) for field in self for error in field.errors] + [
            ("", str(error)) for error in self.non_field_errors()
        ]


class AddPersonForm(RoleForm):
    """A new person: user name, email (optional), role and, for a partner editor, partner."""

    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        help_text=_("What they type to sign in: letters, digits and @ . + - _ (no spaces)"),
        error_messages={"required": ENTER_NEW_USERNAME},
    )
    email = forms.CharField(label=_("Email address (optional)"), required=False, max_length=254)
    field_order = ["username", "email", "role", "partner"]

    def clean_username(self) -> str:
        return _checked(self, "username", people.check_new_name)

    def clean_email(self) -> str:
        return _checked(self, "email", people.check_email)


def _checked(form: forms.Form, name: str, check) -> str:
    """The field's value as ``check`` returns it; its refusal as the field's error."""
    try:
        return check(form.cleaned_data[name])
    except people.PersonError as error:
        raise forms.ValidationError(capitalised(error)) from None
