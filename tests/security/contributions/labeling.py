"""The labeling app's reports of problem items: A's labeler reported one of A's items, with a note only A's staff
may read. The report queue and its decisions are for the project's managers alone. A task page's submit
names its tasks in the body."""

from datadam.labeling.models import ItemReport
from tests import factories
from tests.security.shapes import ObjectsOfA

SECRET_NOTE = "A 라벨러의 비밀 신고 내용"

BODIES = {
    # the task A's labeler holds, answered as a page of one
    ("POST", "/api/v1/projects/{project_id}/pages/submit"): lambda a: {
        "answers": [{"assignment_id": a.ids["assignment_id"], "result": {"sentiment": "positive"}}]
    },
}


def objects_of_a(cast, a: ObjectsOfA) -> None:
    item = factories.ItemFactory(project=cast.project, open_slots=0)
    report = ItemReport.objects.create(
        project=cast.project, item=item, reporter=cast.labeler, reason="guideline_unclear", note=SECRET_NOTE
    )
    a.ids |= {"report_id": report.id}
    a.secrets.append(SECRET_NOTE)
