from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.audit.actions import action_label


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("What happened"), required=False)
    username = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    project = forms.IntegerField(label=_("Project id"), required=False, min_value=1)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, action_names: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(name, action_label(name)) for name in action_names]
        self.fields["action"].choices = [("", _("Everything")), *choices]
