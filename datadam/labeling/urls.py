from django.urls import path

from datadam.labeling import page_views, preview_views, views

app_name = "labeling"
urlpatterns = [
    path("<int:project_id>/label/", views.task_start, name="start"),
    path("<int:project_id>/page/", page_views.page_show, name="page"),
    path("<int:project_id>/page/submit/", page_views.page_submit, name="page_submit"),
    path("preview/", preview_views.schema_preview, name="preview"),
    path("<int:project_id>/preview/", preview_views.schema_preview, name="project_preview"),
    path("<int:project_id>/tasks/<int:assignment_id>/", views.task_page, name="task"),
    path("<int:project_id>/tasks/<int:assignment_id>/submit/", views.task_submit, name="submit"),
    path("<int:project_id>/tasks/<int:assignment_id>/skip/", views.task_skip, name="skip"),
]
