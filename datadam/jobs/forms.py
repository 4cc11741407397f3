from django import forms

from datadam.jobs.models import JobPosting


class PostingForm(forms.ModelForm):
    class Meta:
        model = JobPosting
        fields = [
            "labeler_openings",
            "reviewer_openings",
            "duration_weeks",
            "mode",
            "location",
            "language",
            "deadline",
            "is_open",
        ]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}
