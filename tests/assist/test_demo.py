"""The assistant's demo part: on for the sentiment project, with an honest model card."""

from datadam.accounts.models import User
from datadam.assist.demo import TRAINED_ON, demo_load_part
from datadam.assist.models import AssistSettings, ModelVersion
from datadam.demo.loader import PEOPLE, DemoCore, _core_project_load
from datadam.projects.models import Item


def test_demo_assistant_pre_labels_the_reviews_and_says_what_it_learned_from(db) -> None:
    project = _core_project_load()
    people = {username: User.objects.get(username=username) for username, _name, _role in PEOPLE}
    core = DemoCore(organization=project.organization, project=project, people=people)
    demo_load_part(core)
    demo_load_part(core)  # idempotent
    version = ModelVersion.objects.get(project=project)
    assert version.status == "trained" and version.trained_on == TRAINED_ON and version.label_count == 200
    assert version.heldout_count == 40 and version.heldout_score > 0.55
    settings = AssistSettings.objects.get(project=project)
    assert settings.enabled and settings.queue_order == "uncertainty"
    assert Item.objects.filter(project=project, prediction__source="model:text-tfidf-logreg").count() == 2000
    first = Item.objects.filter(project=project, open_slots__gt=0).order_by("priority", "id").first()
    assert first.prediction["confidence"] < 0.6  # the least sure review comes first
