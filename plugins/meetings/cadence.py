"""When a series meets: learned from the dates of its meetings ("first Tuesday of even
months", "third Thursday of every month"), to say when the next one will be."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Cadence:
    weekday: int  # 0 = Monday
    nth: int  # 1-4: the nth such weekday of the month; -1: the last one
    step: int  # months between meetings (1, 2, 3, …)
    phase: int  # month % step of the months it meets in

    @classmethod
    def learn(cls, dates: list[dt.date], minimum: int = 3) -> Cadence | None:
        """The pattern the latest meetings follow (a tie goes to the latest meeting's own);
        None with fewer than `minimum` dates."""
        recent = sorted(set(dates))[-6:]  # series change their rhythm: the latest meetings tell
        if len(recent) < max(2, minimum):
            return None
        weekday = _mode([d.weekday() for d in recent])
        nth = _mode([(d.day - 1) // 7 + 1 if d.day <= 28 else -1 for d in recent])
        gaps = [(b.year - a.year) * 12 + b.month - a.month for a, b in zip(recent, recent[1:], strict=False)]
        step = _mode([g for g in gaps if g > 0] or [1])
        phase = _mode([d.month % step for d in recent])
        rule = cls(weekday, nth, step, phase)
        # a rhythm most of them keep; a sample of an archive, or meetings on any day, has none
        return rule if 3 * sum(rule.fits(d) for d in recent) >= 2 * len(recent) else None

    def day_in(self, year: int, month: int) -> dt.date:
        """Such a day in that month (the fifth weekday that does not exist is the fourth)."""
        found = nth_weekday(year, month, self.weekday, self.nth)
        return found or nth_weekday(year, month, self.weekday, 4)  # type: ignore[return-value]

    def after(self, day: dt.date) -> dt.date:
        """The meeting `step` months after one held (or announced) on `day`."""
        month = day.month - 1 + self.step
        return self.day_in(day.year + month // 12, month % 12 + 1)

    def next_after(self, day: dt.date, limit_days: int = 366) -> dt.date | None:
        """The first date after `day` that fits; None if none within `limit_days`."""
        year, month = day.year, day.month
        for _ in range(13):
            if month % self.step == self.phase:
                found = nth_weekday(year, month, self.weekday, self.nth)
                if found and day < found <= day + dt.timedelta(days=limit_days):
                    return found
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return None

    def fits(self, day: dt.date, any_month: bool = False) -> bool:
        """`day` is such a day (with `any_month`, in any month: the series may have changed step)."""
        in_step = any_month or day.month % self.step == self.phase
        return in_step and nth_weekday(day.year, day.month, self.weekday, self.nth) == day

    def describe(self) -> str:
        ordinal = "last" if self.nth < 0 else ["first", "second", "third", "fourth", "fifth"][self.nth - 1]
        weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.weekday]
        every = {1: "every month", 2: "every other month", 3: "every third month"}.get(
            self.step, f"every {self.step} months"
        )
        return f"the {ordinal} {weekday} of {every}"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    """The `nth` such weekday of the month (-1: the last); None if the month has no such day."""
    if nth < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _mode(values: list[int]) -> int:
    """The commonest value; on a tie, the one that came last."""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in reversed(values) if counts[v] == best)
