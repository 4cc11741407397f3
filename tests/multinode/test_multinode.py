"""The site on two nodes behind nginx, as the deployment guide sets it up (docs/deploy.md): a manager uploads a
media ZIP that lands in S3, labelers lease and submit through whichever node nginx picks, a reviewer accepts, an
export and a release build run on whichever worker takes them, the catalog download comes from S3 through
either node, and log-in protection and sessions hold across nodes with the client's real address. Then one node
is killed (SIGKILL) in the middle of the labeling: clients send again what got no answer, and nothing is lost.
The worker that takes the release build is killed half-way too, and the other worker finishes the build.

Runs on PostgreSQL only (SQLite cannot be shared by two machines). Small in `make test`; `make bench` runs it at
full size with DATADAM_MULTINODE_LOOPS (loops per labeler) and DATADAM_MULTINODE_ITEMS.
"""

import hashlib
import io
import json
import shutil
import threading
import time
import zipfile
from pathlib import Path

import psutil
import pytest
from axes.models import AccessAttempt
from django.db import connection
from django_tasks_db.models import DBTaskResult

from bench import history
from datadam.accounts import services as accounts
from datadam.core.env import env_int
from datadam.projects.models import Item, Project
from datadam.releases import services as releases
from datadam.releases.models import Release, ReleaseFile, Verifier
from tests import factories
from tests.factories import PASSWORD
from tests.media.conftest import png_bytes
from tests.multinode.cluster import BUCKET, Cluster, wait_for
from tests.resilience.live import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ITEMS = env_int("DATADAM_MULTINODE_ITEMS", 24)
LOOPS = env_int("DATADAM_MULTINODE_LOOPS", 6)
LABELERS = 6
OVERLAP = 2
JOB_SECONDS = 90
RESULTS = [{"sentiment": "positive"}, {"sentiment": "negative"}]
LOAD_BALANCER_ERRORS = frozenset({502, 503, 504})


@pytest.fixture
def cluster(tmp_path: Path):
    if connection.vendor != "postgresql":
        pytest.skip("the nodes share one PostgreSQL; SQLite cannot be shared between machines")
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    site = Cluster(tmp_path)
    try:
        yield site.start()
    finally:
        site.stop()


def media_zip(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(count):
            archive.writestr(f"photos/{index:04d}.png", png_bytes(40 + index % 7, 30))
    return buffer.getvalue()


def test_two_nodes_behind_nginx_share_everything_through_postgresql_and_s3_and_survive_a_killed_node(
    cast, cluster: Cluster
) -> None:
    Project.objects.filter(id=cast.project.id).update(data_type=Project.DataType.IMAGE, default_overlap=OVERLAP)
    Item.objects.filter(project=cast.project).delete()
    manager = cluster.session(token=accounts.token_create(user=cast.manager, name="multi-node")[1])
    reviewer = cluster.session(token=accounts.token_create(user=cast.reviewer, name="multi-node")[1])
    crew = [cast.labeler, cast.labeler2] + [
        factories.ProjectMembershipFactory(project=cast.project).user for _ in range(LABELERS - 2)
    ]
    tokens = [accounts.token_create(user=person, name="multi-node")[1] for person in crew]
    api = f"{cluster.url}/api/v1"

    # A manager uploads a media ZIP; a worker unpacks it into S3, whichever node took the upload.
    upload = manager.post(
        f"{api}/projects/{cast.project.id}/media/imports",
        files={"files": ("photos.zip", media_zip(ITEMS), "application/zip")},
    )
    assert upload.status_code == 202, upload.text
    batch = wait_for(
        lambda: manager.get(f"{api}/media/imports/{upload.json()['id']}").json(),
        lambda answer: answer["status"] in ("published", "failed"),
        JOB_SECONDS,
    )
    assert (batch["status"], batch["items_created"]) == ("published", ITEMS), batch
    stored = [o["Key"] for o in cluster.s3_client().list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert sum(key.startswith("media/") for key in stored) == ITEMS
    assert any(key.startswith("imports/") for key in stored), "the uploaded ZIP is not in S3 for the workers"

    # Labelers lease and submit through nginx: both nodes answer, and the media of an item comes from S3.
    first = history.Run(
        base_url=cluster.url,
        project_id=cast.project.id,
        tokens=tokens,
        loops=2,
        max_seconds=120,
        results=RESULTS,
        mix=history.Mix(skip=0, expire=0, draft=0.3, resubmit=0.3),
        seed=1,
        verify=str(cluster.certificate),
        retry_statuses=LOAD_BALANCER_ERRORS,
    ).go()
    assert first.loops_done == LABELERS * 2 and first.failures == []
    assert cluster.served_by("a", "/tasks/next") and cluster.served_by("b", "/tasks/next")
    assert cluster.served_by("a", "/submit") and cluster.served_by("b", "/submit")

    # A reviewer accepts what the labelers sent, on whichever node.
    accepted = 0
    while (claim := reviewer.post(f"{api}/projects/{cast.project.id}/reviews/next")).status_code == 200:
        answer = reviewer.post(f"{api}/annotations/{claim.json()['id']}/accept", json={})
        assert answer.status_code == 201, answer.text
        accepted += 1
    assert accepted == LABELERS * 2

    # An export and a release build run on a worker; the export downloads from S3 through both nodes alike.
    job = manager.post(f"{api}/projects/{cast.project.id}/exports", json={"file_format": "jsonl"}).json()
    job = wait_for(lambda: manager.get(f"{api}/exports/{job['id']}").json(), _finished, JOB_SECONDS)
    assert job["status"] == "done", job
    downloads = [manager.get(f"{api}/exports/{job['id']}/download") for _ in "ab"]
    assert [d.status_code for d in downloads] == [200, 200] and downloads[0].content == downloads[1].content
    assert len(downloads[0].content.splitlines()) == len({e.answer["item"] for e in first.events if e.op == "next"})
    release = manager.post(f"{api}/projects/{cast.project.id}/releases", json={"version": "v1.0.0"}).json()
    # The worker building it is killed half-way (files stored, not yet shown); the other worker finishes it.
    assert wait_until((cluster.pause_dir / "release-show.reached").exists, JOB_SECONDS, 0.1), "the build never ran"
    building = DBTaskResult.objects.get(task_path__endswith="release_build_task", status="RUNNING")
    killed = building.worker_ids[-1]
    cluster.processes[killed].kill()
    (cluster.pause_dir / "release-show.go").touch()
    release = wait_for(lambda: manager.get(f"{api}/releases/{release['id']}").json(), _finished, JOB_SECONDS)
    assert release["status"] == "built", release
    building.refresh_from_db()
    assert building.status == "SUCCESSFUL" and building.worker_ids[0] == killed and building.worker_ids[-1] != killed
    assert ReleaseFile.objects.filter(release_id=release["id"]).count() == len(
        set(ReleaseFile.objects.filter(release_id=release["id"]).values_list("name", flat=True))
    )
    _publish(cast, Release.objects.get(id=release["id"]))

    # Log-in protection and sessions hold across nodes, and the app sees the client's own address.
    attacker, person = cluster.session(source="127.0.0.5"), cluster.session(source="127.0.0.6")
    tries = [_log_in(cluster, attacker, "labeler2", "wrong-password") for _ in range(3)]
    assert tries == [400, 400, 429]  # the form with its error twice; the third failure locks, on either node
    assert _log_in(cluster, attacker, "labeler2", PASSWORD) == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.5"}
    assert _log_in(cluster, person, "labeler2", PASSWORD) == 302
    me = [person.get(f"{api}/me") for _ in range(4)]
    assert [r.status_code for r in me] == [200] * 4 and {r.json()["username"] for r in me} == {"labeler2"}
    assert cluster.served_by("a", "/api/v1/me") and cluster.served_by("b", "/api/v1/me")
    # In that session, an item's image comes from S3 through either node.
    item_id = next(e.answer["item"] for e in first.events if e.client == 1 and e.op == "next")
    image_url = next(iter(person.get(f"{api}/items/{item_id}/media").json().values()))["url"]
    images = [person.get(f"{cluster.url}{image_url}" if image_url.startswith("/") else image_url) for _ in "ab"]
    assert [r.status_code for r in images] == [200, 200] and images[0].content == images[1].content
    assert images[0].content[:8] == b"\x89PNG\r\n\x1a\n"

    # The catalog download: each node hands over a signed S3 address, and the bytes are the release's.
    file = ReleaseFile.objects.filter(release_id=release["id"]).order_by("-size_bytes").first()
    slug = Release.objects.get(id=release["id"]).project.dataset.slug
    for _node in "ab":
        handover = person.get(f"{cluster.url}/catalog/{slug}/v1.0.0/files/{file.name}", allow_redirects=False)
        assert handover.status_code == 302 and handover.headers["Location"].startswith(cluster.s3_endpoint)
        body = person.get(handover.headers["Location"]).content
        assert hashlib.sha256(body).hexdigest() == file.sha256

    # Node B is killed mid-way through the rest of the labeling: clients retry through nginx, nothing is lost.
    rest = history.Run(
        base_url=cluster.url,
        project_id=cast.project.id,
        tokens=tokens,
        loops=LOOPS,
        max_seconds=180,
        results=RESULTS,
        mix=history.Mix(skip=0, expire=0, draft=0.2, resubmit=0.2),
        seed=2,
        verify=str(cluster.certificate),
        retry_statuses=LOAD_BALANCER_ERRORS,
    )
    killer = threading.Thread(target=_kill_node_b_mid_way, args=(cluster, rest, LABELERS * LOOPS // 3), daemon=True)
    killer.start()
    rest.go()
    killer.join(timeout=60)
    assert cluster.processes["web-b"].popen.poll() is not None, "node B was not killed"
    assert rest.loops_done > LABELERS * LOOPS // 3
    combined = history.Run(
        base_url=cluster.url,
        project_id=cast.project.id,
        tokens=tokens,
        loops=0,
        max_seconds=0,
        results=RESULTS,
        events=first.events + rest.events,
        failures=first.failures + rest.failures,
    )
    report = history.check(combined, [person.id for person in crew])
    assert report.ok, report.violations[:10]
    print(f"\nmulti-node: {sum(e.status is None for e in rest.events)} requests got no answer and were sent again")
    # Nothing was kept on a node's own disk: every file is in the bucket.
    for node in "ab":
        media = cluster.folder / f"node-{node}" / "media"
        assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]


def _finished(answer: dict) -> bool:
    return answer.get("status") not in ("queued", "running", "building")


def _publish(cast, release: Release) -> None:
    """The verifier's sign-off and the publication, which no worker takes part in, made here directly."""
    verifier = factories.UserFactory(username="verifier")
    Verifier.objects.create(user=verifier, organization_id=cast.project.organization_id)
    releases.release_sign_off(actor=verifier, release=release, override_reason="표본이 작아 사유를 남깁니다")
    releases.release_publish(actor=cast.manager, release=release)


def _log_in(cluster: Cluster, session, username: str, password: str) -> int:
    page = session.get(f"{cluster.url}/accounts/login/")
    token = session.cookies.get("csrftoken") or _csrf_from(page.text)
    answer = session.post(
        f"{cluster.url}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": _csrf_from(page.text) or token},
        headers={"Referer": f"{cluster.url}/accounts/login/"},
        allow_redirects=False,
    )
    return answer.status_code


def _csrf_from(html: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = html.find(marker)
    return html[start + len(marker) : html.find('"', start + len(marker))] if start >= 0 else ""


def _kill_node_b_mid_way(cluster: Cluster, run: history.Run, loops: int) -> None:
    if wait_until(lambda: run.loops_done >= loops, 120, 0.02):
        cluster.processes["web-b"].kill()
        time.sleep(0.1)


def test_the_nginx_configuration_of_the_guide_is_valid(tmp_path: Path) -> None:
    """`nginx -t` accepts deploy/nginx.conf as the test runs it (also on the SQLite pass, where no site starts)."""
    import subprocess

    from tests.multinode.cluster import NGINX_CONF, nginx_main, render_nginx, self_signed_certificate

    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.skip("nginx is not installed (apt-get install nginx)")
    cert, key = self_signed_certificate(tmp_path)
    site = tmp_path / "site.conf"
    site.write_text(render_nginx(NGINX_CONF.read_text(), nodes=[8001, 8002], http=8080, https=8443, cert=cert, key=key))
    main = tmp_path / "nginx.conf"
    main.write_text(nginx_main(tmp_path, site))
    checked = subprocess.run([binary, "-t", "-c", str(main), "-e", str(tmp_path / "error.log")], capture_output=True)
    assert checked.returncode == 0, checked.stderr.decode()
    assert json.dumps(NGINX_CONF.read_text()).count("X-Forwarded-For $remote_addr") == 1


MEASURE_SECONDS = env_int("DATADAM_MULTINODE_MEASURE_SECONDS", 0)


@pytest.mark.skipif(not MEASURE_SECONDS, reason="a measurement: DATADAM_MULTINODE_MEASURE_SECONDS=10 runs it")
def test_measure_loops_through_nginx_against_one_node_directly(cast, cluster: Cluster) -> None:
    """Not a check: prints loops/s and the web nodes' and nginx's CPU per loop, through nginx and direct."""
    crew = [factories.ProjectMembershipFactory(project=cast.project).user for _ in range(8)]
    tokens = [accounts.token_create(user=person, name="measure")[1] for person in crew]
    factories.ItemFactory.create_batch(4000, project=cast.project, target_overlap=1)
    nginx = psutil.Process(cluster.processes["nginx"].popen.pid)
    for label, url in (("direct (node A)", f"http://127.0.0.1:{cluster.node_ports[0]}"), ("nginx", cluster.url)):
        web, proxy = cluster.web_cpu_seconds(), _tree_cpu(nginx)
        run = history.Run(
            base_url=url,
            project_id=cast.project.id,
            tokens=tokens,
            loops=10_000,
            max_seconds=MEASURE_SECONDS,
            results=RESULTS,
            mix=history.Mix(skip=0, expire=0, draft=0, resubmit=0),
            verify=str(cluster.certificate),
            # Direct, the node is told what nginx tells it, else it redirects plain HTTP (DATADAM_HTTPS=true).
            headers={"X-Forwarded-Proto": "https"} if url.startswith("http:") else {},
        ).go()
        web, proxy = cluster.web_cpu_seconds() - web, _tree_cpu(nginx) - proxy
        assert run.loops_done, run.events[:3]
        print(
            f"\n{label}: {run.loops_per_second:.1f} loops/s, web {1000 * web / run.loops_done:.1f} ms CPU/loop, "
            f"nginx {1000 * proxy / run.loops_done:.2f} ms CPU/loop ({run.loops_done} loops)"
        )


def _tree_cpu(process: "psutil.Process") -> float:
    total = 0.0
    for each in [process, *process.children(recursive=True)]:
        times = each.cpu_times()
        total += times.user + times.system
    return total
