"""Export speed and memory of every export format on a project of N items with accepted annotations.

    .venv/bin/python bench/export_formats.py [--items 10000] [--formats coco,yolo]

A fresh SQLite database in a temporary data directory. Each item has a Korean text with two spans, an
image size in its data, two boxes and a polygon, and one accepted annotation (bulk-inserted: set-up, not
timed). The image-file ZIPs hold label files only here (no stored images). Each format is run twice: once
for its time, once under tracemalloc for its peak Python memory.
"""

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["DATADAM_DATA_DIR"] = tempfile.mkdtemp(prefix="datadam-bench-export-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datadam.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from datadam.accounts.models import Organization, User  # noqa: E402
from datadam.labeling.models import Annotation, Assignment  # noqa: E402
from datadam.projects.models import Item, Project  # noqa: E402
from datadam.releases.exporters import FORMATS  # noqa: E402

SCHEMA = {
    "controls": [
        {"type": "spans", "name": "entities", "labels": ["PS", "OG"]},
        {"type": "boxes", "name": "objects", "labels": ["cat", "dog"]},
        {"type": "polygons", "name": "areas", "labels": ["road"], "required": False},
        {"type": "choices", "name": "topic", "labels": ["work", "travel"]},
    ]
}
TEXT = "홍길동이 삼성전자에 다닌다 그리고 서울에서 일한다"
RESULT = {
    "entities": [
        {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"},
        {"id": "s2", "start": 5, "end": 9, "label": "OG", "text": "삼성전자"},
    ],
    "objects": [
        {"id": "b1", "x": 10, "y": 20, "width": 100, "height": 50, "label": "cat"},
        {"id": "b2", "x": 200, "y": 120, "width": 60, "height": 80, "label": "dog"},
    ],
    "areas": [{"id": "p1", "points": [[0, 400], [300, 200], [639, 479]], "label": "road"}],
    "topic": "work",
}


def make_project(count: int) -> Project:
    owner = User.objects.create(username="bench-owner")
    organization = Organization.objects.create(name="bench", slug="bench")
    project = Project.objects.create(organization=organization, name="bench", schema=SCHEMA, created_by=owner)
    data = {"text": TEXT, "image_width": 640, "image_height": 480}
    Item.objects.bulk_create(
        [Item(project=project, data=data, external_id=str(n), is_published=True) for n in range(count)],
        batch_size=2000,
    )
    now = timezone.now()
    items = list(Item.objects.filter(project=project).values_list("id", flat=True))
    Assignment.objects.bulk_create(
        [
            Assignment(
                item_id=item_id, project=project, worker=owner, status="submitted", leased_at=now, expires_at=now
            )
            for item_id in items
        ],
        batch_size=2000,
    )
    assignments = Assignment.objects.filter(project=project).values_list("id", "item_id")
    Annotation.objects.bulk_create(
        [
            Annotation(assignment_id=a, item_id=i, project=project, author=owner, result=RESULT, status="accepted")
            for a, i in assignments
        ],
        batch_size=2000,
    )
    return project


def drain(project: Project, name: str) -> int:
    return sum(len(piece) for piece in FORMATS[name].rows(project, "accepted"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated, e.g. coco,yolo")
    options = parser.parse_args()
    count, names = options.items, options.formats.split(",")
    call_command("migrate", verbosity=0)
    project = make_project(count)
    print(f"| format | {count:,} items: seconds | items/s | output MB | peak Python memory MB |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        start = time.perf_counter()
        size = drain(project, name)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        drain(project, name)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"| {name} | {seconds:.2f} | {count / seconds:,.0f} | {size / 1e6:.1f} | {peak / 1e6:.1f} |", flush=True)


if __name__ == "__main__":
    main()
