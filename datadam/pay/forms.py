from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from datadam.pay.models import LedgerEntry


class AdjustmentForm(forms.Form):
    """A manager's bonus or correction; services.ledger_adjust checks the amount and the reason."""

    username = forms.CharField(label=_("Worker's user name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (LedgerEntry.Kind.BONUS, LedgerEntry.Kind.BONUS.label),
            (LedgerEntry.Kind.ADJUSTMENT, LedgerEntry.Kind.ADJUSTMENT.label),
        ],
    )
    amount = forms.IntegerField(
        label=_("Amount (won)"), help_text=_("A negative amount takes back money paid by mistake.")
    )
    reason = forms.CharField(
        label=pgettext_lazy("pay", "Reason"),
        max_length=300,
        help_text=_("The worker sees the reason on their statement."),
    )
