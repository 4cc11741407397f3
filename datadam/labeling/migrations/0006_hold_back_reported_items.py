"""Items already held back by an open report of personal data are marked withheld, so every reader leaves them
out from now on, not only new leases."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def mark_withheld(apps, schema_editor) -> None:
    Item = apps.get_model("projects", "Item")
    ItemReport = apps.get_model("labeling", "ItemReport")
    holding = ItemReport.objects.filter(item=OuterRef("pk"), status="open", withheld_slots__isnull=False)
    open_holds = ItemReport.objects.filter(status="open", withheld_slots__isnull=False).values("item_id")
    Item.objects.filter(withheld_since__isnull=True, id__in=open_holds).update(
        withheld_since=Subquery(holding.order_by("created_at").values("created_at")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("labeling", "0005_item_reports"),
        ("projects", "0007_item_withheld"),
    ]

    operations = [migrations.RunPython(mark_withheld, migrations.RunPython.noop)]
