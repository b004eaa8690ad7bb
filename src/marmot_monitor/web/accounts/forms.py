"""The sign-in form, with messages that say what to do."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm

ENTER_USERNAME = "Enter your user name"
ENTER_PASSWORD = "Enter your password"
WRONG_DETAILS = (
    "The user name or password is not right: check both and try again. After several "
    "failed attempts the account is locked for a while; an administrator can reset it"
)
INACTIVE = "This account is switched off: ask your Marmot Monitor administrator"


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
