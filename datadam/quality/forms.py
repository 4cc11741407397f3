from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from datadam.core.forms import JsonField
from datadam.quality.aggregation import METHOD_NAMES, METHODS
from datadam.quality.models import QualityPolicy
from datadam.quality.sampling import AQLS, LEVELS

# Settings stored as a share (0..1) and shown as a percent, with the highest percent allowed.
PERCENT_LIMITS = {
    "honeypot_share": 50, "accuracy_floor": 100, "agreement_threshold": 100, "speed_ratio": 100,
    "constant_share": 100, "review_gold_share": 50, "reviewer_floor": 100,
}  # fmt: skip
LEVEL_NAMES = {
    "S-1": _("S-1: the smallest samples, the weakest check"),
    "S-2": _("S-2: very small samples"),
    "S-3": _("S-3: small samples"),
    "S-4": _("S-4: smaller samples than usual"),
    "I": _("I: lighter than usual"),
    "II": _("II: the usual level (recommended)"),
    "III": _("III: the largest samples, the strongest check"),
}


class PolicyForm(forms.ModelForm):
    aggregation_method = forms.ChoiceField(
        label=_("aggregation method"), choices=[(m, METHOD_NAMES[m]) for m in METHODS]
    )
    inspection_level = forms.ChoiceField(label=_("inspection level"), choices=[(level, level) for level in LEVELS])
    aql = forms.TypedChoiceField(
        label=_("AQL (percent nonconforming)"), choices=[(a, f"{a:g} %") for a in AQLS], coerce=float
    )
    inspection = forms.ChoiceField(label=_("how work is inspected"), choices=QualityPolicy.Inspection.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["inspection_level"].choices = [(level, LEVEL_NAMES[level]) for level in LEVELS]
        for name, field in list(self.fields.items()):
            if name in PERCENT_LIMITS:
                self.fields[name] = field = forms.FloatField(
                    label=format_lazy("{} (%)", field.label),
                    min_value=0,
                    max_value=PERCENT_LIMITS[name],
                    widget=forms.NumberInput(attrs={"step": "any"}),
                )
                self.initial[name] = round(getattr(self.instance, name) * 100, 2)
            field.help_text = HELP.get(name, "")

    def clean(self) -> dict:
        data = super().clean()
        for name in PERCENT_LIMITS:
            if name in self.fields and data.get(name) is not None:
                data[name] = data[name] / 100
        return data

    def groups(self) -> list[tuple[str, list]]:
        """The settings in named groups, for a page of fieldsets; a setting this form lacks is left out."""
        return [(title, [self[name] for name in names if name in self.fields]) for title, names in GROUPS]

    class Meta:
        model = QualityPolicy
        fields = [
            "honeypot_share",
            "min_gold_answers",
            "accuracy_floor",
            "flag_action",
            "speed_ratio",
            "constant_share",
            "burst_count",
            "burst_seconds",
            "agreement_threshold",
            "max_overlap",
            "aggregation_method",
            "inspection",
            "lot_size",
            "inspection_level",
            "aql",
            "review_gold_share",
            "reviewer_floor",
            "min_reviewer_verdicts",
        ]


class GoldForm(forms.Form):
    data = JsonField(label=_("Item data (JSON)"), widget=forms.Textarea(attrs={"rows": 3}),
                     initial='{"text": ""}')  # fmt: skip
    answer = JsonField(label=_("Correct answer (JSON, one key per control)"),
                       widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    explanation = forms.CharField(label=_("Explanation"), required=False, max_length=500)

    def _json(self, name: str) -> dict:
        value = self.cleaned_data[name]
        if not isinstance(value, dict):
            raise forms.ValidationError(_('Write a JSON object, e.g. {"text": "..."}.'))
        return value

    def clean_data(self) -> dict:
        return self._json("data")

    def clean_answer(self) -> dict:
        return self._json("answer")


HELP = {
    "honeypot_share": _("Of every 100 items a labeler gets, this many are gold items with a known answer."),
    "min_gold_answers": _("A labeler is judged on gold only after this many gold answers."),
    "accuracy_floor": _("A labeler whose gold accuracy falls below this is flagged or paused."),
    "flag_action": _("What happens when a labeler falls below a floor or works suspiciously."),
    "speed_ratio": _("Flag a labeler whose median time per item is below this share of the project's median."),
    "constant_share": _("Flag a labeler who gives the same answer to more than this share of items."),
    "burst_count": _("Flag a labeler who submits this many items within the seconds below."),
    "burst_seconds": _("The time window, in seconds, for the count above."),
    "agreement_threshold": _("An item whose labelers agree less than this gets one more labeler."),
    "max_overlap": _("An item never gets more labelers than this."),
    "aggregation_method": _("How the answers of several labelers are combined into one label."),
    "inspection": _("Inspect every answer, or a sample from each lot of a labeler's work (ISO 2859-1)."),
    "lot_size": _("How many of a labeler's answers make one lot for sampling."),
    "inspection_level": _("A higher level inspects larger samples; II is the usual choice."),
    "aql": _("The highest share of faulty answers a lot may have and still pass."),
    "review_gold_share": _("Of every 100 answers a reviewer checks, this many have a known verdict."),
    "reviewer_floor": _("A reviewer whose verdicts are confirmed less often than this is flagged."),
    "min_reviewer_verdicts": _("A reviewer is judged only after this many decided verdicts."),
}
GROUPS = [
    (_("Gold items and accuracy"), ["honeypot_share", "min_gold_answers", "accuracy_floor", "flag_action"]),
    (_("Warning signs"), ["speed_ratio", "constant_share", "burst_count", "burst_seconds"]),
    (_("Overlap and consensus"), ["agreement_threshold", "max_overlap", "aggregation_method"]),
    (_("Inspection"), ["inspection", "lot_size", "inspection_level", "aql"]),
    (_("Reviewers"), ["review_gold_share", "reviewer_floor", "min_reviewer_verdicts"]),
]
