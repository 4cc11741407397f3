from django.urls import path

from datadam.media import views

app_name = "media"
urlpatterns = [
    path("files/<str:media_token>/", views.media_file, name="file"),
    path("files/<str:media_token>/peaks/", views.media_peaks, name="peaks"),
    path("projects/<int:project_id>/media/import/", views.media_import, name="import"),
    path(
        "projects/<int:project_id>/media/imports/<int:media_import_id>/",
        views.media_import_status,
        name="import_status",
    ),
]
