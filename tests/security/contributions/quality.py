"""The quality engine's part of the isolation tests: a gold item with a secret text, a paused labeler with a
secret reason. Every quality route hangs off a project id (already in the cast) and, for lifting a pause,
the worker's id."""

from datadam.labeling.models import Annotation
from datadam.quality import services
from tests.security.shapes import ObjectsOfA

SECRET_GOLD = "A 프로젝트의 비밀 정답 문항"
SECRET_REASON = "A 관리자만 아는 멈춤 사유"

BODIES = {
    ("POST", "/api/v1/projects/{project_id}/quality/gold"): lambda a: {
        "data": {"text": "새 정답 문항"},
        "answer": {"sentiment": "positive"},
    },
    ("PATCH", "/api/v1/projects/{project_id}/quality/policy"): lambda a: {"honeypot_share": 0.1},
    # the item of labeler2's submitted work (not accepted yet, so the service itself answers)
    ("POST", "/api/v1/projects/{project_id}/quality/gold/promote"): lambda a: {
        "item_id": Annotation.objects.get(id=a.ids["annotation_id"]).item_id
    },
}


def objects_of_a(cast, a: ObjectsOfA) -> None:
    services.gold_item_create(
        actor=cast.manager, project=cast.project, data={"text": SECRET_GOLD}, answer={"sentiment": "positive"}
    )
    services.worker_pause(project=cast.project, worker=cast.labeler2, reason=SECRET_REASON)
    a.ids |= {"worker_id": cast.labeler2.id}
    a.secrets += [SECRET_GOLD, SECRET_REASON]
