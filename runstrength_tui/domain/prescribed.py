"""One prescribed exercise of a session, how long a session takes, and supersets.

A superset pairs two exercises that do not compete (a calf, hip or core exercise in a main
lift's rest, or two such exercises together): A1 then A2, then one rest, then A1 again
(docs/coaching.md § Prescribing and progression, "Supersets"). The pair shares a letter
(``Prescribed.group``) and sits side by side in the session's list; the order of sets and
the rest after each set (:func:`next_set`, :func:`rest_after`) come from here, so every
front end follows a pair the same way, and the session's honest minutes count the pair's
time, not two separate exercises'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .rules import THRESHOLDS as T
from .words import format_load

MIN_REST = 15  # the shortest rest any prescription carries
LEADS = ("main", "accessory")  # the exercises a pair is built around
FILLERS = ("prehab", "core")  # what goes into a lead's rest (calf, hips, feet, trunk)


@dataclass(frozen=True)
class Prescribed:
    exercise: str
    name: str
    sets: int
    reps: tuple[int, int] | None
    seconds: int | None
    rest: int
    per_side: bool
    suggested_load_kg: float | None = None
    load_unit: str = "kg"
    note: str = ""
    role: str = "accessory"
    tempo: float = 3.0
    min_rest: int = MIN_REST
    group: str = ""  # a superset's letter ("A": A1 and A2 alternate, one rest after the pair); "" alone

    @property
    def set_seconds(self) -> float:
        """One set, honestly: reps × tempo (or the hold plus its get-ready), both sides."""
        if self.seconds is not None:
            one: float = self.seconds + T.get_ready_seconds
        else:
            one = sum(self.rep_range) / 2 * self.tempo
        return one * 2 + T.side_switch_seconds if self.per_side else one

    @property
    def work_seconds(self) -> int:
        return round(self.set_seconds)

    @property
    def duration_seconds(self) -> int:
        return round(self.sets * (self.set_seconds + self.rest) + T.transition_seconds)

    @property
    def suggested_load(self) -> str | None:
        if self.suggested_load_kg is None:
            return None
        return format_load(self.suggested_load_kg, self.load_unit)

    @property
    def effort(self) -> str:
        """How hard a set should be (reps in reserve, not a percentage of a maximum)."""
        if self.seconds is not None:
            return "hold steady and stop before your form slips"
        if self.role == "power":
            return "quick, light contacts; stop when they slow down"
        return "stop each set with 2–3 reps in reserve"

    @property
    def rep_range(self) -> tuple[int, int]:
        """The reps asked for ((0, 0) for a hold, which asks for seconds instead)."""
        return self.reps or (0, 0)

    @property
    def dose_text(self) -> str:
        side = " each side" if self.per_side else ""
        low, high = self.rep_range
        what = f"{self.seconds} s" if self.seconds is not None else (f"{low}–{high}" if low != high else f"{high}")
        load = f" @ {self.suggested_load}" if self.suggested_load else ""
        return f"{self.sets} × {what}{side}{load}"

    @property
    def top(self) -> int:
        """The most the prescription asks of one set: top reps, or hold seconds."""
        return self.seconds if self.seconds is not None else self.rep_range[1]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.exercise,
            "name": self.name,
            "sets": self.sets,
            "reps": list(self.reps) if self.reps else None,
            "seconds": self.seconds,
            "per_side": self.per_side,
            "rest_seconds": self.rest,
            "suggested_load": self.suggested_load,
            "suggested_load_kg": self.suggested_load_kg,
            "note": self.note,
            "role": self.role,
            "tempo": self.tempo,
            "min_rest_seconds": self.min_rest,
            "effort": self.effort,
            "group": self.group,
        }


def groups(items: Sequence[Prescribed]) -> list[list[int]]:
    """The session's blocks in order: a superset's two indexes together, others alone."""
    out: list[list[int]] = []
    for i, p in enumerate(items):
        if p.group and out and items[out[-1][0]].group == p.group and len(out[-1]) < 2:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def labels(items: Sequence[Prescribed]) -> list[str]:
    """ "A1", "A2" for a superset's exercises, "" for the others."""
    out = [""] * len(items)
    for block in groups(items):
        if len(block) == 2:
            for n, i in enumerate(block, start=1):
                out[i] = f"{items[i].group}{n}"
    return out


def pair_rest(a: Prescribed, b: Prescribed) -> int:
    """The rest after a superset's round: each exercise still gets its own rest between its
    sets, counting the partner's set and the move between them, and never less than the
    pair's floor."""
    move = T.pair_move_seconds
    return max(
        T.pair_rest_min_seconds,
        round(a.rest - b.set_seconds - move),
        round(b.rest - a.set_seconds - move),
    )


def _block_seconds(items: Sequence[Prescribed], block: list[int]) -> float:
    if len(block) == 1:
        return items[block[0]].duration_seconds
    a, b = items[block[0]], items[block[1]]
    rounds = min(a.sets, b.sets)
    rest = pair_rest(a, b)
    more = a if a.sets > b.sets else b
    extra = abs(a.sets - b.sets)
    return (
        rounds * (a.set_seconds + T.pair_move_seconds + b.set_seconds + rest)
        + extra * (more.set_seconds + more.rest)
        + T.transition_seconds
    )


def session_seconds(items: Sequence[Prescribed], warmup: bool = True) -> int:
    """A session's honest length: every block (a pair counted as a pair), and the warm-up."""
    if not items:
        return 0
    return round(sum(_block_seconds(items, b) for b in groups(items)) + (T.warmup_seconds if warmup else 0))


def estimated_minutes(exercises: Sequence[Prescribed], warmup: bool = True) -> float:
    if not exercises:
        return 0.0
    return float(int(session_seconds(exercises, warmup) / 60 + 0.5))


def pair_up(items: Sequence[Prescribed]) -> list[Prescribed]:
    """Supersets for a session: each main lift (then accessory) takes the first calf, hip
    or core exercise still alone into its rest; the fillers left pair among themselves;
    jumps stay alone and first (they want fresh legs and a full rest). Letters A, B, …
    in the session's order; the lead first in each pair."""
    plain = [replace(p, group="") for p in items]
    leads = [i for i, p in enumerate(plain) if p.role in LEADS]
    fillers = [i for i, p in enumerate(plain) if p.role in FILLERS]
    pairs: list[tuple[int, int]] = []
    for lead in leads:
        if not fillers:
            break
        pairs.append((lead, fillers.pop(0)))
    while len(fillers) >= 2:
        pairs.append((fillers.pop(0), fillers.pop(0)))
    paired = {i for pair in pairs for i in pair}
    firsts = {a: b for a, b in pairs}
    out: list[Prescribed] = [p for i, p in enumerate(plain) if p.role == "power" and i not in paired]
    letter = 0
    for i, p in enumerate(plain):
        if i in firsts:
            g = chr(ord("A") + letter)
            letter += 1
            out += [replace(p, group=g), replace(plain[firsts[i]], group=g)]
        elif i not in paired and p.role != "power":
            out.append(p)
    return out


def next_set(items: Sequence[Prescribed], done: Sequence[int], after: int | None = None) -> int | None:
    """Which exercise's set comes next, given the sets done of each: the blocks in order, a
    pair alternating A1, A2, A1, …; ``None`` when every set is done. ``after`` (the
    exercise whose set was just done) puts its block first: a runner who picked an
    exercise out of order finishes its block before going back to the order."""
    blocks = groups(items)
    if after is not None:
        blocks.sort(key=lambda b: after not in b)  # stable: the others keep their order
    for block in blocks:
        left = [i for i in block if done[i] < items[i].sets]
        if not left:
            continue
        if len(left) == 1:
            return left[0]
        a, b = block
        return a if done[a] <= done[b] else b
    return None


def rest_after(items: Sequence[Prescribed], index: int, done: Sequence[int]) -> int:
    """The rest after a set of ``items[index]`` (``done`` counts it already): none on the
    way from A1 to A2, the pair's rest after A2, an exercise's own rest otherwise."""
    nxt = next_set(items, done, after=index)
    if nxt is None:
        return 0
    block = next(b for b in groups(items) if index in b)
    if len(block) == 2 and nxt in block:
        if nxt != index and block.index(index) == 0:
            return 0
        return pair_rest(items[block[0]], items[block[1]])
    return items[index].rest
