from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.accounts.models import Organization
from datadam.office.models import DataProject
from datadam.projects import access
from datadam.projects.models import Project

DATE = forms.DateInput(attrs={"type": "date"})


class RegisterForm(forms.Form):
    """A data project, its consortium, the Datadam projects doing its work, and its first planned data set."""

    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=DataProject.Category.choices)
    field = forms.CharField(label=_("Field"), max_length=100, help_text=_("For example healthcare, transport, safety"))
    budget = forms.IntegerField(label=_("Budget (won)"))
    starts_on = forms.DateField(label=_("Start date"), widget=DATE)
    ends_on = forms.DateField(label=_("End date"), widget=DATE)
    direct_hires_promised = forms.IntegerField(label=_("Direct hires promised"), min_value=0)
    crowd_share_promised = forms.IntegerField(
        label=_("Share of the work done by the crowd, promised (%)"), min_value=0, max_value=100
    )
    executing = forms.ModelChoiceField(label=_("Executing organization"), queryset=Organization.objects.none())
    crowdsourcing = forms.ModelMultipleChoiceField(
        label=_("Crowdsourcing organizations"), queryset=Organization.objects.none(), required=False
    )
    training = forms.ModelMultipleChoiceField(
        label=_("Training providers"), queryset=Organization.objects.none(), required=False
    )
    projects = forms.ModelMultipleChoiceField(
        label=_("Datadam projects doing the work"), queryset=Project.objects.none(), required=False
    )
    dataset_name = forms.CharField(label=_("First planned data set"), max_length=200)
    dataset_items = forms.IntegerField(label=_("Items in it"), min_value=1)
    dataset_due_on = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args, programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organizations = programme.organizations.order_by("name")
        for name in ("executing", "crowdsourcing", "training"):
            self.fields[name].queryset = organizations
        projects = access.scope_to_organizations(Project.objects.filter(hidden=False), organizations)
        self.fields["projects"].queryset = projects.order_by("name")


class DeliveryForm(forms.Form):
    dataset_name = forms.CharField(label=_("Data set"), max_length=200)
    items = forms.IntegerField(label=_("Items"), min_value=1)
    due_on = forms.DateField(label=_("Due date"), widget=DATE)


class HireForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Employing organization"), queryset=Organization.objects.none())
    person_name = forms.CharField(label=_("Name"), max_length=100)
    person_reference = forms.CharField(
        label=_("Employee number"), max_length=50, help_text=_("Your organization's own number for the person")
    )
    started_on = forms.DateField(label=_("Employed from"), widget=DATE)
    ended_on = forms.DateField(label=_("Employed until"), widget=DATE, required=False)

    def __init__(self, *args, organization_ids: set[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(id__in=organization_ids)
