from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.releases.exporters import FORMATS
from datadam.releases.models import ExportJob, QualityTargets, Release


class ExportJobForm(forms.Form):
    """Every registered format is a valid choice here, so one that does not fit reaches the service and comes
    back with its reason; the page lists only the fitting ones."""

    file_format = forms.ChoiceField(
        label=_("Format"), choices=[(name, name) for name in FORMATS], initial="jsonl", required=False
    )
    include = forms.ChoiceField(
        label=_("What to include"), choices=ExportJob.Include.choices, initial=ExportJob.Include.ACCEPTED,
        required=False,
    )

    def clean_file_format(self) -> str:
        return self.cleaned_data["file_format"] or "jsonl"

    def clean_include(self) -> str:
        return self.cleaned_data["include"] or ExportJob.Include.ACCEPTED


class ReleaseCutForm(forms.Form):
    version = forms.CharField(label=_("Version"), max_length=20, help_text=_("For example v1.0.0, then v1.1.0."))
    notes = forms.CharField(label=_("Release notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    source = forms.ChoiceField(label=_("Labels"), choices=Release.Source.choices, initial=Release.Source.ACCEPTED)
    validation_percent = forms.IntegerField(
        label=_("Validation share (%)"), min_value=0, max_value=50, initial=10,
        help_text=_("The rest is the training set. Split by label, the same way every time."),
    )


class QualityTargetsForm(forms.ModelForm):
    consensus_floor = forms.FloatField(
        label=_("consensus confidence floor (%)"), min_value=0, max_value=100, required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": "1"}),
        help_text=_("A consensus label less sure than this is listed in the report for a person to look at."),
    )

    class Meta:
        model = QualityTargets
        fields = ["format_validity", "syntactic_accuracy", "semantic_accuracy", "consensus_floor"]
        widgets = {name: forms.NumberInput(attrs={"min": 0, "max": 100, "step": "0.1"}) for name in fields}


class ReleaseDecisionForm(forms.Form):
    """The verifier's decision, checked before the confirmation step so a missing reason is asked for at once."""

    outcome = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("approved", _("Approve: the report may be published")),
                 ("rejected", _("Return to the manager: something must be fixed first"))],
    )
    comment = forms.CharField(
        label=_("Comment"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the report: name the items or figures to fix."),
    )
    override_reason = forms.CharField(
        label=_("Why may it still be published below a target?"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, below_target: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.below_target = below_target
        if not below_target:
            del self.fields["override_reason"]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("outcome") == "rejected" and not data.get("comment", "").strip():
            self.add_error("comment", _("Write what the manager must fix before you return the report."))
        if data.get("outcome") == "approved" and self.below_target and not data.get("override_reason", "").strip():
            self.add_error("override_reason", _("The report is below a target. Write why it may still be published."))
        return data
