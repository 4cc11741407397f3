"""Release speed and memory: cutting a release and building its files (AI Hub package, exports, report,
manifest) for a project of N items with accepted labels.

    .venv/bin/python bench/release_package.py [--items 100000] [--items 10000 ...]
    .venv/bin/python bench/release_package.py --items 20000 --overlap 3 --source consensus

For each size: a fresh SQLite database in a temporary data directory (or, from bench/run.py on PostgreSQL, a
project of its own in the run's database); items are the vendored NSMC reviews (repeated), each with one
accepted annotation and, for one in ten, a review verdict (bulk-inserted: set-up, not timed). Then each phase
runs in its own process, so its wall time and its peak RSS (`wait4`) are its own: `baseline` (Django set up,
nothing done), `cut` (release_cut: the frozen snapshot), `build` (release_build_run: the archives, every export
format that fits, the guideline, the datasheets, the report, the manifest, SHA256SUMS and the package's own
check).
"""

import argparse
import csv
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REVIEWS = ROOT / "datadam/demo/data/nsmc_reviews_2000.tsv"
SCHEMA = {"controls": [{"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]}]}


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datadam.settings")
    import django

    django.setup()


def setup(count: int, overlap: int = 1) -> int:
    """A project of `count` items; with overlap > 1, that many workers answer each item (one in five flips the
    true label, seeded), every answer accepted: what a consensus release aggregates."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.utils import timezone

    from datadam.accounts.models import Organization, OrganizationMembership, User
    from datadam.labeling.models import Annotation, Assignment
    from datadam.projects.models import Item, Project
    from datadam.review.models import Review

    with REVIEWS.open(encoding="utf-8", newline="") as source:
        rows = [(row["document"], row["label"]) for row in csv.DictReader(source, delimiter="\t")]
    tag = secrets.token_hex(4)  # a project of its own, also in a database that holds other benchmarks' rows
    owner = User.objects.create(username=f"bench-release-{tag}")
    organization = Organization.objects.create(name=f"bench release {tag}", slug=f"bench-release-{tag}")
    OrganizationMembership.objects.create(organization=organization, user=owner, role="manager")
    project = Project.objects.create(organization=organization, name="bench release", schema=SCHEMA, created_by=owner)
    Item.objects.bulk_create(
        (
            Item(project=project, data={"text": rows[n % len(rows)][0]}, external_id=str(n), is_published=True)
            for n in range(count)
        ),
        batch_size=2000,
    )
    now = timezone.now()
    items = list(Item.objects.filter(project=project).order_by("id").values_list("id", flat=True))
    workers = (
        [owner] if overlap == 1 else [User.objects.create(username=f"bench-release-{tag}-{n}") for n in range(overlap)]
    )
    if overlap > 1:
        Item.objects.filter(project=project).update(target_overlap=overlap)
    Assignment.objects.bulk_create(
        (
            Assignment(item_id=i, project=project, worker=w, status="submitted", leased_at=now, expires_at=now)
            for i in items
            for w in workers
        ),
        batch_size=2000,
    )
    labels = {i: ("positive" if rows[n % len(rows)][1] == "1" else "negative") for n, i in enumerate(items)}
    flip, noise = {"positive": "negative", "negative": "positive"}, random.Random(7)

    def answer(item_id: int) -> str:
        return flip[labels[item_id]] if overlap > 1 and noise.random() < 0.2 else labels[item_id]

    Annotation.objects.bulk_create(
        (
            Annotation(
                assignment_id=a,
                project=project,
                item_id=i,
                author_id=w,
                status="accepted",
                result={"sentiment": answer(i)},
            )
            for a, i, w in Assignment.objects.filter(project=project)
            .values_list("id", "item_id", "worker_id")
            .iterator()
        ),
        batch_size=2000,
    )
    Review.objects.bulk_create(
        (
            Review(annotation_id=a, project=project, reviewer=owner, verdict="accept")
            for a in Annotation.objects.filter(project=project).values_list("id", flat=True)[::10]
        ),
        batch_size=2000,
    )
    return project.id


def phase(name: str, project_id: int, source: str = "accepted") -> dict:
    from datadam.projects.models import Project
    from datadam.releases import services
    from datadam.releases.models import Release

    if name == "cut":
        project = Project.objects.get(id=project_id)
        release = services.release_cut(actor=project.created_by, project=project, version="v1.0.0", source=source)
        return {
            "entries": release.entries_total,
            "consensus": release.snapshot.get("consensus")
            and {key: release.snapshot["consensus"][key] for key in ("method", "overlap_incomplete", "confidence")},
        }
    if name == "build":
        release = services.release_build_run(release_id=Release.objects.get(project_id=project_id).id)
        return {
            "status": release.status,
            "error": release.error,
            "package_check": release.report.get("package_check"),
            "files": {f.name: f.size_bytes for f in release.files.order_by("name")},
        }
    return {}


def timed(args: list[str], env: dict) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, __file__, *args], env=env, stdout=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = process.stdout.read()
    if status != 0:
        raise SystemExit(f"{args} failed with status {status}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), **json.loads(output or "{}")}


def run(count: int, database_url: str | None = None, *, overlap: int = 1, source: str = "accepted") -> dict:
    """Set up a project of `count` items, then time each phase; on SQLite unless a database URL is given."""
    env = {**os.environ, "DATADAM_DATA_DIR": tempfile.mkdtemp(prefix="datadam-bench-release-"), "DATADAM_DEBUG": "0"}
    env.pop("DATADAM_DATABASE_URL", None)
    if database_url:
        env["DATADAM_DATABASE_URL"] = database_url
    try:
        setup_args = ["--phase", "setup", "--items", str(count), "--overlap", str(overlap)]
        project = str(timed(setup_args, env)["project_id"])
        phases = {
            name: timed(["--phase", name, "--project", project, "--source", source], env)
            for name in ("baseline", "cut", "build")
        }
    finally:
        shutil.rmtree(env["DATADAM_DATA_DIR"], ignore_errors=True)
    if phases["build"].get("status") != "built":
        raise SystemExit(f"the release build failed: {phases['build'].get('error')}")
    database = "postgresql" if database_url else "sqlite"
    return {"items": count, "overlap": overlap, "source": source, "database": database, **phases}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, action="append")
    parser.add_argument("--phase")
    parser.add_argument("--project", type=int)
    parser.add_argument("--overlap", type=int, default=1, help="workers per item (their answers all accepted)")
    parser.add_argument("--source", choices=["accepted", "consensus"], default="accepted")
    options = parser.parse_args()
    if options.phase:
        _django()
        if options.phase == "setup":
            print(json.dumps({"project_id": setup(options.items[0], options.overlap)}))
        else:
            print(json.dumps(phase(options.phase, options.project, options.source)))
        return
    results = [run(count, overlap=options.overlap, source=options.source) for count in options.items or [100_000]]
    suffix = "" if options.source == "accepted" else f"_{options.source}"
    out = ROOT / f"bench/results/release_package{suffix}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    for result in results:
        sizes = result["build"].get("files", {})
        total = sum(sizes.values())
        print(
            f"{result['items']:>8} items  baseline {result['baseline']['peak_rss_mb']} MB  "
            f"cut {result['cut']['seconds']} s / {result['cut']['peak_rss_mb']} MB  "
            f"build {result['build']['seconds']} s / {result['build']['peak_rss_mb']} MB  "
            f"files {len(sizes)} ({total / 1e6:.1f} MB)"
        )


if __name__ == "__main__":
    main()
