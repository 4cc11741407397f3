"""The project's staff and the verifier download a built file to check it before publishing; it is not counted."""

from datadam.catalog.models import Download
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build, label_and_review


def test_staff_and_the_verifier_download_a_built_file_and_strangers_get_404(cast, verifier) -> None:
    label_and_review(cast)
    release = cut_and_build(cast)
    url = f"/projects/{cast.project.id}/releases/{release.id}/files/manifest.json"
    size = release.files.get(name="manifest.json").size_bytes

    answers = {person.username: client_for(person).get(url) for person in (cast.manager, verifier, cast.outsider)}
    part = client_for(cast.manager).get(url, HTTP_RANGE="bytes=0-9")

    assert answers["manager"].status_code == 200 and len(answers["manager"].content) == size
    assert answers["verifier"].status_code == 200 and answers["outsider"].status_code == 404
    assert part.status_code == 206 and len(part.content) == 10
    assert client_for(cast.manager).get(url.replace("manifest.json", "nothing")).status_code == 404
    assert not Download.objects.exists()
