"""The labeling assistant: every route is about one project (project_id), seen only by its managers."""

from datadam.assist.models import AssistProblem, AssistSettings, ModelVersion
from tests.conftest import Cast
from tests.security.shapes import ObjectsOfA


def objects_of_a(cast: Cast, a: ObjectsOfA) -> None:
    AssistSettings.objects.update_or_create(
        project=cast.project, defaults={"backend_url": "http://a-secret-model.internal:9090", "kind": "backend"}
    )
    ModelVersion.objects.create(project=cast.project, kind="backend", name="a-secret-model-v7", status="trained")
    AssistProblem.objects.create(project=cast.project, what="down", message="a-secret-model.internal is down")
    a.secrets += ["a-secret-model"]
