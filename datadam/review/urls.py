from django.urls import path

from datadam.review import gold_views, history_views, queue_views, reviewer_views, stage_views, views

app_name = "review"
urlpatterns = [
    path("<int:project_id>/review/", views.review_start, name="start"),
    path("<int:project_id>/review/<int:annotation_id>/", views.review_page, name="work"),
    path("<int:project_id>/review/<int:annotation_id>/accept/", views.review_accept, name="accept"),
    path("<int:project_id>/review/<int:annotation_id>/reject/", views.review_reject, name="reject"),
    path("<int:project_id>/review/<int:annotation_id>/correct/", views.review_correct, name="correct"),
    path("review/", queue_views.queue_page, name="queue"),
    path("review/next/", queue_views.queue_next, name="queue_next"),
    path("<int:project_id>/review/check/<int:serve_id>/", gold_views.check_page, name="check"),
    path("<int:project_id>/review/check/<int:serve_id>/accept/", gold_views.check_accept, name="check_accept"),
    path("<int:project_id>/review/check/<int:serve_id>/reject/", gold_views.check_reject, name="check_reject"),
    path("<int:project_id>/review/check/<int:serve_id>/correct/", gold_views.check_correct, name="check_correct"),
    path("<int:project_id>/stages/", stage_views.stages_page, name="stages"),
    path("<int:project_id>/stages/seniors/", stage_views.senior_add, name="senior_add"),
    path("<int:project_id>/reviewers/", reviewer_views.reviewers_page, name="reviewers"),
    path("<int:project_id>/reviewers/me/", reviewer_views.my_reviewer_quality, name="my_reviewing"),
    path("<int:project_id>/reviewers/gold/", reviewer_views.gold_review_add, name="gold_review_add"),
    path("<int:project_id>/items/history/", history_views.item_history_find, name="item_history_find"),
    path("<int:project_id>/items/<int:item_id>/history/", history_views.item_history, name="item_history"),
    path("<int:project_id>/my-items/", history_views.my_items, name="my_items"),
    path("<int:project_id>/my-items/<int:assignment_id>/", history_views.my_item_history, name="my_item_history"),
]
