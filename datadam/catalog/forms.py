from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.catalog.models import Dataset
from datadam.catalog.services import DATASHEET_FIELDS
from datadam.projects.models import Project


class CatalogSearchForm(forms.Form):
    query = forms.CharField(label=_("Search"), max_length=100, required=False)
    data_type = forms.ChoiceField(label=_("Data type"), required=False)
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    licence = forms.ChoiceField(label=_("Licence"), required=False)

    def __init__(self, *args, facets: dict[str, list[str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["data_type"].choices = anything + list(Project.DataType.choices)
        self.fields["domain"].choices = anything + [(value, value) for value in facets["domains"]]
        self.fields["licence"].choices = anything + [(value, value) for value in facets["licences"]]


class DatasheetForm(forms.ModelForm):
    class Meta:
        model = Dataset
        fields = list(DATASHEET_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in DATASHEET_FIELDS
            if name.split("_")[0] in {"summary", "motivation", "composition", "collection", "workforce"}
        } | {"terms": forms.Textarea(attrs={"rows": 4})}
