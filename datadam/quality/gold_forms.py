from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.projects.imports.makers import MAX_TEXT_CHARS


class GoldItemChooseForm(forms.Form):
    """The gold item to answer: a text typed here, or one of the project's items by its number."""

    text = forms.CharField(
        label=_("Text of the gold item"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    item = forms.IntegerField(
        label=_("Or the number of one of the project's items"),
        required=False,
        min_value=1,
        max_value=2**62,
        help_text=_("For images and recordings: import them first, then answer one of them here."),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=500,
        help_text=_("Workers who answer it wrongly see this beside the right answer."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("item"):
            raise forms.ValidationError(_("Write the text of the gold item, or the number of an item."))
        return data
