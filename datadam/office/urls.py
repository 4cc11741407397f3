from django.urls import path

from datadam.office import views

app_name = "office"
urlpatterns = [
    path("office/", views.office_home, name="home"),
    path("office/programmes/<int:programme_id>/register/", views.register, name="register"),
    path("office/programmes/<int:programme_id>/figures.csv", views.programme_csv, name="programme_csv"),
    path("office/data-projects/<int:data_project_id>/", views.detail, name="detail"),
    path("office/data-projects/<int:data_project_id>/plan/", views.delivery_add, name="delivery_add"),
    path("office/data-projects/<int:data_project_id>/hires/", views.hire_record, name="hire_record"),
    path("office/data-projects/<int:data_project_id>/report/", views.report, name="report"),
    path("office/data-projects/<int:data_project_id>/figures.csv", views.data_project_csv, name="csv"),
]
