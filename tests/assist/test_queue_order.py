"""Queue order per project: by id, at random, or the model's least sure items first (the real labeling queue)."""

from datadam.assist import services
from datadam.assist.models import AssistSettings
from datadam.labeling.services import assignment_lease_next
from datadam.projects.models import Item
from tests import factories
from tests.assist.conftest import labeled_sentiment


def served_order(project, count: int) -> list[int]:
    """Ids in the order the queue hands them to fresh labelers (one lease each, so nobody's skip matters)."""
    order = []
    for _ in range(count):
        labeler = factories.UserFactory()
        factories.ProjectMembershipFactory(project=project, user=labeler)
        order.append(assignment_lease_next(actor=labeler, project=project).item_id)
    return order


def test_uncertainty_order_serves_the_items_the_model_is_least_sure_about_first(cast) -> None:
    project = cast.project
    Item.objects.filter(project=project).delete()
    labeled_sentiment(project)
    texts = ["최고의 영화 정말 재미있어요 감동", "최악의 영화 너무 지루했다", "영화를 봤다", "배우가 나온다"]
    fresh = [factories.ItemFactory(project=project, data={"text": text}) for text in texts]
    services.assist_settings_update(actor=cast.manager, project=project, enabled=True, min_labels=10)
    services.assist_settings_update(actor=cast.manager, project=project, queue_order="uncertainty")
    services.assist_run(project_id=project.id)
    confidence = {item.id: Item.objects.get(id=item.id).prediction["confidence"] for item in fresh}
    expected = sorted(confidence, key=lambda item_id: (round(confidence[item_id], 6), item_id))
    assert served_order(project, 4) == expected
    assert expected[-1] in {fresh[0].id, fresh[1].id}  # the clear reviews come last


def test_margin_measure_is_used_when_chosen(cast) -> None:
    labeled_sentiment(cast.project)
    services.assist_settings_update(
        actor=cast.manager,
        project=cast.project,
        enabled=True,
        min_labels=10,
        queue_order="uncertainty",
        uncertainty_measure="margin",
    )
    services.assist_run(project_id=cast.project.id)
    item = Item.objects.get(id=cast.items[0].id)
    margin = 2 * item.prediction["confidence"] - 1
    assert abs(item.priority - round(margin * 1_000_000)) <= 200  # priority = 1 - uncertainty = the margin


def test_random_order_is_set_per_project_and_id_order_restores_it(cast) -> None:
    factories.ItemFactory.create_batch(30, project=cast.project)
    services.assist_settings_update(actor=cast.manager, project=cast.project, queue_order="random")
    ids = list(Item.objects.filter(project=cast.project).order_by("id").values_list("id", flat=True))
    shuffled = list(Item.objects.filter(project=cast.project).order_by("priority", "id").values_list("id", flat=True))
    assert sorted(shuffled) == ids and shuffled != ids
    assert not Item.objects.filter(project=cast.project_b).exclude(priority=0).exists()
    services.assist_settings_update(actor=cast.manager, project=cast.project, queue_order="id")
    assert served_order(cast.project, 3) == ids[:3]


def test_uncertainty_order_keeps_id_order_until_a_model_ran(cast) -> None:
    services.assist_settings_update(actor=cast.manager, project=cast.project, enabled=True, queue_order="uncertainty")
    assert served_order(cast.project, 2) == [item.id for item in cast.items[:2]]
    assert AssistSettings.objects.get(project=cast.project).queue_order == "uncertainty"


def test_items_another_part_put_first_with_a_negative_priority_stay_first(cast) -> None:
    labeled_sentiment(cast.project)
    Item.objects.filter(id=cast.items[3].id).update(priority=-1)
    services.assist_settings_update(
        actor=cast.manager, project=cast.project, enabled=True, min_labels=10, queue_order="uncertainty"
    )
    services.assist_run(project_id=cast.project.id)
    services.assist_settings_update(actor=cast.manager, project=cast.project, queue_order="random")
    assert Item.objects.get(id=cast.items[3].id).priority == -1
    assert served_order(cast.project, 1) == [cast.items[3].id]
