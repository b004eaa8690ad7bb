"""A principle's indicators summed up in words: how many are better or worse than the
benchmark (England, or Wales), and how many are improving or worsening."""

from __future__ import annotations

from dataclasses import dataclass

from marmot_monitor.web.monitor.profiles import AreaProfile


@dataclass(frozen=True)
class PrincipleSummary:
    indicators: int
    better: int
    similar: int
    worse: int
    improving: int
    worsening: int
    benchmark: str = "England"

    @property
    def comparison_text(self) -> str:
        """E.g. "2 better than England, 3 similar, 1 worse"; the benchmark is named once, first."""
        counts = [(self.better, "better"), (self.similar, "similar"), (self.worse, "worse")]
        said = [f"{count} {word}" for count, word in counts if count]
        if not said:
            return f"none compared with {self.benchmark}"
        said[0] += (
            f" to {self.benchmark}" if said[0].endswith("similar") else f" than {self.benchmark}"
        )
        return ", ".join(said)

    @property
    def trend_text(self) -> str:
        """E.g. "1 improving, 2 worsening", or that no trend is significant."""
        parts = [
            f"{self.improving} improving" if self.improving else "",
            f"{self.worsening} worsening" if self.worsening else "",
        ]
        said = [part for part in parts if part]
        return ", ".join(said) if said else "no significant improvement or worsening"


def summarise_principles(
    profile: AreaProfile, *, benchmark: str = "England"
) -> dict[int, PrincipleSummary]:
    """Each principle's summary for the profile's area (compared with ``benchmark``), by
    principle number."""
    if profile.rows.is_empty():
        return {}
    return {
        row.pop("principle"): PrincipleSummary(**row, benchmark=benchmark)
        for row in profile.summary_by_principle().iter_rows(named=True)
    }
