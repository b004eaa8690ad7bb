from django.contrib import admin

from marmot_monitor.web.catalogue.models import (
    AreaOfWork,
    Framework,
    Indicator,
    IndicatorPrinciple,
    Partner,
    Principle,
)


class PrincipleInline(admin.TabularInline):
    model = Principle
    extra = 0


class IndicatorPrincipleInline(admin.TabularInline):
    model = IndicatorPrinciple
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "place"]
    inlines = [PrincipleInline]
    raw_id_fields = ["place"]


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "short_name", "framework"]
    list_filter = ["framework"]


@admin.register(AreaOfWork)
class AreaOfWorkAdmin(admin.ModelAdmin):
    list_display = ["title", "principle"]
    list_filter = ["principle__framework", "principle"]
    filter_horizontal = ["partners"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "value_type", "polarity", "fingertips_id", "owner"]
    list_filter = ["value_type", "polarity", "benchmark_method", "principles"]
    search_fields = ["code", "title", "definition"]
    filter_horizontal = ["area_types"]
    inlines = [IndicatorPrincipleInline]


@admin.register(IndicatorPrinciple)
class IndicatorPrincipleAdmin(admin.ModelAdmin):
    list_display = ["indicator", "principle", "is_primary"]
    list_filter = ["principle"]
