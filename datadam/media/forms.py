from django import forms
from django.utils.translation import gettext_lazy as _


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
