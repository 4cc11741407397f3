from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from datadam.api import api
from datadam.core import views as core_views
from datadam.core.easy_read import easy_read_toggle
from datadam.metrics import views as metrics_views
from datadam.operations.health import health_ready
from datadam.projects import views as project_views

urlpatterns = [
    path("", project_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("health/ready", health_ready, name="health_ready"),
    path("metrics", metrics_views.metrics, name="metrics"),
    # Early: Django tries the patterns in order, and the annotator loop's requests come here.
    path("api/v1/", api.urls),
    path("accounts/", include("datadam.accounts.urls")),
    path("projects/", include("datadam.projects.urls")),
    path("projects/", include("datadam.labeling.urls")),
    path("projects/", include("datadam.labeling.report_urls")),
    path("projects/", include("datadam.review.urls")),
    path("projects/", include("datadam.releases.urls")),
    path("audit/", include("datadam.audit.urls")),
    path("pay/", include("datadam.pay.urls")),
    path("notifications/", include("datadam.notifications.urls")),
    # Newer apps name their full paths in their own urls.py.
    path("", include("datadam.quality.urls")),
    path("", include("datadam.academy.urls")),
    path("", include("datadam.jobs.urls")),
    path("", include("datadam.careers.urls")),
    path("", include("datadam.programmes.urls")),
    path("", include("datadam.office.urls")),
    path("", include("datadam.catalog.urls")),
    path("", include("datadam.media.urls")),
    path("", include("datadam.assist.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("easy-read/", easy_read_toggle, name="easy_read"),
    # One place to change a password, the one that also revokes API tokens and ends the other sessions.
    path("admin/password_change/", RedirectView.as_view(pattern_name="accounts:password")),
    path("admin/", admin.site.urls),
]

handler404 = "datadam.core.views.not_found"
