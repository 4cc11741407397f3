from django.apps import AppConfig


class LabelingConfig(AppConfig):
    name = "datadam.labeling"
    label = "labeling"
