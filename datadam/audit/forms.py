from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.audit.actions import ACTION_LABELS, action_label

# "annotation" finds every annotation.* event (the selector matches a prefix); the part before the dot of a
# registered action is accepted as such a group.
ACTION_GROUPS = {name.split(".", 1)[0] for name in ACTION_LABELS}


class ActionField(forms.ChoiceField):
    def valid_value(self, value: str) -> bool:
        return value in ACTION_GROUPS or super().valid_value(value)


class AuditFilterForm(forms.Form):
    action = ActionField(label=_("What happened"), required=False)
    username = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    project = forms.IntegerField(label=_("Project id"), required=False, min_value=1, max_value=2**63 - 1)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, action_names: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(name, action_label(name)) for name in action_names]
        group = self.data.get("action", "")
        if group in ACTION_GROUPS:
            # Keep the group the link asked for selected, so the form says what the table shows.
            choices.insert(0, (group, _("Everything about %(group)s") % {"group": group}))
        self.fields["action"].choices = [("", _("Everything")), *choices]
