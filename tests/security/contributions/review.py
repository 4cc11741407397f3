"""Review's part of the isolation tests: a gold review (a check for reviewers) with a secret explanation, handed
to A's reviewer, and A's reviewer paused as a reviewer with a secret reason. The check belongs to the reviewer
it was handed to: a colleague in A gets 404 on it too. The item history and reviewer pages hang off a project
id and an item id already in the cast."""

from datadam.quality import gold_reviews
from datadam.quality import services as quality
from datadam.quality.models import GoldReviewServe, WorkerPause
from tests.security.shapes import ObjectsOfA

SECRET_CHECK = "A 검수자용 비밀 점검 설명"
SECRET_PAUSE = "A 검수자의 비밀 멈춤 사유"

PERSONAL_PARAMS = {"serve_id"}


def objects_of_a(cast, a: ObjectsOfA) -> None:
    gold = quality.gold_item_create(
        actor=cast.manager, project=cast.project, data={"text": "점검 문항"}, answer={"sentiment": "positive"}
    )
    check = gold_reviews.gold_review_create(
        actor=cast.manager,
        project=cast.project,
        gold_id=gold.id,
        expected="reject",
        result={"sentiment": "negative"},
        explanation=SECRET_CHECK,
    )
    serve = GoldReviewServe.objects.create(gold_review=check, reviewer=cast.reviewer)
    quality.worker_pause(project=cast.project, worker=cast.reviewer, reason=SECRET_PAUSE, role=WorkerPause.Role.REVIEW)
    a.ids |= {"serve_id": serve.id}
    a.secrets += [SECRET_CHECK, SECRET_PAUSE]
