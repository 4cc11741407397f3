from django.urls import path

from datadam.labeling import preview_views, views

app_name = "labeling"
urlpatterns = [
    path("<int:project_id>/label/", views.task_start, name="start"),
    path("preview/", preview_views.schema_preview, name="preview"),
    path("<int:project_id>/preview/", preview_views.schema_preview, name="project_preview"),
    path("<int:project_id>/tasks/<int:assignment_id>/", views.task_page, name="task"),
    path("<int:project_id>/tasks/<int:assignment_id>/submit/", views.task_submit, name="submit"),
    path("<int:project_id>/tasks/<int:assignment_id>/skip/", views.task_skip, name="skip"),
]
