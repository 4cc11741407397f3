from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.careers.models import Outcome


class OutcomeForm(forms.Form):
    """Record or edit an outcome. The choices come from the organizations the person asking may record for."""

    organization = forms.ModelChoiceField(queryset=None, label=_("Training organization"))
    person = forms.ModelChoiceField(queryset=None, label=_("Graduate"))
    cohort = forms.ModelChoiceField(queryset=None, required=False, label=_("Cohort"))
    kind = forms.ChoiceField(choices=Outcome.Kind.choices, label=_("Outcome"))
    employer = forms.ModelChoiceField(queryset=None, required=False, label=_("Partner employer"))
    employer_name = forms.CharField(max_length=200, required=False, label=_("Employer (if not a partner)"))
    happened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(max_length=500, required=False, label=_("Note"))

    def __init__(self, *args, organizations, graduates, cohorts, employers, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["person"].queryset = graduates
        self.fields["person"].label_from_instance = lambda user: f"{user} ({user.username})"
        self.fields["cohort"].queryset = cohorts
        self.fields["employer"].queryset = employers
        if editing:  # who and for which organization stay as recorded
            del self.fields["organization"]
            del self.fields["person"]


class EmployerForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Training organization"))
    name = forms.CharField(max_length=200, label=_("Employer name"))
    contact = forms.CharField(max_length=200, required=False, label=_("Contact"))
    cohorts = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Cohorts"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organizations, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["cohorts"].queryset = cohorts


class ShareForm(forms.Form):
    enabled = forms.BooleanField(required=False)
