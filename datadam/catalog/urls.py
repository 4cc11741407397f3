from django.urls import path

from datadam.catalog import views

app_name = "catalog"
urlpatterns = [
    path("catalog/", views.catalog_list, name="list"),
    path("catalog/<str:slug>/", views.dataset_page, name="dataset"),
    path("catalog/<str:slug>/terms/", views.terms_accept, name="terms"),
    path("catalog/<str:slug>/<str:version>/report/", views.release_report, name="report"),
    path("catalog/<str:slug>/<str:version>/report.json", views.release_report_json, name="report_json"),
    path("catalog/<str:slug>/<str:version>/files/<path:name>", views.file_download, name="download"),
    path("projects/<int:project_id>/dataset/", views.datasheet_edit, name="datasheet"),
]
