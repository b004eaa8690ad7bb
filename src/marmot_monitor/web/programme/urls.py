from django.urls import path, register_converter

from marmot_monitor.web.programme.views import audit, overview, papers, periods, reports, returns
from marmot_monitor.web.programme.views.common import QuarterConverter

register_converter(QuarterConverter, "quarter")
RETURN = "periods/<quarter:label>/returns/<slug:partner>/"

urlpatterns = [
    path("", overview.home, name="programme-home"),
    path("indicators/", overview.indicators, name="programme-indicators"),
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
]
