from django.urls import path

from datadam.review import views

app_name = "review"
urlpatterns = [
    path("<int:project_id>/review/", views.review_start, name="start"),
    path("<int:project_id>/review/<int:annotation_id>/", views.review_page, name="work"),
    path("<int:project_id>/review/<int:annotation_id>/accept/", views.review_accept, name="accept"),
    path("<int:project_id>/review/<int:annotation_id>/reject/", views.review_reject, name="reject"),
    path("<int:project_id>/review/<int:annotation_id>/correct/", views.review_correct, name="correct"),
]
