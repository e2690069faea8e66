"""Forms for signing in, choosing a password and deactivating an account (CSRF via FlaskForm)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovTextInput
from wtforms import PasswordField, StringField, ValidationError
from wtforms.validators import InputRequired

from app.auth.passwords import password_problem
from app.form_base import SaysoForm


class SignInForm(SaysoForm):
    email = StringField(
        _l("Email address"),
        validators=[InputRequired(message=_l("Enter your email address"))],
        widget=GovTextInput(),
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Enter your password"))],
        widget=GovPasswordInput(),
    )


class SetPasswordForm(SaysoForm):
    """A new password typed twice; the rules are checked here so errors sit by the field."""

    password = PasswordField(
        _l("Create a password"),
        description=_l(
            "Use 12 characters or more. A good way to make a strong password is to use "
            "three or four random words."
        ),
        validators=[InputRequired(message=_l("Enter a password"))],
        widget=GovPasswordInput(),
    )
    confirm = PasswordField(
        _l("Confirm your password"),
        validators=[InputRequired(message=_l("Enter your password again"))],
        widget=GovPasswordInput(),
    )

    def __init__(self, *args: Any, account_email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.account_email = account_email

    def validate_password(self, field: PasswordField) -> None:
        problem = password_problem(field.data or "", self.account_email)
        if problem:
            raise ValidationError(problem)

    def validate_confirm(self, field: PasswordField) -> None:
        if self.password.data and field.data != self.password.data:
            raise ValidationError(_l("Enter the same password in both boxes"))


class ConfirmForm(SaysoForm):
    """A button that changes something: only the CSRF token is posted."""
