"""The form of a project's later inspection stages: one row per stage, an empty row to add one, and a box to
remove one; plus the policy for a labeler's pay when a later stage overturns an acceptance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.projects.models import MAX_RATE, InspectionStage, Project, ProjectMembership
from datadam.review.stage_settings import MAX_LATER_STAGES, StageSpec

ROLE_CHOICES = [
    (ProjectMembership.Role.SENIOR_REVIEWER, ProjectMembership.Role.SENIOR_REVIEWER.label),
    (ProjectMembership.Role.REVIEWER, ProjectMembership.Role.REVIEWER.label),
]


class StageForm(forms.Form):
    name = forms.CharField(label=_("Stage name"), max_length=100)
    # Initial values match what an untouched new row posts, so an empty row adds nothing.
    role = forms.ChoiceField(
        label=_("Who inspects"), choices=ROLE_CHOICES, initial=ProjectMembership.Role.SENIOR_REVIEWER
    )
    mode = forms.ChoiceField(
        label=_("Inspection"), choices=InspectionStage.Mode.choices, initial=InspectionStage.Mode.FULL
    )
    lot_by = forms.ChoiceField(
        label=_("Lots (when sampling)"),
        choices=InspectionStage.LotBy.choices,
        initial=InspectionStage.LotBy.LABELER,
        help_text=_("ISO 2859-1 sampling uses the lot size, level and AQL of the project's quality settings."),
    )
    reasons = forms.CharField(
        label=_("Reasons to send work back (one a line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    rate_per_review = forms.IntegerField(label=_("Pay per verdict (won)"), min_value=0, max_value=MAX_RATE, initial=0)

    def spec(self) -> StageSpec:
        data = self.cleaned_data
        return StageSpec(
            name=data["name"],
            role=data["role"],
            mode=data["mode"],
            lot_by=data["lot_by"],
            reasons=data["reasons"].splitlines(),
            rate_per_review=data["rate_per_review"],
        )

    @staticmethod
    def initial_for(stage: InspectionStage) -> dict:
        fields = ("name", "role", "mode", "lot_by", "rate_per_review")
        return {name: getattr(stage, name) for name in fields} | {"reasons": "\n".join(stage.reasons)}


StageFormSet = forms.formset_factory(
    StageForm, extra=1, can_delete=True, max_num=MAX_LATER_STAGES, validate_max=True, absolute_max=MAX_LATER_STAGES + 1
)


class OverturnPayForm(forms.Form):
    overturn_pay = forms.ChoiceField(
        label=_("When a later stage sends back work an earlier stage accepted, the labeler's pay"),
        choices=Project.OverturnPay.choices,
    )


def later_stages(formset) -> list[StageSpec]:
    """The rows kept, in order: the stages not marked for removal, and the new row when it was filled in."""
    added = set(map(id, formset.extra_forms))
    return [
        form.spec()
        for form in formset.forms
        if not form.cleaned_data.get("DELETE") and (id(form) not in added or form.has_changed())
    ]
