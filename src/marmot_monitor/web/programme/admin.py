from django.contrib import admin

from marmot_monitor.web.programme.models import (
    Action,
    ActionProgress,
    ProgrammeActual,
    ProgrammeIndicator,
    ProgrammeTarget,
)


class TargetInline(admin.TabularInline):
    model = ProgrammeTarget
    extra = 0


class ActualInline(admin.TabularInline):
    model = ProgrammeActual
    extra = 0


class ProgressInline(admin.StackedInline):
    model = ActionProgress
    extra = 0


@admin.register(ProgrammeIndicator)
class ProgrammeIndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "priority", "partner", "unit"]
    list_filter = ["priority", "partner"]
    search_fields = ["code", "title"]
    inlines = [TargetInline, ActualInline]
    filter_horizontal = ["principles"]


@admin.register(ProgrammeTarget)
class ProgrammeTargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "target"]


@admin.register(ProgrammeActual)
class ProgrammeActualAdmin(admin.ModelAdmin):
    list_display = ["indicator", "period", "value"]
    list_filter = ["period"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["number", "aim", "priority"]
    list_filter = ["priority"]
    inlines = [ProgressInline]
    filter_horizontal = ["lead_partners", "principles"]


@admin.register(ActionProgress)
class ActionProgressAdmin(admin.ModelAdmin):
    list_display = ["action", "period", "heading"]
