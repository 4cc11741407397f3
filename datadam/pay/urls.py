from django.urls import path

from datadam.pay import views

app_name = "pay"
urlpatterns = [
    path("", views.earnings, name="earnings"),
    path("statements/<str:period>/", views.statement_page, name="statement"),
    path("statements/<str:period>.csv", views.statement_csv, name="statement_csv"),
    path("payroll/<int:organization_id>/<str:period>/", views.payroll_page, name="payroll"),
    path("payroll/<int:organization_id>/<str:period>.csv", views.payroll_csv, name="payroll_csv"),
    path("projects/<int:project_id>/rates/", views.unit_rates_page, name="unit_rates"),
]
