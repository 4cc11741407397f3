from django import forms
from django.utils.translation import gettext_lazy as _

from datadam.notifications.models import Notification


class NotificationChoiceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("Also send me an email when"),
        choices=Notification.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Every notification is always on the Notifications page; email is only what you pick here."),
    )
