from django.urls import path

from datadam.media import collect_views, views

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
    path("collect/", collect_views.collection_list, name="collect_list"),
    path("collect/new/", collect_views.collection_create, name="collect_new"),
    path("collect/<int:collection_id>/", collect_views.collection_page, name="collect"),
    path("collect/<int:collection_id>/review/", collect_views.collection_review, name="collect_review"),
    path(
        "collect/contributions/<int:contribution_id>/review/",
        collect_views.contribution_review,
        name="contribution_review",
    ),
]
