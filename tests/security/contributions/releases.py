"""The releases app's part of the isolation tests: one of A's releases, built and published.

The release pages, its report and its JSON answer the outsider 404; the API's cut needs a version in its body.
"""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from datadam.catalog.models import Dataset
from datadam.releases.models import Release, ReleaseFile
from tests.security.shapes import ObjectsOfA

PUBLIC_TITLE = "공개 데이터셋"

BODIES = {("POST", "/api/v1/projects/{project_id}/releases"): lambda a: {"version": "v7.0.0"}}


def objects_of_a(cast, a: ObjectsOfA) -> None:
    now = timezone.now()
    release = Release.objects.create(
        project=cast.project, version="v1.0.0", notes="첫 공개판", status=Release.Status.PUBLISHED,
        cut_by=cast.manager, entries_total=1, built_at=now, signed_at=now, published_at=now,
        report={"below_target": []},
    )
    stored = default_storage.save(f"releases/{cast.project.id}/{release.id}/manifest.json", ContentFile(b"{}"))
    ReleaseFile.objects.create(
        release=release, name="manifest.json", stored_path=stored, size_bytes=2, sha256="0" * 64, kind="manifest"
    )
    Dataset.objects.create(project=cast.project, slug="a-public-set", title_ko=PUBLIC_TITLE, title_en="Public set")
    a.ids["release_id"] = release.id
    a.ids |= {"slug": "a-public-set", "version": release.version, "name": "manifest.json"}
