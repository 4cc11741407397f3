from django.urls import path

from datadam.media import views

app_name = "media"
urlpatterns = [
    path("files/<str:media_token>/", views.media_file, name="file"),
    path("files/<str:media_token>/peaks/", views.media_peaks, name="peaks"),
]
