"""The plan as an iCalendar file (`runstrength plan --ics`), for a phone calendar.

One event a strength day: all-day, or at the runner's ``session_time`` for the session's
estimated minutes (a floating local time: 18:30 stays 18:30 wherever the phone is). Each
event's UID is made from its day (``2026-12-08-strength@runstrength``), so a calendar that
subscribes to the file, or imports it again, updates the day's event instead of adding a
second one; a day the plan no longer holds simply leaves the feed.

``icalendar`` is imported here, when a calendar is asked for (about 90 ms by
``python -X importtime``): no other command pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.plan import PlannedDay

PRODID = "-//runstrength//plan//EN"
UID_DOMAIN = "runstrength"


def uid_for(day_iso: str, kind: str = "strength") -> str:
    return f"{day_iso}-{kind}@{UID_DOMAIN}"


def plan_ics(days: Sequence[PlannedDay], session_time: str, now: datetime) -> bytes:
    """The planned days as an iCalendar (RFC 5545) file, ready to write."""
    from icalendar import Calendar, Event

    from ..domain.plan import estimated_minutes

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "runstrength plan")
    stamp = now.replace(microsecond=0).astimezone(UTC)  # a local wall-clock time, said in UTC
    for day in days:
        minutes = estimated_minutes(day.exercises)
        event = Event()
        event.add("uid", uid_for(day.date.isoformat(), day.kind))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        marks = [
            m
            for m, on in (
                ("lighter week", day.light_week),
                ("race taper", day.taper),
                (f"comeback week {day.comeback}", day.comeback),
            )
            if on
        ]
        extra = f", {', '.join(marks)}" if marks else ""
        what = {
            "leg-free": "Leg-free session (upper back, core, shins, feet)",
            "finisher": "Optional finisher after your easy run",
        }.get(day.kind, "Strength")
        event.add("summary", f"{what}, about {minutes:g} min (block week {day.block_week}{extra})")
        if session_time:
            hours, mins = (int(x) for x in session_time.split(":"))
            start = datetime.combine(day.date, time(hours, mins))
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=max(1, round(minutes))))
        else:
            event.add("dtstart", day.date)
            event.add("dtend", day.date + timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # an all-day reminder does not block the day
        from ..domain.prescribed import labels

        marks = labels(day.exercises)  # "A1", "A2": a superset's two exercises
        lines = [
            f"{f'{mark} ' if mark else ''}{p.name}: {p.dose_text}" + (f" ({p.note})" if p.note else "")
            for p, mark in zip(day.exercises, marks)
        ]
        if any(marks):
            lines.append("A1 + A2: one set of each, A2 straight after A1, then rest.")
        lines += [f"Later: {item}" for item in day.upcoming]
        lines.append("Open runstrength for the timers and to log each set.")
        event.add("description", "\n".join(lines))
        event.add("categories", ["Strength"])
        cal.add_component(event)
    payload: bytes = cal.to_ical()
    return payload
