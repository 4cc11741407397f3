from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "datadam.review"
    label = "review"

    def ready(self) -> None:
        from datadam.pay.active_time import active_time_source_register
        from datadam.review.selectors import reviewer_active_seconds

        active_time_source_register(reviewer_active_seconds)
