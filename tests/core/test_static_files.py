"""A production server (manifest static storage, as `datadam serve` runs it) serves every page with
its stylesheet and widgets: collectstatic finds the package's own static folder."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings

MANIFEST_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def test_the_package_stylesheet_and_widgets_are_found() -> None:
    assert finders.find("datadam/css/datadam.css")
    assert finders.find("datadam/widgets/label_form.js")
    assert finders.find("datadam/widgets/activity.js")


def test_pages_render_with_collected_hashed_static_files(db, tmp_path: Path, settings) -> None:
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    call_command("collectstatic", "--noinput", "-v", "0")

    with override_settings(DEBUG=False):
        response = Client().get("/accounts/login/")

    assert response.status_code == 200
    assert "/static/datadam/widgets/app." in response.content.decode()
    assert (tmp_path / "staticfiles.json").exists()
