"""Which reminder emails partners are owed about their returns, as of a day.

Partners are emailed when a period opens for returns, a week before their return is due,
when it is overdue and when an officer sends it back. :func:`reminders_due` gives each
return's events due on a day, each with a key that tells one event from another of its
kind (a return sent back twice is emailed twice); the caller leaves out the events already
sent, so running it every day, or twice a day, emails no one twice.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl

from marmot_monitor.analysis._common import read_frame, require

__all__ = ["EVENTS", "REMINDER_COLUMNS", "WEEK_BEFORE", "reminders_due"]

# The events in the order a period's life brings them.
EVENTS = ("opened", "due soon", "overdue", "sent back")
WEEK_BEFORE = 7  # days before the due date that "due soon" is sent
WAITING = ("pending", "sent back")  # the statuses of a return the partner still owes
REMINDER_COLUMNS = ("return_id", "status", "period_open", "due", "sent_back_at")


def reminders_due(data: Any, *, today: date) -> Any:
    """The reminder events due ``today`` for each return: return_id, event, key.

    Parameters
    ----------
    data : pandas.DataFrame, polars.DataFrame or mapping of arrays
        One row per partner return: ``return_id``; ``status`` ("pending", "submitted",
        "sent back", "approved"); ``period_open`` (false once the period is approved and
        locked); ``due`` (a date); ``sent_back_at`` (when it was last sent back, text or a
        timestamp; missing if never).
    today : datetime.date
        The day the reminders are worked out for.

    Returns
    -------
    Same kind as ``data``
        One row per event owed, by return and then in :data:`EVENTS` order. A return the
        partner still owes (pending or sent back) in an open period is owed one of three,
        by how far off its due date is: "opened" more than a week before, "due soon" from a
        week before to the day itself, "overdue" after it (so a period opened five days
        before its due date starts at "due soon"). A return sent back is also owed "sent
        back", its key the time it was sent back. Nothing for a locked period or a return
        submitted or approved.

    Examples
    --------
    >>> from datetime import date
    >>> import polars as pl
    >>> returns = pl.DataFrame({"return_id": [1, 2], "status": ["pending", "submitted"],
    ...     "period_open": [True, True], "due": [date(2027, 1, 18)] * 2,
    ...     "sent_back_at": [None, None]})
    >>> reminders_due(returns, today=date(2026, 12, 1))["event"].to_list()
    ['opened']
    >>> reminders_due(returns, today=date(2027, 1, 12))["event"].to_list()
    ['due soon']
    """
    frame, give_back = read_frame(data)
    require(frame, REMINDER_COLUMNS)
    waiting = pl.col("period_open") & pl.col("status").is_in(WAITING)
    days_left = (pl.col("due").cast(pl.Date) - pl.lit(today)).dt.total_days()
    events = {
        "opened": waiting & (days_left > WEEK_BEFORE),
        "due soon": waiting & (days_left >= 0) & (days_left <= WEEK_BEFORE),
        "overdue": waiting & (days_left < 0),
        "sent back": pl.col("period_open") & (pl.col("status") == "sent back"),
    }
    keys = {name: pl.lit("") for name in events}
    keys["sent back"] = pl.col("sent_back_at").cast(pl.String).fill_null("")
    parts = [
        frame.filter(condition.fill_null(False)).select(
            "return_id", pl.lit(name).alias("event"), keys[name].alias("key")
        )
        for name, condition in events.items()
    ]
    order = pl.col("event").replace_strict(EVENTS, list(range(len(EVENTS))))
    result = pl.concat(parts).sort("return_id", order, maintain_order=True)
    return give_back(result)
