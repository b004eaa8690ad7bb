"""The monitoring pages' fixed vocabulary in the page's language.

The pure layers (analysis/) compare and test in English words ("Better", "No significant
change") that the pages, the board report and the downloads share; a page shows them through
these tables, so the Welsh pages say them in Welsh and the words stay one vocabulary."""

from __future__ import annotations

from django.utils.translation import gettext, pgettext_lazy

from marmot_monitor.analysis.profiles import PrincipleSummary

COMPARISONS = {
    "Better": pgettext_lazy("comparison", "Better"),
    "Similar": pgettext_lazy("comparison", "Similar"),
    "Worse": pgettext_lazy("comparison", "Worse"),
    "Higher": pgettext_lazy("comparison", "Higher"),
    "Lower": pgettext_lazy("comparison", "Lower"),
    "Not compared": pgettext_lazy("comparison", "Not compared"),
}
TRENDS = {
    "Increasing and getting better": pgettext_lazy("trend", "Increasing and getting better"),
    "Increasing and getting worse": pgettext_lazy("trend", "Increasing and getting worse"),
    "Decreasing and getting better": pgettext_lazy("trend", "Decreasing and getting better"),
    "Decreasing and getting worse": pgettext_lazy("trend", "Decreasing and getting worse"),
    "Increasing": pgettext_lazy("trend", "Increasing"),
    "Decreasing": pgettext_lazy("trend", "Decreasing"),
    "No significant change": pgettext_lazy("trend", "No significant change"),
    "Cannot be calculated": pgettext_lazy("trend", "Cannot be calculated"),
}


def comparison_word(word: str) -> str:
    """A comparison's word ("Better") in the page's language; another text as it is."""
    return str(COMPARISONS.get(word, word))


def comparison_words() -> dict[str, str]:
    """Each comparison's word in the page's language, for a frame's ``replace``."""
    return {word: str(said) for word, said in COMPARISONS.items()}


def trend_words() -> dict[str, str]:
    """Each recent trend's words in the page's language, for a frame's ``replace``."""
    return {words: str(said) for words, said in TRENDS.items()}


def trend_word(word: str) -> str:
    """A recent trend's words in the page's language; another text as it is."""
    return str(TRENDS.get(word, word))


def summary_comparison(summary: PrincipleSummary) -> str:
    """The principle's counts better, similar and worse than the benchmark, in words: the
    benchmark named once, first ("2 better than England, 3 similar, 1 worse")."""
    first = {
        "better": gettext("%(count)s better than %(benchmark)s"),
        "similar": gettext("%(count)s similar to %(benchmark)s"),
        "worse": gettext("%(count)s worse than %(benchmark)s"),
    }
    later = {"similar": gettext("%(count)s similar"), "worse": gettext("%(count)s worse")}
    counts = [
        (name, count)
        for name, count in (
            ("better", summary.better),
            ("similar", summary.similar),
            ("worse", summary.worse),
        )
        if count
    ]
    if not counts:
        return gettext("none compared with %(benchmark)s") % {"benchmark": summary.benchmark}
    said = [
        (later[name] if at else first[name]) % {"count": count, "benchmark": summary.benchmark}
        for at, (name, count) in enumerate(counts)
    ]
    return ", ".join(said)


def summary_trend(summary: PrincipleSummary) -> str:
    """The principle's counts improving and worsening, in words ("1 improving, 2 worsening")."""
    said = [
        text % {"count": count}
        for text, count in (
            (gettext("%(count)s improving"), summary.improving),
            (gettext("%(count)s worsening"), summary.worsening),
        )
        if count
    ]
    return ", ".join(said) if said else gettext("no significant improvement or worsening")
