from django.contrib import admin

from marmot_monitor.web.places.models import Area, AreaType


@admin.register(AreaType)
class AreaTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "name_cy", "code", "area_type", "parent", "vintage"]
    list_filter = ["area_type", "vintage"]
    search_fields = ["name", "name_cy", "code"]
    raw_id_fields = ["parent"]
