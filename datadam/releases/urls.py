from django.urls import path

from datadam.releases import views

app_name = "releases"
urlpatterns = [
    path("<int:project_id>/export/", views.export_page, name="export"),
    path("<int:project_id>/exports/<int:job_id>/", views.export_job_status, name="export_job"),
    path("<int:project_id>/exports/<int:job_id>/download/", views.export_job_download, name="export_download"),
]
