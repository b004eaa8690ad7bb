from django.urls import path

from marmot_monitor.web.monitor.views import areas, home, principles, search

urlpatterns = [
    path("", home.home, name="monitor-home"),
    path("healthz", home.healthz, name="monitor-healthz"),
    path("principles/<int:number>/", principles.principle, name="monitor-principle"),
    path("areas/", areas.choose_area, name="monitor-area-choose"),
    path("areas/<str:code>/", areas.area, name="monitor-area"),
    path("search/", search.search, name="monitor-search"),
]
