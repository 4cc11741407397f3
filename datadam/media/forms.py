from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.projects.task_templates.base import TaskTemplate


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,audio/*,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(one, initial) for one in data]
        return [super().clean(data, initial)]


class MediaUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Images, audio files or one ZIP"),
        help_text=_("Choose many files at once, or one ZIP. A metadata.csv with a file_name column adds prompt texts."),
    )


class MediaFolderForm(forms.Form):
    folder = forms.CharField(label=_("Folder on the server"), max_length=500)


class MediaUrlsForm(forms.Form):
    urls = forms.CharField(
        label=_("Links, one per line"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=2_000_000,
        help_text=_("After a link you may add a tab and a prompt text."),
    )


class MediaBucketForm(forms.Form):
    bucket = forms.CharField(label=_("Bucket"), max_length=63)
    prefix = forms.CharField(label=_("Folder in the bucket (prefix)"), max_length=500, required=False)


class CollectionForm(forms.Form):
    organization = forms.ModelChoiceField(queryset=None, label=_("Organization"))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("What workers give"), choices=[("audio", _("Record speech")), ("image", _("Upload a photo"))]
    )
    prompts = forms.CharField(
        label=_("Prompts, one per line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=2_000_000,
        help_text=_("For speech: the sentence to read. For photos: what to photograph."),
    )
    consent_text = forms.CharField(
        label=_("Consent text"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Workers must agree to this for every recording or photo; the text is kept with each one."),
    )
    target_project = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Labeling project for accepted files"),
        help_text=_("Accepted recordings or photos become items of this project."),
    )
    max_seconds = forms.IntegerField(label=_("Longest recording (seconds)"), min_value=3, max_value=600, initial=30)

    def __init__(self, *args, organizations, projects, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["target_project"].queryset = projects

    @staticmethod
    def initial_from(template: TaskTemplate) -> dict:
        """The form filled from a collection template, in the person's language."""
        return {
            "name": template.title.text(),
            "kind": template.collect_kind,
            "prompts": template.prompts.text() if template.prompts else "",
            "consent_text": template.consent.text() if template.consent else "",
        }


class ContributionForm(forms.Form):
    prompt_id = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("Your recording or photo"))
    consent = forms.BooleanField(label=_("I agree to the consent text above."))


class ContributionReviewForm(forms.Form):
    verdict = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))], label=_("Verdict"))
    reason = forms.CharField(label=_("Reason (for a rejection)"), max_length=500, required=False)
