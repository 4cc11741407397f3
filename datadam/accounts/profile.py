"""A person's own account: their name and contact, and where their pay goes.

The account number is personal and financial: it is stored encrypted (core/field_crypto.py) and shown masked;
only its last four digits are kept in the clear, for the mask.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import PayoutDetails, User
from datadam.core.errors import Invalid
from datadam.core.field_crypto import field_encrypt, field_rotate

PHONE = re.compile(r"^\+?[0-9][0-9 -]{6,28}$")
ACCOUNT_NUMBER = re.compile(r"^[0-9][0-9-]{5,28}[0-9]$")
SHOWN_DIGITS = 4


@transaction.atomic
def profile_update(*, actor: User, display_name: str, email: str, phone: str) -> User:
    display_name, email, phone = display_name.strip(), email.strip().lower(), phone.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Invalid(_("That email address does not look right.")) from None
    if phone and not PHONE.match(phone):
        raise Invalid(_("Write the phone number in digits, for example 010-1234-5678."))
    actor.display_name, actor.email, actor.phone = display_name[:100], email, phone
    actor.save(update_fields=["display_name", "email", "phone"])
    return actor


@transaction.atomic
def payout_details_set(*, actor: User, bank: str, holder: str, account_number: str) -> PayoutDetails:
    """Save or replace where the person's pay goes. Refused (Conflict) when the server has no encryption key."""
    bank, holder, account_number = bank.strip(), holder.strip(), account_number.strip().replace(" ", "")
    if not bank or not holder:
        raise Invalid(_("Write the bank's name and the account holder's name."))
    if not ACCOUNT_NUMBER.match(account_number):
        raise Invalid(_("The account number is digits, with or without hyphens, for example 123-456-789012."))
    digits = account_number.replace("-", "")
    details, _created = PayoutDetails.objects.update_or_create(
        user=actor,
        defaults={
            "bank": bank[:60],
            "holder": holder[:100],
            "account_number_encrypted": field_encrypt(account_number),
            "account_last_digits": digits[-SHOWN_DIGITS:],
        },
    )
    return details


@dataclass(frozen=True)
class PayoutShown:
    bank: str
    holder: str
    masked_number: str


def payout_details_shown(*, actor: User) -> PayoutShown | None:
    """The person's payout details as the page shows them: the account number masked but for its last digits."""
    details = PayoutDetails.objects.filter(user=actor).first()
    if details is None:
        return None
    return PayoutShown(details.bank, details.holder, "•" * 6 + details.account_last_digits)


@transaction.atomic
def payout_details_rotate() -> int:
    """Encrypt every stored account number again with the first key (after a new key was put first)."""
    count = 0
    for details in PayoutDetails.objects.select_for_update().iterator():
        details.account_number_encrypted = field_rotate(details.account_number_encrypted)
        details.save(update_fields=["account_number_encrypted"])
        count += 1
    return count
