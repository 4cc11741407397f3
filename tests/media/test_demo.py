"""The media demo part: four ready projects (text, image, speech) with their data and a few pre-labels."""

import pytest

from datadam.accounts.models import User
from datadam.demo.loader import PEOPLE, DemoCore, _core_project_load
from datadam.media import demo
from datadam.media.models import MediaFile
from datadam.projects.models import Item, Project
from datadam.projects.schema.validate import annotation_validate, schema_parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def core() -> DemoCore:
    project = _core_project_load()
    people = {username: User.objects.get(username=username) for username, _name, _role in PEOPLE}
    return DemoCore(organization=project.organization, project=project, people=people)


def test_demo_part_builds_four_projects_once(core: DemoCore) -> None:
    demo.demo_load_part(core)
    demo.demo_load_part(core)
    ner = Project.objects.get(name=demo.NER)
    assert Item.objects.filter(project=ner, is_published=True).count() == 1000
    prelabeled = Item.objects.filter(project=ner, prediction__isnull=False)
    assert prelabeled.count() == demo.PRELABELED_SENTENCES
    first = prelabeled.order_by("id").first()
    spans = first.prediction["result"]["entities"]
    assert first.prediction["source"] == "import"
    assert all(first.data["text"][span["start"] : span["end"]] == span["text"] for span in spans)
    assert {tag for tag, _text in demo.NER_TAGS} == {"PS", "LC", "OG", "DT", "TI", "QT"}
    boxes = Project.objects.get(name=demo.BOXES)
    assert Item.objects.filter(project=boxes, is_published=True).count() == 5
    assert not MediaFile.objects.filter(project=boxes).exclude(status="ok").exists()
    speech = Project.objects.get(name=demo.TRANSCRIPTS)
    segment = (
        Item.objects.filter(project=speech).filter(prediction__isnull=False).get().prediction["result"]["transcript"][0]
    )
    assert segment["text"] and segment["end"] > 1
    digits = Project.objects.get(name=demo.DIGITS)
    assert Item.objects.filter(project=digits, is_published=True).count() == 40
    assert MediaFile.objects.filter(project=digits, status="ok", duration__gt=0).count() == 40
    for item in Item.objects.filter(prediction__isnull=False, project__in=[ner, speech, digits]).select_related(
        "project"
    ):
        annotation_validate(
            schema_parse(item.project.schema), item.prediction["result"], item.data, project_id=item.project_id
        )
    collection = Project.objects.get(name=demo.COLLECTION).collection_task
    assert collection.target_project == speech and collection.kind == "audio"
    assert Item.objects.filter(project=collection.project).count() == len(demo.COLLECTION_PROMPTS)
