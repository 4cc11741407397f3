"""The notifications app's part of the isolation tests: A's labeler was told that work was sent back, with a
reason only people in A may read. A notification is one person's: a colleague in A gets 404 for it too."""

from datadam.notifications import services
from datadam.notifications.models import Notification
from tests.security.shapes import ObjectsOfA

SECRET_REASON = "A 검수자의 비밀 반려 사유"
PERSONAL_PARAMS = {"notification_id"}


def objects_of_a(cast, a: ObjectsOfA) -> None:
    notification = services.notification_send(
        user=cast.labeler,
        kind=Notification.Kind.REJECTION,
        params={"project": cast.project.name, "reason": SECRET_REASON},
        url=f"/projects/{cast.project.id}/label/",
    )
    a.ids |= {"notification_id": notification.id}
    a.secrets.append(SECRET_REASON)
