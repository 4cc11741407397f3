from django.urls import path

from datadam.quality import gold_views, views

app_name = "quality"
urlpatterns = [
    path("projects/<int:project_id>/quality/", views.manager_page, name="manage"),
    path("projects/<int:project_id>/quality/agreement/", views.agreement_page, name="agreement"),
    path("projects/<int:project_id>/quality/mine/", views.my_quality, name="mine"),
    path("projects/<int:project_id>/quality/gold/", views.gold_add, name="gold_add"),
    path("projects/<int:project_id>/quality/gold/upload/", views.gold_upload, name="gold_upload"),
    path("projects/<int:project_id>/quality/gold/answer/", gold_views.gold_answer, name="gold_answer"),
    path("projects/<int:project_id>/quality/gold/promote/", views.gold_promote, name="gold_promote"),
    path("projects/<int:project_id>/quality/refresh/", views.refresh, name="refresh"),
    path("projects/<int:project_id>/quality/workers/<int:worker_id>/lift/", views.pause_lift, name="lift"),
]
