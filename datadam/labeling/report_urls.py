from django.urls import path

from datadam.labeling import report_views

app_name = "item_reports"
urlpatterns = [
    path("<int:project_id>/tasks/<int:assignment_id>/report/", report_views.report_item, name="report"),
    path("<int:project_id>/reports/", report_views.report_queue, name="queue"),
    path("<int:project_id>/reports/<int:report_id>/release/", report_views.report_decide, {"remove": False}, "release"),
    path("<int:project_id>/reports/<int:report_id>/remove/", report_views.report_decide, {"remove": True}, "remove"),
]
