from django.urls import path

from datadam.careers import views

app_name = "careers"
urlpatterns = [
    path("careers/me/", views.my_record, name="mine"),
    path("careers/me/share/", views.share_set, name="share"),
    path("careers/verify/", views.verify, name="verify"),
    path("careers/outcomes/", views.outcome_list, name="outcomes"),
    path("careers/outcomes/<int:outcome_id>/", views.outcome_edit, name="outcome_edit"),
    path("careers/outcomes/<int:outcome_id>/delete/", views.outcome_delete, name="outcome_delete"),
    path("careers/employers/", views.employer_list, name="employers"),
    path("careers/employers/<int:employer_id>/", views.employer_edit, name="employer_edit"),
]
