from django.urls import path

from datadam.jobs import feeds, views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.board, name="board"),
    path("jobs/feed.atom", feeds.JobAtomFeed(), name="feed_atom"),
    path("jobs/feed.json", feeds.JobJsonFeed(), name="feed_json"),
    path("jobs/<int:project_id>/", views.job_detail, name="detail"),
    path("jobs/<int:project_id>/join/", views.job_join, name="join"),
    path("projects/<int:project_id>/job-posting/", views.posting_edit, name="posting_edit"),
]
