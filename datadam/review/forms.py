from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.core.forms import JsonField
from datadam.quality.models import GoldReview


class GoldReviewForm(forms.Form):
    """A check for reviewers; the gold item is picked from the project's list on the page."""

    gold = forms.IntegerField(label=_("Gold item"), min_value=1)
    expected = forms.ChoiceField(label=_("The right verdict"), choices=GoldReview.Expected.choices)
    result = JsonField(
        label=_("Answer shown to the reviewer (JSON; leave empty to show the gold answer)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
    )
    explanation = forms.CharField(label=_("Explanation"), required=False, max_length=500)

    def clean_result(self) -> dict | None:
        value = self.cleaned_data["result"]
        if value is not None and not isinstance(value, dict):
            raise forms.ValidationError(_('Write a JSON object, e.g. {"sentiment": "negative"}.'))
        return value
