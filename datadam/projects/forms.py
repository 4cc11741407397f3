import json

from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.core.forms import JsonField
from datadam.projects.models import MAX_ITEMS_PER_PAGE, MAX_RATE, Project
from datadam.projects.task_templates.base import TaskTemplate

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


class ProjectForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Organization"), empty_label=None)
    name = forms.CharField(label=_("Project name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    data_type = forms.TypedChoiceField(
        label=_("Data type"),
        choices=Project.DataType.choices,
        initial=Project.DataType.TEXT,
        required=False,
        empty_value=Project.DataType.TEXT,
    )
    schema = JsonField(
        label=_("Label schema (JSON)"),
        initial=json.dumps(EXAMPLE_SCHEMA, ensure_ascii=False, indent=2),
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text=_(
            "The controls workers fill in: choices, spans, relations, boxes, polygons, keypoints, segments, text or "
            "rating. The guide after the last field shows each one with examples."
        ),
    )
    guideline = forms.CharField(
        label=_("Guideline (Markdown)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    default_overlap = forms.IntegerField(label=_("Labels per item"), min_value=1, max_value=10, initial=1)
    items_per_page = forms.IntegerField(
        label=_("Items on one page"),
        min_value=1,
        max_value=MAX_ITEMS_PER_PAGE,
        initial=1,
        required=False,
        help_text=_("More than one suits short items with plain choices, such as sentences to classify."),
    )
    join_policy = forms.ChoiceField(
        label=_("Who may join"), choices=Project.JoinPolicy.choices, initial=Project.JoinPolicy.OPEN
    )
    rate_per_item = forms.IntegerField(
        label=_("Pay per accepted item (won)"),
        min_value=0,
        max_value=MAX_RATE,
        initial=0,
        help_text=_("Check it against the minimum wage: the project page shows the hourly wage it works out to."),
    )
    rate_per_review = forms.IntegerField(label=_("Pay per review (won)"), min_value=0, max_value=MAX_RATE, initial=0)
    pay_on = forms.ChoiceField(label=_("Pay labelers"), choices=Project.PayOn.choices, initial=Project.PayOn.ACCEPT)
    correction_pay = forms.ChoiceField(
        label=_("Labeler's pay when a reviewer corrects the work"),
        choices=Project.CorrectionPay.choices,
        initial=Project.CorrectionPay.HALF,
    )

    def __init__(self, *args, organizations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations

    def clean_items_per_page(self) -> int:
        """Left empty: one item a page, as before the setting existed."""
        return self.cleaned_data["items_per_page"] or 1

    @staticmethod
    def initial_from(template: TaskTemplate) -> dict:
        """The form filled from a task template, in the person's language."""
        return {
            "name": template.title.text(),
            "description": template.summary.text(),
            "data_type": template.data_type,
            "schema": json.dumps(template.schema(), ensure_ascii=False, indent=2),
            "guideline": template.guideline.text(),
            "rate_per_item": template.rate_per_item,
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.jsonl, .csv or .tsv)"))
    encoding = forms.ChoiceField(
        label=_("Encoding"),
        required=False,
        choices=[
            ("", _("Detect automatically")),
            ("utf-8", "UTF-8"),
            ("cp949", "CP949 (Excel, Korean)"),
            ("euc-kr", "EUC-KR"),
        ],
    )


class ImportColumnsForm(forms.Form):
    """Which of the columns found is the text workers read, which is the item's id, and which are kept."""

    text_column = forms.ChoiceField(label=_("Column holding the text"))
    id_column = forms.ChoiceField(label=_("Column holding the item's id"), required=False)
    keep = forms.MultipleChoiceField(
        label=_("Columns kept as metadata"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Workers do not see them; they stay with each item and in the exports."),
    )

    def __init__(self, *args, columns: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        pairs = [(column, column) for column in columns]
        self.fields["text_column"].choices = pairs
        self.fields["id_column"].choices = [("", _("None: number the items"))] + pairs
        self.fields["keep"].choices = pairs

    @staticmethod
    def initial_for(columns: list[str], text_column: str) -> dict:
        return {
            "text_column": text_column,
            "id_column": "id" if "id" in columns else "",
            "keep": [column for column in columns if column != text_column],
        }


class ProjectEditForm(ProjectForm):
    """The same fields without the organization (a project never moves), plus the lease length."""

    lease_seconds = forms.IntegerField(label=_("Minutes a worker may hold a task"), min_value=1, max_value=1440)

    def __init__(self, *args, suggested_rate: int | None, **kwargs) -> None:
        super().__init__(*args, organizations=None, **kwargs)
        del self.fields["organization"]
        del self.fields["data_type"]
        if suggested_rate is not None:
            self.fields["rate_per_item"].help_text = _(
                "At the pace measured so far, %(rate)s won an item pays the minimum wage with a 20 %% margin."
            ) % {"rate": f"{suggested_rate:,}"}

    @classmethod
    def initial_for(cls, project: Project) -> dict:
        fields = [name for name in cls.base_fields if name not in ("organization", "lease_seconds", "schema")]
        initial = {name: getattr(project, name) for name in fields}
        initial["schema"] = json.dumps(project.schema, ensure_ascii=False, indent=2)
        initial["lease_seconds"] = project.lease_seconds // 60
        return initial

    def clean_lease_seconds(self) -> int:
        return self.cleaned_data["lease_seconds"] * 60
