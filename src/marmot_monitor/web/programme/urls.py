from django.urls import path, register_converter

from marmot_monitor.web.programme.views import (
    audit,
    editing,
    editing_import,
    explain,
    overview,
    papers,
    periods,
    progress,
    reports,
    returns,
)
from marmot_monitor.web.programme.views.common import QuarterConverter

register_converter(QuarterConverter, "quarter")
RETURN = "periods/<quarter:label>/returns/<slug:partner>/"

urlpatterns = [
    path("", overview.home, name="programme-home"),
    path("indicators/", overview.indicators, name="programme-indicators"),
    path(
        "indicators/<str:code>/<quarter:label>/explain/",
        explain.explain,
        name="programme-explain",
    ),
    path("actions/", overview.actions, name="programme-actions"),
    path("periods/", periods.period_list, name="programme-periods"),
    path("periods/new", periods.period_new, name="programme-period-new"),
    path("periods/<quarter:label>/", periods.period_detail, name="programme-period"),
    path(RETURN, returns.return_detail, name="programme-return"),
    path(f"{RETURN}review", returns.return_review, name="programme-return-review"),
    path(f"{RETURN}template.xlsx", returns.return_template, name="programme-return-template"),
    path(f"{RETURN}upload", returns.return_upload, name="programme-return-upload"),
    path("periods/<quarter:label>/report/", reports.report, name="programme-report"),
    path(
        "periods/<quarter:label>/report.<str:fmt>",
        reports.report_download,
        name="programme-report-download",
    ),
    path("periods/<quarter:label>/paper/", papers.paper, name="programme-paper"),
    path("paper-template/", papers.council_template, name="programme-paper-template"),
    path("late/", papers.late, name="programme-late"),
    path("audit/", audit.audit, name="programme-audit"),
    path("change/", editing.index, name="programme-edit"),
    path("change/priorities/new", editing.priority, name="programme-edit-priority-new"),
    path("change/priorities/<int:pk>/", editing.priority, name="programme-edit-priority"),
    path("change/partners/new", editing.partner, name="programme-edit-partner-new"),
    path("change/partners/<slug:code>/", editing.partner, name="programme-edit-partner"),
    path("change/areas-of-work/new", editing.area_of_work, name="programme-edit-area-new"),
    path("change/areas-of-work/<int:pk>/", editing.area_of_work, name="programme-edit-area"),
    path("change/indicators/new", editing.indicator, name="programme-edit-indicator-new"),
    path("change/indicators/<str:code>/", editing.indicator, name="programme-edit-indicator"),
    path(
        "change/indicators/<str:code>/targets",
        editing.targets,
        name="programme-edit-targets",
    ),
    path("change/new-year", editing.new_year, name="programme-edit-new-year"),
    path("change/import", editing_import.plan_import, name="programme-edit-import"),
    path(
        "change/import/confirm",
        editing_import.plan_import_confirm,
        name="programme-edit-import-confirm",
    ),
    path("change/progress-page", progress.progress_setting, name="programme-edit-progress"),
    path("change/actions/new", editing.action, name="programme-edit-action-new"),
    path("change/actions/<int:number>/", editing.action, name="programme-edit-action"),
]
