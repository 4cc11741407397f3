import copy
import json

from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.academy.models import Cohort, Course, Role
from datadam.core.forms import JsonField
from datadam.projects.models import Project

EXAMPLE_SCHEMA = {
    "controls": [
        {
            "type": "choices",
            "name": "sentiment",
            "title": "감성",
            "labels": [{"value": "positive", "text": "긍정"}, {"value": "negative", "text": "부정"}],
        }
    ]
}


class CourseForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Organization"), empty_label=None)
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    description_ko = forms.CharField(
        label=_("Description (Korean)"), required=False, widget=forms.Textarea({"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), required=False, widget=forms.Textarea({"rows": 3})
    )
    data_types = forms.MultipleChoiceField(
        label=_("Data types it qualifies for"), choices=Project.DataType.choices, widget=forms.CheckboxSelectMultiple
    )
    subject = forms.CharField(label=_("Subject area (optional)"), required=False, max_length=100)
    prerequisite = forms.ModelChoiceField(
        queryset=None, label=_("Course to finish first"), required=False, empty_label=_("None")
    )
    schema = JsonField(
        empty={},
        label=_("Label schema of the practice and evaluation items (JSON)"),
        initial=json.dumps(EXAMPLE_SCHEMA, ensure_ascii=False, indent=2),
    )
    labeler_threshold = forms.FloatField(label=_("Score for labeler (0 to 1)"), min_value=0, max_value=1, initial=0.7)
    reviewer_threshold = forms.FloatField(label=_("Score for reviewer (0 to 1)"), min_value=0, max_value=1, initial=0.9)
    evaluation_mode = forms.ChoiceField(label=_("Evaluation items"), choices=Course.EvaluationMode.choices)
    evaluation_size = forms.IntegerField(label=_("Number of evaluation items"), min_value=1, initial=10)
    time_limit_minutes = forms.IntegerField(label=_("Time limit in minutes (empty: none)"), min_value=1, required=False)
    max_attempts = forms.IntegerField(label=_("Attempts allowed"), min_value=1, initial=3)
    cooldown_minutes = forms.IntegerField(label=_("Wait between attempts (minutes)"), min_value=0, initial=60)
    stipend = forms.IntegerField(
        label=_("Completion stipend (won)"),
        min_value=0,
        required=False,
        help_text=_("Paid into each trainee's earnings when they complete a cohort; 0 for none."),
    )

    def __init__(self, *args, organizations, courses, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["prerequisite"].queryset = courses

    def clean_stipend(self) -> int:
        return self.cleaned_data["stipend"] or 0


class LessonForm(forms.Form):
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    body_ko = forms.CharField(label=_("Text (Korean, Markdown)"), widget=forms.Textarea({"rows": 8}))
    body_en = forms.CharField(label=_("Text (English, Markdown)"), required=False, widget=forms.Textarea({"rows": 8}))
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, initial=30)


class CourseItemForm(forms.Form):
    use = forms.ChoiceField(label=_("Used for"), choices=[("practice", _("Practice")), ("evaluation", _("Evaluation"))])
    text = forms.CharField(label=_("Item text"), widget=forms.Textarea({"rows": 3}))
    gold = JsonField(empty={}, label=_("Right answer (JSON, one key per control)"), initial='{"sentiment": "positive"}')
    explanation_ko = forms.CharField(
        label=_("Explanation (Korean)"), required=False, widget=forms.Textarea({"rows": 2})
    )
    explanation_en = forms.CharField(
        label=_("Explanation (English)"), required=False, widget=forms.Textarea({"rows": 2})
    )


class CohortForm(forms.Form):
    number = forms.IntegerField(label=_("Cohort number"), min_value=1)
    teaching_organization = forms.CharField(label=_("Teaching organization"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=Cohort.Mode.choices)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    timetable = forms.CharField(label=_("Timetable"), required=False, widget=forms.Textarea({"rows": 3}))
    enrol_opens_at = forms.DateTimeField(
        label=_("Applications open"), widget=forms.DateTimeInput({"type": "datetime-local"})
    )
    enrol_closes_at = forms.DateTimeField(
        label=_("Applications close"), widget=forms.DateTimeInput({"type": "datetime-local"})
    )
    starts_on = forms.DateField(label=_("Start date"), widget=forms.DateInput({"type": "date"}))
    ends_on = forms.DateField(label=_("End date"), widget=forms.DateInput({"type": "date"}))
    seats = forms.IntegerField(label=_("Seats"))
    selection = forms.ChoiceField(label=_("How people are chosen"), choices=Cohort.Selection.choices)
    sessions = forms.IntegerField(label=_("Classroom sessions"), min_value=0, initial=0)
    required_attendance = forms.IntegerField(label=_("Sessions to attend to complete"), min_value=0, initial=0)
    eligibility_questions = forms.CharField(
        label=_("Eligibility questions (one a line, optional)"), required=False, widget=forms.Textarea({"rows": 3})
    )
    agreement = forms.ModelChoiceField(
        queryset=None, label=_("Participation agreement"), required=False, empty_label=_("None")
    )

    def __init__(self, *args, agreements, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements

    def clean_eligibility_questions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["eligibility_questions"].splitlines() if line.strip()]


class ApplyForm(forms.Form):
    consent = forms.BooleanField(
        label=_("Keep my answers so the organizers can decide (I can delete them later)"), required=False
    )
    agree = forms.BooleanField(label=_("I have read and accept the participation agreement"), required=False)

    def __init__(self, *args, questions: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for index, question in enumerate(questions):
            self.fields[f"q{index}"] = forms.CharField(label=question, required=False, max_length=1000)
        self.questions = questions

    def answers(self) -> dict:
        return {question: self.cleaned_data.get(f"q{index}", "") for index, question in enumerate(self.questions)}


class RequirementForm(forms.Form):
    data_type = forms.ChoiceField(
        label=_("Qualification asked for"),
        choices=[("", _("None: open to anyone")), *Project.DataType.choices],
        required=False,
    )
    subject = forms.CharField(label=_("Subject area (optional)"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    agreement = forms.ModelChoiceField(
        queryset=None, label=_("Participation agreement"), required=False, empty_label=_("None")
    )

    def __init__(self, *args, agreements, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements


class AgreementForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Organization"), empty_label=None)
    key = forms.SlugField(label=_("Short name (a new version keeps the same one)"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=200)
    text_ko = forms.CharField(label=_("Text (Korean)"), widget=forms.Textarea({"rows": 6}))
    text_en = forms.CharField(label=_("Text (English)"), required=False, widget=forms.Textarea({"rows": 6}))

    def __init__(self, *args, organizations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


def _edit_fields(form: forms.Form, source: type[forms.Form], names: set[str], locked: set[str]) -> None:
    """Copy the create form's fields that may be edited; a field an application has fixed is shown, disabled."""
    for name, field in source.base_fields.items():
        if name not in names:
            continue
        form.fields[name] = copy.deepcopy(field)
        if isinstance(field, forms.DateTimeField):
            form.fields[name].widget = forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
        if name in locked:
            form.fields[name].disabled = True
            form.fields[name].help_text = _("Fixed: people have already applied.")


class CourseEditForm(forms.Form):
    def __init__(self, *args, names: set[str], locked: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _edit_fields(self, CourseForm, names, locked)


class CohortEditForm(forms.Form):
    def __init__(self, *args, names: set[str], locked: set[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _edit_fields(self, CohortForm, names, locked)
