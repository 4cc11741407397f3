from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from datadam.accounts import services


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class SignupForm(forms.Form):
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        help_text=_("Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    display_name = forms.CharField(label=_("Name shown to others"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional. Needed to set a new password by email if you forget yours."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        help_text=_("At least 8 characters, not only digits."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        help_text=_("Type the same password once more, to catch a typo."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    privacy_consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data as described above"),
        error_messages={"required": _("An account needs this consent. Read what it covers above.")},
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password_again") not in (None, cleaned["password"]):
            self.add_error("password_again", _("The two passwords differ. Type the same one twice."))
        return cleaned


class OrganizationSettingsForm(forms.Form):
    currency = forms.RegexField(
        label=_("Currency"),
        regex=r"^[A-Z]{3}$",
        max_length=3,
        help_text=_("Three capital letters, such as KRW."),
        error_messages={"invalid": _("The currency is a three-letter code such as KRW or USD.")},
    )
    minimum_hourly_wage = forms.IntegerField(
        label=_("Minimum hourly wage"),
        min_value=1,
        max_value=1_000_000,
        help_text=_(
            "Workers' effective hourly wage is measured against this. The 2026 Korean minimum wage is 10,320 won."
        ),
    )
    withholding_percent = forms.DecimalField(
        label=_("Tax withheld from pay (%)"),
        required=False,
        min_value=0,
        max_value=50,
        decimal_places=2,
        help_text=_("3.3 % for freelance income in Korea (3 % income tax and 0.3 % local income tax)."),
    )
    payday = forms.IntegerField(
        label=_("Payday"),
        required=False,
        min_value=1,
        max_value=28,
        help_text=_("The day of the following month on which a month's pay is paid, from 1 to 28."),
    )


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    new_password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, help_text=_("For example: import script"))


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form: the mail goes to active accounts with that address, and the page says the same either way."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )


class PasswordResetSetForm(auth_forms.SetPasswordForm):
    """The new password from a reset link, saved by the service that also revokes tokens and sessions."""

    def save(self, commit: bool = True):
        services.user_password_reset(user=self.user, new_password=self.cleaned_data["new_password1"])
        return self.user


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Name"), max_length=100, required=False)
    email = forms.EmailField(
        label=_("Email"), required=False, help_text=_("For password resets and the notifications you choose by email.")
    )
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)


class PayoutForm(forms.Form):
    bank = forms.CharField(label=_("Bank"), max_length=60)
    holder = forms.CharField(label=_("Account holder"), max_length=100)
    account_number = forms.CharField(
        label=_("Account number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("Stored encrypted; this page shows only its last four digits."),
    )
