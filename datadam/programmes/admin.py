from django.contrib import admin

from datadam.programmes.models import Programme, ProgrammeTarget


class TargetInline(admin.TabularInline):
    model = ProgrammeTarget
    extra = 1


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    filter_horizontal = ["organizations", "operators"]
    inlines = [TargetInline]
