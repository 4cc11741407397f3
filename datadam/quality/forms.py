from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.core.forms import JsonField
from datadam.quality.aggregation import METHOD_NAMES, METHODS
from datadam.quality.models import QualityPolicy
from datadam.quality.sampling import AQLS, LEVELS


class PolicyForm(forms.ModelForm):
    aggregation_method = forms.ChoiceField(
        label=_("aggregation method"), choices=[(m, METHOD_NAMES[m]) for m in METHODS]
    )
    inspection_level = forms.ChoiceField(label=_("inspection level"), choices=[(level, level) for level in LEVELS])
    aql = forms.TypedChoiceField(
        label=_("AQL (percent nonconforming)"), choices=[(a, f"{a:g}") for a in AQLS], coerce=float
    )

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
