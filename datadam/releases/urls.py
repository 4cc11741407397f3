from django.urls import path

from datadam.releases import views

app_name = "releases"
release = "<int:project_id>/releases/<int:release_id>/"
urlpatterns = [
    path("<int:project_id>/export/", views.export_page, name="export"),
    path("<int:project_id>/exports/<int:job_id>/", views.export_job_status, name="export_job"),
    path("<int:project_id>/exports/<int:job_id>/download/", views.export_job_download, name="export_download"),
    path("<int:project_id>/exports/<int:job_id>/restart/", views.export_job_restart, name="export_restart"),
    path("<int:project_id>/releases/", views.release_list, name="list"),
    path("<int:project_id>/releases/targets/", views.quality_targets_update, name="targets"),
    path(release, views.release_detail, name="release"),
    path(release + "status/", views.release_status, name="status"),
    path(release + "report/", views.release_report, name="report"),
    path(release + "report.json", views.release_report_json, name="report_json"),
    path(release + "restart/", views.release_restart, name="restart"),
    path(release + "decide/", views.release_decide, name="decide"),
    path(release + "publish/", views.release_publish, name="publish"),
    path(release + "files/<path:name>", views.release_file_download, name="file"),
    path("verify/", views.release_verify_list, name="verify_list"),
]
