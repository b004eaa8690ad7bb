"""Trust signals (issue 19, parts 3 and 4): the indicators overdue, what changed since a date
or the last board report, and the board reports made, which "since the last report" reads."""
