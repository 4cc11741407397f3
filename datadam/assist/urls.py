from django.urls import path

from datadam.assist import views

app_name = "assist"
urlpatterns = [
    path("projects/<int:project_id>/assistant/", views.assistant_page, name="assistant"),
    path("projects/<int:project_id>/assistant/card", views.assistant_card, name="card"),
    path("projects/<int:project_id>/assistant/run", views.assistant_run, name="run"),
    path("projects/<int:project_id>/assistant/health", views.assistant_health, name="health"),
]
