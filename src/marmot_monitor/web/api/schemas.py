"""The shapes of the API's answers, for its OpenAPI schema (the answers themselves are
written straight from frames by :mod:`.responses`)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class ErrorDetail(Schema):
    code: str
    message: str
    field: str | None


class ErrorBody(Schema):
    error: ErrorDetail


class AreaReference(Schema):
    code: str
    name: str


class Principle(Schema):
    number: int
    title: str
    short_name: str
    summary: str
    title_cy: str
    short_name_cy: str
    summary_cy: str
    indicator_count: int
    areas_of_work: list[str]


class Framework(Schema):
    name: str
    description: str
    name_cy: str
    description_cy: str
    place: AreaReference | None
    benchmark: AreaReference | None
    comparators: list[AreaReference]
    principles: list[Principle]


class Indicator(Schema):
    code: str
    title: str
    definition: str
    title_cy: str
    definition_cy: str
    value_type: str
    unit: str
    multiplier: int
    polarity: str
    benchmark_method: str
    ci_method: str
    source: str
    fingertips_id: int | None
    owner: str | None
    frequency: str
    principles: list[int]


class AreaType(Schema):
    code: str
    name: str
    level: int
    area_count: int


class Area(Schema):
    code: str
    name: str
    area_type: str
    parent: str | None


class AreaDetail(Schema):
    code: str
    name: str
    area_type: str
    vintage: int | None
    ancestors: list[AreaReference]
    children: dict[str, int]


class Value(Schema):
    indicator: str
    area_code: str
    area_name: str
    area_type: str
    parent_code: str | None
    period: str
    period_start: date
    sex: str
    age: str
    category_type: str
    category: str
    count: float | None
    denominator: float | None
    value: float | None
    lower_ci_95: float | None
    upper_ci_95: float | None
    lower_ci_99_8: float | None
    upper_ci_99_8: float | None
    value_note: str | None


class Page(Schema):
    count: int
    offset: int
    limit: int
    next: str | None
    previous: str | None


class AreaPage(Page):
    items: list[Area]


class ValuePage(Page):
    items: list[Value]


class Analysis(Schema):
    """An analysis of one indicator: what was asked, its rows and its summary rows, with the
    columns of the matching page's table (docs/api.md lists them)."""

    indicator: str
    area: AreaReference | None
    source: str
    rows: list[dict]
    summary: list[dict]


class Rug(Schema):
    title: str
    benchmark: str
    parent: str
    cells: list[dict]


class ProgrammeFigure(Schema):
    period: str
    value: float | None
    note: str


class ProgrammeIndicator(Schema):
    code: str
    title: str
    definition: str
    partner: str | None
    unit: str
    polarity: str
    baseline_period: str | None
    baseline_value: float | None
    targets: list[ProgrammeFigure]
    actuals: list[ProgrammeFigure]


class FigureIn(Schema):
    value: float | None = None
    note: str = ""
    regional_value: float | None = None
    national_value: float | None = None


class ReturnIn(Schema):
    """A partner's return: figures by indicator code, progress by action number."""

    period: str
    partner: str
    figures: dict[str, FigureIn] = {}
    narratives: dict[int, str] = {}
    submit: bool = False


class ReturnOut(Schema):
    period: str
    partner: str
    status: str
    changed: int


class Freshness(Schema):
    indicator: str
    title: str
    frequency: str
    period: str | None
    latest_end: date | None
    expected_by: date | None
    overdue: bool
    days_overdue: int


class Overdue(Schema):
    today: date
    rule: str
    rows: list[Freshness]


class NewPeriod(Schema):
    indicator: str
    title: str | None
    period: str
    areas: int


class RevisedValue(Schema):
    indicator: str
    title: str | None
    area_code: str
    area_name: str | None
    period: str
    sex: str
    age: str
    category_type: str
    category: str
    value_before: float | None
    value_after: float | None


class FlippedComparison(Schema):
    indicator: str
    title: str | None
    sex: str
    age: str
    period_before: str
    comparison_before: str
    period_after: str
    comparison_after: str


class IndicatorReference(Schema):
    indicator: str
    title: str


class Changes(Schema):
    since: str
    place: str
    benchmark: str
    sentences: list[str]
    new_periods: list[NewPeriod]
    revised: list[RevisedValue]
    flipped: list[FlippedComparison]
    new_indicators: list[IndicatorReference]
    dropped_indicators: list[IndicatorReference]


class ExplainFact(Schema):
    label: str
    text: str


class ExplainRevision(Schema):
    value_before: float | None
    count: float | None
    denominator: float | None
    source_file: str | None
    replaced_by_import: int
    replaced_on: str


class ExplainInequality(Schema):
    title: str
    facts: list[ExplainFact]
    sentences: list[str]
    formula: str
    recomputed: float | None


class Explanation(Schema):
    value_id: int
    indicator: str
    area: str
    period: str
    sex: str
    age: str
    title: str
    value: float | None
    count: float | None
    denominator: float | None
    value_type: str
    ci_method: str
    benchmark_method: str
    source_file: str | None
    import_id: int
    facts: list[ExplainFact]
    sentences: list[str]
    formula: str
    recomputed: float | None
    revisions: list[ExplainRevision]
    inequality: ExplainInequality | None


class ImportOut(Schema):
    import_id: int | None
    kind: str
    file: str
    dry_run: bool
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    notes: list[str]


class CaseStudyMetric(Schema):
    label: str
    label_cy: str
    unit: str
    before: float
    before_when: str
    after: float
    after_when: str


class CaseStudy(Schema):
    id: int
    title: str
    summary: str
    body: str
    title_cy: str
    summary_cy: str
    body_cy: str
    period_start: date | None
    period_end: date | None
    published_at: datetime | None
    principles: list[int]
    partners: list[str]
    indicators: list[str]
    metrics: list[CaseStudyMetric]
    url: str


class Asset(Schema):
    id: int
    reference: str | None
    name: str
    type: str | None
    organisation: str | None
    address: str | None
    postcode: str | None
    latitude: float | None
    longitude: float | None
    ward_code: str | None
    ward_name: str | None
    lsoa_code: str | None
    principles: list[int]
    contact: str | None
    opening_times: str | None
    source: str | None
    last_checked: date | None
