from django.contrib import admin

from marmot_monitor.web.data.models import (
    AreaBoundary,
    AreaDeprivation,
    Grouping,
    GroupMember,
    Import,
    Period,
    Population,
    Value,
    ValueRevision,
)


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "status", "rows_written", "rows_rejected", "started_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [f.name for f in Import._meta.fields]


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ["label", "period_type", "start", "end"]
    list_filter = ["period_type"]


@admin.register(AreaDeprivation)
class AreaDeprivationAdmin(admin.ModelAdmin):
    list_display = ["area", "index", "decile", "rank", "score"]
    list_filter = ["index", "decile"]
    raw_id_fields = ["area", "source"]


@admin.register(AreaBoundary)
class AreaBoundaryAdmin(admin.ModelAdmin):
    list_display = ["area", "source"]
    raw_id_fields = ["area", "source"]


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["area", "year", "sex", "age_band", "count"]
    list_filter = ["year", "sex"]
    raw_id_fields = ["area", "source"]


@admin.register(Value)
class ValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "area", "period", "sex", "age", "value", "value_note"]
    list_filter = ["indicator", "period", "sex"]
    raw_id_fields = ["indicator", "area", "period", "source"]
    search_fields = ["area__name", "area__code", "indicator__title"]


@admin.register(ValueRevision)
class ValueRevisionAdmin(admin.ModelAdmin):
    list_display = ["value", "value_before", "source", "replaced_by"]
    raw_id_fields = ["value", "source", "replaced_by"]


@admin.register(Grouping)
class GroupingAdmin(admin.ModelAdmin):
    """Grouping sets are made by `marmot import groupings`; shown here read-only."""

    list_display = ["name", "area_type", "source"]
    readonly_fields = ["name", "area_type", "source"]


@admin.register(GroupMember)
class GroupMemberAdmin(admin.ModelAdmin):
    list_display = ["grouping", "group", "member"]
    list_filter = ["grouping"]
    raw_id_fields = ["group", "member"]
