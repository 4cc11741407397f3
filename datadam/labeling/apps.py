from django.apps import AppConfig


class LabelingConfig(AppConfig):
    name = "datadam.labeling"
    label = "labeling"

    def ready(self) -> None:
        from datadam.labeling import selectors
        from datadam.pay import active_time

        active_time.active_time_source_register(selectors.labeler_active_seconds)
        active_time.pace_source_register(selectors.labeler_piece_seconds)
        active_time.pending_source_register(selectors.labeler_pay_pending)
