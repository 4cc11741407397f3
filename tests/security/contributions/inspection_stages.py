"""The inspection chain's part of the isolation tests: A's project gets a second stage with a secret reason.
Its stages page hangs off the project id already in the cast, so an outsider's 404 there is checked, and the
reason must not show on any page or answer they get."""

from datadam.projects.models import InspectionStage
from tests.security.shapes import ObjectsOfA

SECRET_STAGE_REASON = "A 2차 검수의 비밀 반려 사유"


def objects_of_a(cast, a: ObjectsOfA) -> None:
    InspectionStage.objects.create(project=cast.project, position=2, name="2차 검수", reasons=[SECRET_STAGE_REASON])
    a.secrets += [SECRET_STAGE_REASON]
