"""The sign-in and change-password forms, with messages that say what to do."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts

ENTER_USERNAME = "Enter your user name"
ENTER_PASSWORD = "Enter your password"
WRONG_DETAILS = (
    "The user name or password is not right: check both and try again. After several "
    "failed attempts the account is locked for a while; an administrator can reset it"
)
INACTIVE = "This account is switched off: ask your Marmot Monitor administrator"
ENTER_CURRENT = "Enter your current password"
ENTER_NEW = "Enter a new password"
ENTER_NEW_AGAIN = "Enter the new password again"
WRONG_CURRENT = "Your current password is not right: enter the password you signed in with"
DIFFERENT_NEW = "The new passwords are not the same: type the same new password in both boxes"
SAME_AS_CURRENT = "Your new password is the same as your current one: choose a different one"


class SignInForm(AuthenticationForm):
    error_messages = {"invalid_login": WRONG_DETAILS, "inactive": INACTIVE}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "User name"
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
            "old_password": ("Current password", ENTER_CURRENT),
            "new_password1": ("New password", ENTER_NEW),
            "new_password2": ("New password again", ENTER_NEW_AGAIN),
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
