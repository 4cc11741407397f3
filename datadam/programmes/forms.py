from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.programmes.models import ProgrammeTarget


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    metric = forms.ChoiceField(label=_("Figure"), choices=ProgrammeTarget.Metric.choices)
    target = forms.IntegerField(label=_("Target"), min_value=0, max_value=10**9)
