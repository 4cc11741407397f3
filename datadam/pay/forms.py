from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from datadam.pay.models import LedgerEntry, UnitRate


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


class UnitRateForm(forms.Form):
    """One unit rate; services.unit_rate_set checks that the control exists and can be paid by that unit."""

    control = forms.ChoiceField(label=_("Control"))
    unit = forms.ChoiceField(label=_("Unit"), choices=UnitRate.Unit.choices)
    rate = forms.IntegerField(
        label=_("Rate (won)"), min_value=0, help_text=_("0 removes the rate. Work already paid is not changed.")
    )

    def __init__(self, *args, controls: list[dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["control"].choices = [
            (control["name"], f"{control.get('title') or control['name']} ({control['type']})") for control in controls
        ]
