"""When a series meets: learned from the dates of its meetings ("first Tuesday of even
months", "third Thursday of every month"), to say when the next one will be."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Cadence:
    weekday: int  # 0 = Monday
    nth: int  # 1-5: the nth such weekday of the month
    step: int  # months between meetings (1, 2, 3, …)
    phase: int  # month % step of the months it meets in

    @classmethod
    def learn(cls, dates: list[dt.date]) -> Cadence | None:
        """The pattern most of the recent meetings follow; None with fewer than three."""
        recent = sorted(set(dates))[-6:]  # series change their rhythm: the latest meetings tell
        if len(recent) < 3:
            return None
        weekday = _mode(d.weekday() for d in recent)
        nth = _mode((d.day - 1) // 7 + 1 for d in recent)
        gaps = [(b.year - a.year) * 12 + b.month - a.month for a, b in zip(recent, recent[1:], strict=False) if b != a]
        step = max(1, _mode(g for g in gaps if g > 0) if any(g > 0 for g in gaps) else 1)
        phase = _mode(d.month % step for d in recent)
        return cls(weekday, nth, step, phase)

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
        ordinal = ["first", "second", "third", "fourth", "fifth"][self.nth - 1]
        weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.weekday]
        every = {1: "every month", 2: "every other month", 3: "every third month"}.get(
            self.step, f"every {self.step} months"
        )
        return f"the {ordinal} {weekday} of {every}"


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _mode(values: object) -> int:
    counts = Counter(values)  # type: ignore[arg-type]
    return max(counts, key=lambda v: (counts[v], -v)) if counts else 0
