"""A manager starts a project from a template: the schema, the guideline skeleton and the pay rate come
filled in, and a labeler can open the project's first task."""

import pytest
from django.utils import translation

from datadam.media.models import CollectionTask
from datadam.projects import task_templates
from datadam.projects.models import Project, ProjectMembership
from datadam.projects.schema.validate import schema_parse
from tests import factories
from tests.conftest import client_for

LABELING = [key for key, template in task_templates.REGISTRY.items() if not template.collect_kind]
COLLECTING = [key for key, template in task_templates.REGISTRY.items() if template.collect_kind]
COMMON = {"sentiment", "topic", "ner", "relations", "boxes", "polygons", "keypoints", "transcription", "audio_events"}

# An item of each data type the template's controls can be drawn on.
ITEM_DATA = {
    "text": {"text": "홍길동은 서울에서 회사를 세웠다."},
    "image": {"image": "photo.jpg", "image_width": 640, "image_height": 427},
    "audio": {"audio": "clip.wav", "audio_duration": 2.0},
}


def test_there_is_a_template_for_each_common_task_and_for_photo_and_speech_collection() -> None:
    assert COMMON <= set(LABELING)
    assert {task_templates.REGISTRY[key].collect_kind for key in COLLECTING} == {"image", "audio"}


@pytest.mark.parametrize("key", sorted(task_templates.REGISTRY))
def test_every_template_passes_the_schema_validator_in_both_languages(key: str) -> None:
    for language in ("ko", "en"):
        with translation.override(language):
            schema_parse(task_templates.REGISTRY[key].schema())


@pytest.mark.parametrize("key", LABELING)
def test_a_project_made_from_a_template_opens_for_a_labeler(cast, key: str) -> None:
    template = task_templates.REGISTRY[key]
    manager = client_for(cast.manager)
    page = manager.get(f"/projects/new/?template={key}")
    form = page.context["form"]
    posted = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    posted["organization"] = cast.project.organization_id

    created = manager.post(f"/projects/new/?template={key}", posted)

    assert created.status_code == 302, created.context["form"].errors if created.context else created
    project = Project.objects.get(name=template.title.text())
    assert (project.data_type, project.rate_per_item) == (template.data_type, template.rate_per_item)
    assert project.schema == template.schema()
    assert "## " in project.guideline
    factories.ItemFactory(project=project, data=ITEM_DATA[template.data_type])
    factories.ProjectMembershipFactory(project=project, user=cast.labeler, role=ProjectMembership.Role.LABELER)
    task = client_for(cast.labeler).get(f"/projects/{project.id}/label/", follow=True)
    assert task.status_code == 200
    assert task.templates[0].name == "labeling/task.html"


@pytest.mark.parametrize("key", COLLECTING)
def test_a_collection_template_fills_the_collection_form_and_a_worker_opens_it(cast, key: str) -> None:
    template = task_templates.REGISTRY[key]
    manager = client_for(cast.manager)
    redirect = manager.get(f"/projects/new/?template={key}")
    assert redirect.status_code == 302 and redirect["Location"].endswith(f"?template={key}")
    form = manager.get(redirect["Location"]).context["form"]
    posted = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    posted["organization"] = cast.project.organization_id

    created = manager.post(redirect["Location"], posted)

    assert created.status_code == 302
    task = CollectionTask.objects.get(project__name=template.title.text())
    assert task.kind == template.collect_kind
    worker = client_for(cast.labeler)
    assert worker.post(f"/projects/{task.project_id}/join/").status_code == 302
    page = worker.get(created["Location"])
    assert page.status_code == 200 and page.context["can_give"]


def test_the_template_picker_lists_every_template_in_korean(cast) -> None:
    page = client_for(cast.manager).get("/projects/new/").content.decode()

    assert "개체명 인식" in page and "사진 수집" in page


def test_an_unknown_template_leaves_the_form_as_for_an_empty_project(cast) -> None:
    page = client_for(cast.manager).get("/projects/new/?template=nope")

    assert page.status_code == 200
    assert page.context["chosen"] is None


def test_without_scripts_the_preview_button_draws_the_posted_schema_and_creates_nothing(cast) -> None:
    schema = '{"controls": [{"type": "choices", "name": "mood", "labels": [{"value": "joy", "text": "기쁨"}]}]}'

    page = client_for(cast.manager).post(
        "/projects/new/",
        {"organization": cast.project.organization_id, "name": "미리", "schema": schema, "preview": "1"},
    )

    assert page.status_code == 200
    assert 'name="preview-mood"' in page.content.decode() and "기쁨" in page.content.decode()
    assert not Project.objects.filter(name="미리").exists()
