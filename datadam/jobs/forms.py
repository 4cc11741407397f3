from django import forms

from datadam.jobs.models import JobPosting
from datadam.jobs.services import POSTING_FIELDS


class PostingForm(forms.ModelForm):
    class Meta:
        model = JobPosting
        fields = list(POSTING_FIELDS)
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}
