"""A public code for each course, so its overview page has an address without a database id."""

from django.db import migrations, models

import datadam.academy.models


def give_codes(apps, schema_editor) -> None:
    Course = apps.get_model("academy", "Course")
    for course in Course.objects.filter(code__isnull=True):
        course.code = datadam.academy.models.new_code()
        course.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0003_course_hours_from_lessons"),
    ]

    operations = [
        migrations.AddField(model_name="course", name="code", field=models.CharField(max_length=20, null=True)),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="course",
            name="code",
            field=models.CharField(default=datadam.academy.models.new_code, max_length=20, unique=True),
        ),
    ]
