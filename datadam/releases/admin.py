"""Verifiers are granted by an administrator: a person who may sign off the release reports of an organization."""

from django.contrib import admin

from datadam.releases.models import Verifier


@admin.register(Verifier)
class VerifierAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "created_at"]
    raw_id_fields = ["user"]
