from django.urls import path

from marmot_monitor.web.catalogue import views

urlpatterns = [
    path("", views.frameworks, name="catalogue-frameworks"),
    path("new", views.framework_form, name="catalogue-framework-new"),
    path("<int:pk>/", views.framework, name="catalogue-framework"),
    path("<int:pk>/change", views.framework_form, name="catalogue-framework-change"),
    path("<int:pk>/principles/new", views.principle, name="catalogue-principle-new"),
    path("<int:pk>/principles/<int:number>/", views.principle, name="catalogue-principle"),
    path(
        "<int:pk>/principles/<int:number>/move",
        views.principle_move,
        name="catalogue-principle-move",
    ),
    path("indicators/", views.indicators, name="catalogue-indicators"),
    path("indicators/<str:code>/", views.indicator, name="catalogue-indicator"),
]
