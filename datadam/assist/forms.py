from django import forms

from datadam.assist.models import AssistSettings


class AssistSettingsForm(forms.ModelForm):
    class Meta:
        model = AssistSettings
        fields = [
            "enabled",
            "kind",
            "queue_order",
            "uncertainty_measure",
            "retrain_every",
            "min_labels",
            "backend_url",
            "backend_timeout_seconds",
            "backend_retries",
            "backend_batch_size",
        ]
