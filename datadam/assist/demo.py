"""The assistant in the demo: on for the sentiment project, least-sure reviews first.

The demo has no reviewed work to learn from at first, so unless enough accepted labels exist the model
learns from the true labels of the first 200 reviews of the NSMC slice, and its model card says so.
"""

import csv

from datadam.assist import services
from datadam.assist.examples import accepted_count
from datadam.assist.models import ModelVersion
from datadam.demo.loader import DATA_FILE, DemoCore

SEED_REVIEWS = 200
ENOUGH_ACCEPTED = 50
TRAINED_ON = "NSMC true labels of the first 200 reviews (demo set-up, not labelers' accepted work)"


def demo_load_part(core: DemoCore) -> None:
    project = core.project
    if ModelVersion.objects.filter(project=project).exists():
        return
    services.assist_settings_update(
        actor=core.people["manager"],
        project=project,
        enabled=True,
        kind="text_classifier",
        queue_order="uncertainty",
        retrain_every=50,
        min_labels=20,
    )
    if accepted_count(project) >= ENOUGH_ACCEPTED:
        services.assist_run(project_id=project.id)
    else:
        services.assist_run(project_id=project.id, examples=_seed_examples(), trained_on=TRAINED_ON)


def _seed_examples() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source, delimiter="\t"):
            texts.append(row["document"])
            labels.append("positive" if row["label"] == "1" else "negative")
            if len(texts) == SEED_REVIEWS:
                break
    return texts, labels
