import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pay", "0002_ledger_append_only"),
        ("projects", "0003_item_prediction_project_hidden"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitRate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("control", models.CharField(max_length=64, verbose_name="control")),
                (
                    "unit",
                    models.CharField(
                        choices=[
                            ("object", "per object drawn or marked"),
                            ("audio_second", "per second of audio segmented"),
                            ("character", "per character written"),
                        ],
                        max_length=16,
                        verbose_name="unit",
                    ),
                ),
                ("rate", models.PositiveIntegerField(verbose_name="rate")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="unit_rates",
                        to="projects.project",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("project", "control", "unit"), name="one_unit_rate_per_control")
                ],
            },
        ),
    ]
