"""The session being followed on the floor: plan, progress, logging. No widgets here.

The TUI owns one Workout, so leaving the Today screen (to read instructions, look at the
week) never loses the session's state. Every set goes to the log the moment it is
logged, checked by the guard through :meth:`Log.log_checked` (the call the CLI's
``log`` command makes too); this object only remembers what the screens need to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from ..domain import guard
from ..domain import prescribed as flow
from ..domain.catalog import Catalog
from ..domain.coach import Coach
from ..domain.model import SessionKind, SessionRecord, SetRecord
from ..domain.plan import PainStatus, Prescribed, TodayPlan
from ..domain.words import format_load
from .coach_inputs import HISTORY_DAYS
from .log import Log, make_sets
from .log import LogError as StoreError


@dataclass
class Item:
    """One exercise of the session being done: its prescription and the sets done so far."""

    plan: Prescribed
    done: list[SetRecord] = field(default_factory=list)
    skipped: bool = False
    replaced: str = ""  # the exercise it stands in for, after a variation switch

    @property
    def complete(self) -> bool:
        return self.skipped or len(self.done) >= self.plan.sets

    @property
    def is_hold(self) -> bool:
        return self.plan.seconds is not None

    @property
    def status(self) -> str:
        if len(self.done) >= self.plan.sets:
            return "done"
        if self.skipped:
            return "skipped"
        return f"{len(self.done)}/{self.plan.sets}"


def sets_text(sets: list[SetRecord], units: str = "kg") -> str:
    """'2×12 @ 8 kg, 1×10 @ 10 kg', '12/10/8', '2×30 s': the sets in the order done, loads
    in the runner's ``units``; sets at different loads are never merged."""
    groups: dict[str, list[str]] = {}  # the load as the runner reads it → the amounts at it
    for s in sorted(sets, key=lambda s: s.logged_at):
        load = format_load(s.load_kg, units) if s.load_kg else ""
        groups.setdefault(load, []).append(f"{s.seconds} s" if s.seconds is not None else str(s.reps))
    parts = []
    for load, amounts in groups.items():
        body = f"{len(amounts)}×{amounts[0]}" if len(set(amounts)) == 1 else "/".join(amounts)
        parts.append(f"{body} @ {load}" if load else body)
    return ", ".join(parts)


def last_time_text(sets: list[SetRecord], today: date, units: str = "kg") -> str:
    """'last 3×12 @ 8 kg, 5 d ago' from the most recent sitting with this exercise, loads in
    the runner's ``units``; sets at different loads are never merged ('last 2×12 @ 26.5 lb,
    2×12 @ 12 lb')."""
    if not sets:
        return "first time"
    last_session = max(sets, key=lambda s: (s.date, s.logged_at)).session
    mine = [s for s in sets if s.session == last_session]
    days = (today - mine[0].date).days
    ago = "today" if days == 0 else "yesterday" if days == 1 else f"{days} d ago"
    return f"last {sets_text(mine, units)}, {ago}"


class Workout:
    def __init__(self, logbook: Log, today: Callable[[], date], now: Callable[[], datetime]):
        self.logbook = logbook
        self._today = today
        self._now = now
        self.ctx: Coach | None = None  # the coach on the day loaded
        self.pain: dict[str, PainStatus] = {}  # pain marks not yet cleared
        self.plan: TodayPlan | None = None
        self._shown_pending = False  # today's plan is not in the ledger yet
        self.items: list[Item] = []
        self.index = 0
        self.session: SessionRecord | None = None
        self.mode: Literal["strength", "finisher", "rest"] = "strength"  # what the day's items are
        self.session_warnings: list[guard.GuardWarning] = []
        self.summary: list[guard.GuardWarning] = []
        self.shown: set[tuple[str, str]] = set()
        self.last_seen: dict[str, str] = {}
        self.finished_today = False
        self.switched: dict[str, str] = {}  # planned exercise → the variation used today
        self.notes: list[guard.GuardWarning] = []  # guard notes shown since the app started
        self.skipped: set[str] = set()  # exercises skipped today (kept across reloads)
        # the warm-up step before the first exercise: drills ticked so far, and whether it
        # is over (done or skipped); kept across reloads, never logged as sets
        self.warmup_ticked = 0
        self.warmup_over = False
        self._warmup_day: date | None = None

    def _loaded(self) -> tuple[Coach, TodayPlan]:
        """The day's coach and plan (read by :meth:`load`, which the app calls first)."""
        if self.ctx is None or self.plan is None:
            raise RuntimeError("Workout.load() has not run yet")
        return self.ctx, self.plan

    def _original_of(self, exercise: str) -> str:
        return next((k for k, v in self.switched.items() if v == exercise), exercise)

    def reload(self) -> None:
        """Read the log again (after an edit elsewhere), keeping the current exercise
        (today's variation switches are kept by load itself)."""
        current = self.current.plan.exercise if self.current else None
        self.load()
        found = next((i for i, it in enumerate(self.items) if it.plan.exercise == current), None)
        if found is not None:
            self.index = found

    # --- loading -------------------------------------------------------------------

    def load(self) -> None:
        day = self._today()
        if self._warmup_day not in (None, day):  # a new day (the app ran past midnight): a new warm-up
            self.warmup_ticked, self.warmup_over = 0, False
        self._warmup_day = day
        ctx = self.ctx = self.logbook.context(day)
        plan = self.plan = ctx.today_plan()
        self._shown_pending = ctx.profile_saved and not self.logbook.read_only
        self.pain = ctx.pain()
        open_ = self.logbook.open_session()
        self.session = open_[0] if open_ and open_[0].date == day else None
        if self.session is not None and self.session.kind == "finisher":
            self.mode = "finisher"
        elif plan.kind not in ("strength", "leg-free"):
            self.mode = "finisher" if plan.finisher else "rest"
        else:
            self.mode = "strength"
        self.finished_today = plan.done_today > 0 and self.session is None
        if self.session is not None and open_ is not None:
            self._build_items(open_[1])
        elif self.finished_today:  # show what was done today, ticked off
            self._build_items([s for s in ctx.history if s.date == day])
        else:
            self._build_items([])
        self.refresh_last_seen(ctx.history)
        self.session_warnings = self._session_warnings() if self.session is None else []
        self.remember(self.session_warnings)

    def remember(self, warnings: Iterable[guard.GuardWarning]) -> None:
        """Guard notes the runner has been shown: the notes list (g) lists them."""
        have = {(n.code, n.exercise, n.message) for n in self.notes}
        self.notes += [w for w in warnings if (w.code, w.exercise, w.message) not in have]

    @property
    def reopenable(self) -> SessionRecord | None:
        """Today's last saved session, when nothing is open: enter reopens it."""
        if not self.finished_today or self.ctx is None:
            return None
        today = [s for s in self.ctx.sessions if s.date == self._today() and s.ended_at is not None]
        return max(today, key=lambda s: s.started_at) if today else None

    def reopen(self, session: SessionRecord) -> None:
        self.logbook.reopen_session(session.id, self._now())
        self.load()

    def _build_items(self, done: list[SetRecord]) -> None:
        ctx, plan = self._loaded()
        prescriptions = list(plan.exercises if self.mode == "strength" else plan.finisher)
        self.items = [Item(p) for p in prescriptions]
        for item in self.items:  # variations chosen earlier today stay chosen
            if item.plan.exercise in self.switched:
                self._use_variation(item, self.switched[item.plan.exercise])
        by_id = {item.plan.exercise: item for item in self.items}
        for record in done:  # a resumed session: its saved sets, extra exercises appended
            found = by_id.get(record.exercise)
            if found is None:
                ex = ctx.catalog.get(record.exercise)
                p = Prescribed(ex.id, ex.name, ex.sets, ex.reps, ex.hold, ex.rest, ex.per_side)
                found = by_id[record.exercise] = Item(p)
                self.items.append(found)
            found.done.append(record)
        for item in self.items:
            item.skipped = item.plan.exercise in self.skipped
        self.shown = guard.shown_in_session(done)
        # a resumed session goes on where it stopped: after the last set logged (A1's: A2)
        last = max(done, key=lambda s: s.logged_at).exercise if done else None
        after = next((i for i, it in enumerate(self.items) if it.plan.exercise == last), None)
        first = flow.next_set(self._plans(), self.done_counts(), after=after)
        self.index = first if first is not None else 0

    def refresh_last_seen(self, history: list[SetRecord]) -> None:
        day = self._today()
        current = self.session.id if self.session else None
        by_ex: dict[str, list[SetRecord]] = {}
        for s in history:
            if s.session != current and s.date < day:  # "last" means an earlier day
                by_ex.setdefault(s.exercise, []).append(s)
        for item in self.items:
            ex = item.plan.exercise
            if ex in by_ex:
                self.last_seen[ex] = last_time_text(by_ex[ex], day, self._units())

    def _units(self) -> str:
        return self.ctx.profile.units if self.ctx is not None else "kg"

    def last_text(self, exercise: str) -> str:
        """'last 3×12 @ 8 kg, 5 d ago', from the recent history the guard reads anyway."""
        if exercise in self.last_seen:
            return self.last_seen[exercise]
        ctx, _ = self._loaded()
        horizon = self._today() - timedelta(days=HISTORY_DAYS)
        if any(s.date < horizon for s in ctx.sessions):
            return f"not in the last {HISTORY_DAYS // 7} weeks"
        return "first time"

    def _session_warnings(self) -> list[guard.GuardWarning]:
        if not self.items or self.finished_today:
            return []
        ctx, _ = self._loaded()
        ids = [it.plan.exercise for it in self.items]
        return ctx.check_session(self._today(), ids, finisher=self.mode == "finisher", shown=self.shown)

    # --- the coach's notes ------------------------------------------------------------

    @property
    def referred(self) -> list[str]:
        """Exercises out of the plan for pain (two sessions in a row) until the runner clears them."""
        return sorted(st.exercise for st in self.pain.values() if st.out_of_plan)

    def coach_notes(self) -> list[str]:
        """What the coach says today besides the reason: pain referrals first (they stay until
        cleared), then why the block week was held back, then the week's other notes."""
        plan = self.plan
        if plan is None:
            return []
        notes = list(plan.notes)
        referrals = [n for n in notes if n.startswith("Pain on")]
        rest = [n for n in notes if n not in referrals]
        held = [f"Block week {plan.block_week}: {plan.block_week_reason}."] if plan.block_week_reason else []
        return referrals + held + rest

    def remember_shown(self) -> None:
        """Keep what Today showed in the plan ledger (once a day; the first showing stands),
        so "missed" is only said of a day that was shown. The app calls this after its first
        paint: a write never delays what the runner sees."""
        if not self._shown_pending or self.plan is None:
            return
        self._shown_pending = False
        try:
            self.logbook.remember_shown(self.plan.date, self.plan.kind, self.plan.volume)
        except StoreError:
            pass  # a log another runstrength holds, or a folder that cannot be written: no ledger line

    def clear_pain(self, exercise: str) -> None:
        """Clear a pain mark (saved in the profile), then plan again."""
        self.logbook.clear_pain(exercise, self._today())
        self.reload()

    # --- the warm-up step --------------------------------------------------------------

    @property
    def warmup(self) -> tuple[Prescribed, ...]:
        return self.plan.warmup if self.plan is not None else ()

    @property
    def in_warmup(self) -> bool:
        """Before the first set of a strength session, the warm-up is its own step (a
        resumed session, with sets already logged, goes straight on)."""
        return (
            self.mode == "strength"
            and bool(self.warmup)
            and bool(self.items)
            and not self.warmup_over
            and not self.finished_today
            and self.sets_done == 0
        )

    @property
    def current_drill(self) -> Prescribed | None:
        """The warm-up drill enter would tick next (None outside the warm-up)."""
        if not self.in_warmup:
            return None
        return self.warmup[min(self.warmup_ticked, len(self.warmup) - 1)]

    def tick_warmup(self) -> Prescribed | None:
        """The current drill is done: the next one is current (the step ends after the last).
        Returns the drill ticked."""
        if not self.in_warmup:
            return None
        drill = self.warmup[min(self.warmup_ticked, len(self.warmup) - 1)]
        self.warmup_ticked += 1
        if self.warmup_ticked >= len(self.warmup):
            self.warmup_over = True
        return drill

    def skip_warmup(self) -> None:
        self.warmup_over = True

    # --- navigation ------------------------------------------------------------------

    @property
    def current(self) -> Item | None:
        return self.items[self.index] if self.items else None

    @property
    def catalog(self) -> Catalog:
        return self._loaded()[0].catalog

    def select(self, index: int) -> None:
        if self.items:
            self.index = max(0, min(index, len(self.items) - 1))

    # --- the order of sets: supersets (domain/prescribed.py) -----------------------------

    def _plans(self) -> list[Prescribed]:
        return [it.plan for it in self.items]

    def done_counts(self) -> list[int]:
        """Sets done of each exercise, as the order of sets counts them: a skipped exercise
        counts as done."""
        return [max(len(it.done), it.plan.sets) if it.skipped else len(it.done) for it in self.items]

    @property
    def labels(self) -> list[str]:
        """ "A1", "A2" for a superset's exercises, "" for an exercise done alone."""
        return flow.labels(self._plans())

    def _position(self, item: Item) -> int | None:
        return next((i for i, it in enumerate(self.items) if it is item), None)

    def label(self, item: Item) -> str:
        i = self._position(item)
        return self.labels[i] if i is not None else ""

    def partner(self, item: Item) -> Item | None:
        """The other exercise of ``item``'s superset (None for one done alone)."""
        i = self._position(item)
        if i is None:
            return None
        block = next(b for b in flow.groups(self._plans()) if i in b)
        return next((self.items[j] for j in block if j != i), None)

    def superset_text(self, item: Item) -> str:
        """How ``item``'s superset runs: 'Superset A: A1 then A2, no rest between; 75 s rest
        after A2' ("" for an exercise done alone)."""
        other = self.partner(item)
        if other is None:
            return ""
        first, second = (item, other) if self.label(item).endswith("1") else (other, item)
        group = first.plan.group
        rest = flow.pair_rest(first.plan, second.plan)
        return f"Superset {group}: {group}1 then {group}2, no rest between; {rest} s rest after {group}2"

    def _next_index(self, after: int | None) -> int | None:
        return flow.next_set(self._plans(), self.done_counts(), after=after)

    def advance(self) -> None:
        """Move to the exercise whose set comes next (``domain.prescribed.next_set``): the
        current exercise's block first (a superset alternates A1, A2, A1 …), then the
        session's order; the cursor stays when every set is done."""
        if not self.items:
            return
        nxt = self._next_index(self.index)
        if nxt is not None:
            self.index = nxt

    def rest_after(self, item: Item) -> int:
        """The rest after a set of ``item`` (logged already): none from A1 to A2, the pair's
        rest after A2, the exercise's own rest otherwise, none once every set is done."""
        i = self._position(item)
        if i is None:
            return item.plan.rest
        return flow.rest_after(self._plans(), i, self.done_counts())

    def after_set(self, item: Item) -> int:
        """A set of ``item`` was logged: the cursor moves on to the set that comes next (when
        it was on ``item``), and the rest to run now is returned (0: none, go straight on)."""
        rest = self.rest_after(item)
        if item is self.current:
            self.advance()
        return rest

    def skip_current(self) -> None:
        if self.current:
            self.skip_item(self.current)

    def skip_item(self, item: Item) -> None:
        """Skip the rest of an exercise today (its logged sets stay logged)."""
        item.skipped = True
        self.skipped.add(item.plan.exercise)
        if item is self.current:
            self.advance()

    def next_incomplete(self) -> Item | None:
        """The exercise whose set comes after the current one's (see :meth:`advance`)."""
        if not self.items:
            return None
        nxt = self._next_index(self.index)
        return self.items[nxt] if nxt is not None else None

    def switch_variation(self, new_id: str) -> None:
        """Use an easier or harder variation for the current exercise in today's session."""
        item = self.current
        if item is None or item.plan.exercise == new_id:
            return
        self.switched[self._original_of(item.plan.exercise)] = new_id
        self._use_variation(item, new_id)
        if new_id not in self.last_seen:
            ctx, _ = self._loaded()
            history = [s for s in ctx.history if s.exercise == new_id and s.date < self._today()]
            if history:
                self.last_seen[new_id] = last_time_text(history, self._today(), ctx.profile.units)

    def _use_variation(self, item: Item, new_id: str) -> None:
        ex = self.catalog.get(new_id)
        old = item.plan
        reps: tuple[int, int] | None
        if ex.is_hold:
            reps, seconds = None, ex.hold
        else:
            reps, seconds = (old.reps if old.reps and ex.reps and ex.reps[0] >= 10 else ex.reps), None
        item.replaced = item.replaced or old.name
        item.plan = replace(
            old,
            exercise=ex.id,
            name=ex.name,
            reps=reps,
            seconds=seconds,
            per_side=ex.per_side,
            rest=ex.rest,
            suggested_load_kg=None,
            note=f"instead of {item.replaced}",
        )

    @property
    def sets_done(self) -> int:
        return sum(len(it.done) for it in self.items)

    @property
    def sets_planned(self) -> int:
        """Sets planned for today, as it went: a skipped exercise counts the sets it had."""
        return sum(len(it.done) if it.skipped else max(it.plan.sets, len(it.done)) for it in self.items)

    @property
    def all_done(self) -> bool:
        return bool(self.items) and all(it.complete for it in self.items)

    def next_text(self) -> str:
        """What comes after the rest: 'Next: A1 Goblet squat · set 2 of 3 · 12–15'."""
        item = self.current
        if item is None or self.all_done:
            return "All sets done: enter finishes"
        n = len(item.done) + 1
        label = self.label(item)
        name = f"{label} {item.plan.name}" if label else item.plan.name
        return f"Next: {name} · set {n} of {item.plan.sets} · {item.plan.dose_text.split(' × ', 1)[1]}"

    # --- logging ---------------------------------------------------------------------

    def start(self) -> SessionRecord:
        if self.session is None:
            leg_free = self.plan is not None and self.plan.kind == "leg-free"
            kind: SessionKind = "finisher" if self.mode == "finisher" else ("leg-free" if leg_free else "strength")
            self.session = self.logbook.start_session(self._today(), self._now(), kind=kind)
            self.shown |= {(w.code, w.exercise) for w in self.session_warnings}
        return self.session

    def item_for(self, exercise: str) -> Item | None:
        return next((it for it in self.items if it.plan.exercise == exercise), None)

    def candidate(
        self,
        reps: int | None,
        seconds: int | None,
        load: tuple[float, str] | None,
        rpe: int | None,
        pain: bool,
        note: str = "",
        item: Item | None = None,
    ) -> SetRecord:
        chosen = item or self.current
        if chosen is None:
            raise ValueError("no exercise to log a set of")
        session_id = self.session.id if self.session else "(new)"
        return make_sets(
            chosen.plan.exercise, session_id, self._today(), self._now(), 1, reps, seconds, load, rpe, pain, note, "tui"
        )[0]

    def preview(self, record: SetRecord) -> list[guard.GuardWarning]:
        """Warnings the set would trigger, before it is saved (session ones are shown apart)."""
        ctx, _ = self._loaded()
        return ctx.check_set([record], new_session=False, finisher=self.mode == "finisher", shown=self.shown).warnings

    def log(self, record: SetRecord) -> tuple[SetRecord, list[guard.GuardWarning]]:
        """Save a set durably (to the item of its exercise); returns it with its warnings."""
        ctx, _ = self._loaded()
        session = self.start()
        saved, warnings = self.logbook.log_checked(
            ctx, [record], session, finisher=self.mode == "finisher", shown=self.shown
        )
        record = saved[0]
        self.shown |= {(w.code, w.exercise) for w in warnings}
        self.remember(warnings)
        self.summary += [
            w for w in warnings if (w.code, w.exercise) not in {(s.code, s.exercise) for s in self.summary}
        ]
        target = self.item_for(record.exercise) or self.current
        if target is not None:
            target.done.append(record)
        return record, warnings

    def acknowledge(self, warning: guard.GuardWarning) -> None:
        ctx, _ = self._loaded()
        self.logbook.ack(warning.code, warning.exercise, self._today())
        ctx.acks.append((warning.code, warning.exercise, self._today()))
        self.session_warnings = [
            w for w in self.session_warnings if (w.code, w.exercise) != (warning.code, warning.exercise)
        ]

    def finish(self, rpe: int | None, minutes: float | None) -> SessionRecord | None:
        done = self.logbook.finish_session(self._now(), rpe=rpe, minutes=minutes)
        self.session = None
        self.finished_today = True
        self.load()
        return done

    def discard_or_close_interrupted(self) -> None:
        """The runner chose not to resume: keep the saved sets as a finished session."""
        self.logbook.close_open_session(self._now())
        self.load()
