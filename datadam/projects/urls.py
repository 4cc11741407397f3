from django.urls import path

from datadam.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:project_id>/", views.project_detail, name="detail"),
    path("<int:project_id>/edit/", views.project_edit, name="edit"),
    path("<int:project_id>/join/", views.project_join, name="join"),
    path("<int:project_id>/import/", views.import_page, name="import"),
    path("<int:project_id>/imports/<int:batch_id>/", views.import_status, name="import_status"),
    path("<int:project_id>/imports/<int:batch_id>/columns/", views.import_columns, name="import_columns"),
    path("<int:project_id>/imports/<int:batch_id>/restart/", views.import_restart, name="import_restart"),
]
