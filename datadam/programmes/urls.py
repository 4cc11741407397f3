from django.urls import path

from datadam.programmes import views

app_name = "programmes"
urlpatterns = [
    path("dashboard/", views.home, name="home"),
    path("dashboard/<int:programme_id>/", views.dashboard, name="dashboard"),
    path("dashboard/<int:programme_id>/figures.csv", views.figures_csv, name="figures_csv"),
]
