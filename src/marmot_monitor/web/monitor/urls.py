from django.urls import path

from marmot_monitor.web.monitor.views import (
    areas,
    explain,
    home,
    indicators,
    principles,
    rugs,
    search,
)

urlpatterns = [
    path("", home.home, name="monitor-home"),
    path("healthz", home.healthz, name="monitor-healthz"),
    path("principles/<int:number>/", principles.principle, name="monitor-principle"),
    path("areas/", areas.choose_area, name="monitor-area-choose"),
    path("areas/<str:code>/", areas.area, name="monitor-area"),
    path(
        "areas/<str:code>/inequality.<str:fmt>",
        areas.area_inequality_download,
        name="monitor-area-inequality-download",
    ),
    path("search/", search.search, name="monitor-search"),
    path("indicators/<str:code>/", indicators.indicator, name="monitor-indicator"),
    path(
        "indicators/<str:code>/<str:what>.<str:fmt>",
        indicators.indicator_download,
        name="monitor-indicator-download",
    ),
    path("explain/", explain.explain_by_keys, name="monitor-explain-keys"),
    path("explain/<int:value_id>/", explain.explain, name="monitor-explain"),
    path("rug/", rugs.rug, name="monitor-rug"),
    path("rug/rug.<str:format>", rugs.rug_export, name="monitor-rug-export"),
]
