# Reviewer quality: floors and gold reviews for reviewers, and pauses per role

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0003_item_prediction_project_hidden'),
        ('quality', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='qualitypolicy',
            name='min_reviewer_verdicts',
            field=models.PositiveSmallIntegerField(default=10, verbose_name='decided verdicts before the floor applies'),
        ),
        migrations.AddField(
            model_name='qualitypolicy',
            name='review_gold_share',
            field=models.FloatField(default=0.0, validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(0.5)], verbose_name="share of gold reviews in each reviewer's queue"),
        ),
        migrations.AddField(
            model_name='qualitypolicy',
            name='reviewer_floor',
            field=models.FloatField(default=0.7, validators=[django.core.validators.MinValueValidator(0.0), django.core.validators.MaxValueValidator(1.0)], verbose_name="lowest share of a reviewer's verdicts confirmed (and of gold reviews agreed)"),
        ),
        migrations.AddField(
            model_name='workerpause',
            name='role',
            field=models.CharField(choices=[('labeling', 'Labeling'), ('review', 'Review')], default='labeling', max_length=10),
        ),
        migrations.AlterField(
            model_name='workerflag',
            name='kind',
            field=models.CharField(choices=[('speed', "Much faster than the project's median"), ('constant', 'The same answer for nearly everything'), ('gold', "Gold accuracy below the project's floor"), ('burst', 'A burst of submits'), ('review', "Reviewer's verdicts confirmed below the project's floor"), ('review_gold', "Reviewer's agreement with gold reviews below the project's floor")], max_length=12),
        ),
        migrations.CreateModel(
            name='GoldReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('result', models.JSONField()),
                ('expected', models.CharField(choices=[('accept', 'Should be accepted'), ('reject', 'Should be sent back')], max_length=10)),
                ('explanation', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('gold', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='quality.golditem')),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='gold_reviews', to='projects.project')),
            ],
        ),
        migrations.CreateModel(
            name='GoldReviewServe',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('served_at', models.DateTimeField(auto_now_add=True)),
                ('verdict', models.CharField(blank=True, max_length=10)),
                ('reason', models.CharField(blank=True, max_length=200)),
                ('agreed', models.BooleanField(null=True)),
                ('active_seconds', models.PositiveIntegerField(default=0)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('gold_review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='serves', to='quality.goldreview')),
                ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'indexes': [models.Index(fields=['reviewer', 'answered_at'], name='gold_review_serve_idx')],
                'constraints': [models.UniqueConstraint(fields=('gold_review', 'reviewer'), name='one_gold_review_serve')],
            },
        ),
    ]
