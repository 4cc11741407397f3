from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "datadam.review"
    label = "review"

    def ready(self) -> None:
        from datadam.pay.active_time import active_time_source_register
        from datadam.quality.review_outcomes import ReviewOutcomes, review_outcomes_register
        from datadam.review import selectors

        active_time_source_register(selectors.reviewer_active_seconds)
        review_outcomes_register(
            ReviewOutcomes(
                feedback_for_worker=selectors.review_feedback_for_worker,
                rejections_per_author=selectors.review_rejections_per_author,
            )
        )
