"""The exercise catalog: what each exercise is, how to do it, and its default prescription.

Parsed from the document of ``data/exercises.toml`` and validated entry by entry; a bad
entry fails with a message naming the entry and the field. Reading the shipped file is
the store's job (:mod:`runstrength_tui.store.shipped`): this module does no I/O.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from .model import EQUIPMENT, KINDS, LEVELS, level_rank

if TYPE_CHECKING:
    from .programs import Programs

#: A parsed TOML table (validated field by field before anything trusts its values).
Doc = Mapping[str, Any]

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class CatalogError(ValueError):
    """The catalog file is broken: the message names the entry and the field."""


# Leg work too light to need the 48 hours between leg sessions: shins, feet, mobility.
LIGHT_LEG_FAMILIES = frozenset({"tibialis", "foot", "ankle-mobility", "hip-mobility"})


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    kind: str
    level: str
    equipment: tuple[str, ...]
    legs: bool
    per_side: bool
    family: str
    sets: int
    reps: tuple[int, int] | None
    hold: int | None
    rest: int
    intensity: str | None
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    easier: str | None
    easier_text: str | None
    harder: str | None
    harder_text: str | None
    alternatives: tuple[str, ...]
    muscles: tuple[str, ...]
    why: str
    min_rest: int = 30  # the shortest rest (s) this exercise needs between sets; trimming never goes below it
    tempo: float = 3.0  # seconds per rep, slow lowering and pauses included (not used for holds)
    max_hold: int | None = None  # the longest hold (s) worth prescribing (holds only)
    barbell: bool = False  # a barbell lift (gym only): needs ≥ 90 s between sets

    @property
    def is_hold(self) -> bool:
        return self.hold is not None

    @property
    def longest_hold(self) -> int | None:
        """The cap on a prescribed hold: the catalog's maximum, else 60 s (holds only)."""
        if self.hold is None:
            return None
        return self.max_hold if self.max_hold is not None else max(self.hold, 60)

    @property
    def weighted(self) -> bool:
        return bool(self.equipment) and self.equipment != ("bands",)

    def available_with(self, equipment: Iterable[str]) -> bool:
        """True when the runner owns at least one thing this exercise can use."""
        if not self.equipment:
            return True
        have = set(equipment)
        if "gym" in have:
            return True
        return any(item in have for item in self.equipment)

    def suits(self, level: str) -> bool:
        return level_rank(level) >= level_rank(self.level)

    @property
    def prescription_text(self) -> str:
        side = " each side" if self.per_side else ""
        if self.hold is not None:
            return f"{self.sets} × {self.hold} s{side}"
        lo, hi = self.reps or (0, 0)  # an exercise has reps or a hold (parse_exercise)
        return f"{self.sets} × {lo}–{hi}{side}"


#: Movement families that count as one for pain (they load the same tissue).
PAIN_JOINED = {"soleus": "calf"}


class Catalog:
    """The exercises by id, and the program templates shipped with them (attached by the
    loader once both are parsed: the planner reads them from here unless given others)."""

    def __init__(self, exercises: Iterable[Exercise], programs: Programs | None = None):
        self._by_id = {e.id: e for e in exercises}
        self._programs = programs
        self._pain: dict[str, str] | None = None

    def with_programs(self, programs: Programs) -> Catalog:
        """The same exercises, with the program templates that were checked against them."""
        return Catalog(self, programs)

    @property
    def programs(self) -> Programs:
        if self._programs is None:
            raise CatalogError("this exercise catalog has no program templates attached: pass programs= to the planner")
        return self._programs

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        return self._by_id[exercise_id]

    def ids(self) -> list[str]:
        return list(self._by_id)

    def filter(self, kind: str | None = None, level: str | None = None, equipment: str | None = None) -> list[Exercise]:
        out = []
        for e in self:
            if kind and e.kind != kind:
                continue
            if level and not e.suits(level):
                continue
            if equipment and not e.available_with((equipment,)):
                continue
            out.append(e)
        return out

    def family(self, exercise_id: str) -> str:
        """The movement family (a session holds at most one exercise of each)."""
        return self.get(exercise_id).family

    def _pain_families(self) -> dict[str, str]:
        if self._pain is not None:
            return self._pain
        parent = {e.id: e.id for e in self}

        def root(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        first: dict[str, str] = {}
        for e in self:
            # calf and soleus raises load the same Achilles tendon: one family for pain
            family = PAIN_JOINED.get(e.family, e.family)
            parent[root(e.id)] = root(first.setdefault(family, e.id))
            for link in (e.easier, e.harder):
                # an easier or harder variation is the same family for pain, but a jump's
                # easier strength drill is not a jump (jumps have their own pain rule)
                if link in parent and (e.kind == "plyometric") == (self.get(link).kind == "plyometric"):
                    parent[root(e.id)] = root(link)
        groups: dict[str, list[Exercise]] = {}
        for e in self:
            groups.setdefault(root(e.id), []).append(e)
        out: dict[str, str] = {}
        for members in groups.values():
            counts: dict[str, int] = {}
            for e in members:
                counts[e.family] = counts.get(e.family, 0) + 1
            name = max(counts, key=lambda f: (counts[f], f))
            out.update({e.id: name for e in members})
        self._pain = out
        return out

    def spares_legs(self, exercise_ids: Iterable[str]) -> bool:
        """True when a session of these exercises leaves the legs fresh: only upper-body,
        core and mobility work, shins and feet (the leg-free session, the finisher)."""
        ids = [i for i in exercise_ids if i in self]
        return bool(ids) and all(not self.get(i).legs or self.get(i).family in LIGHT_LEG_FAMILIES for i in ids)

    def pain_family(self, exercise_id: str) -> str:
        """The family pain is judged by: the movement family joined with every easier and
        harder variation (so the easier stand-in after a pain mark keeps the count)."""
        return self._pain_families().get(exercise_id, exercise_id)

    def pain_family_members(self, name: str) -> frozenset[str]:
        return frozenset(e for e, f in self._pain_families().items() if f == name)

    def suggest(self, wrong_id: str, n: int = 3) -> list[str]:
        """The closest ids to a mistyped one (for 'did you mean')."""
        import difflib

        close = difflib.get_close_matches(wrong_id, self.ids(), n=n, cutoff=0.5)
        if len(close) < n:
            close += [i for i in self.ids() if wrong_id and wrong_id in i and i not in close]
        return close[:n]

    def swap_for(
        self,
        exercise_id: str,
        equipment: Sequence[str],
        level: str,
        exclude: AbstractSet[str] = frozenset(),
        fits: Callable[[Exercise], bool] | None = None,
        same_family: bool = False,
    ) -> Exercise | None:
        """The exercise itself, or its first alternative, that the runner can do with what
        they own at their level (not in ``exclude``, and passing ``fits`` when given); with
        ``same_family``, else another exercise of its movement family; None when none fits."""
        ex = self.get(exercise_id)
        options: Iterable[Exercise] = (ex, *(self.get(a) for a in ex.alternatives))
        if same_family:
            options = itertools.chain(options, (e for e in self if e.family == ex.family))
        for option in options:
            if (
                option.available_with(equipment)
                and option.suits(level)
                and option.id not in exclude
                and (fits is None or fits(option))
            ):
                return option
        return None


def _fail(entry: str, field_name: str, problem: str) -> NoReturn:
    raise CatalogError(f"exercise catalog: entry {entry!r}, field {field_name!r}: {problem}")


def _text(doc: Doc, key: str, entry: str) -> str:
    value = _optional_text(doc, key, entry)
    if value is None:
        _fail(entry, key, "is missing")
    return value


def _optional_text(doc: Doc, key: str, entry: str) -> str | None:
    value = doc.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        _fail(entry, key, "must be non-empty text without leading or trailing spaces")
    return value


def _texts(doc: Doc, key: str, entry: str, lo: int, hi: int) -> tuple[str, ...]:
    value = doc.get(key)
    if not isinstance(value, list):
        _fail(entry, key, f"must be a list of {lo} to {hi} texts")
    if not lo <= len(value) <= hi:
        _fail(entry, key, f"has {len(value)} items; expected {lo} to {hi}")
    for item in value:
        if not isinstance(item, str) or not item.strip() or item != item.strip():
            _fail(entry, key, "every item must be non-empty text without leading or trailing spaces")
    return tuple(value)


def _int(doc: Doc, key: str, entry: str, lo: int, hi: int) -> int:
    value = doc.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        _fail(entry, key, f"must be a whole number from {lo} to {hi}")
    return value


def _bool(doc: Doc, key: str, entry: str) -> bool:
    value = doc.get(key)
    if not isinstance(value, bool):
        _fail(entry, key, "must be true or false")
    return value


def parse_exercise(doc: Doc, index: int) -> Exercise:
    named = doc.get("id")
    entry = named if isinstance(named, str) else f"#{index + 1}"
    ex_id = _text(doc, "id", entry)
    if not ID_RE.match(ex_id):
        _fail(entry, "id", "must be kebab-case (lowercase letters, digits and single dashes)")
    kind = _text(doc, "kind", entry)
    if kind not in KINDS:
        _fail(entry, "kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    level = _text(doc, "level", entry)
    if level not in LEVELS:
        _fail(entry, "level", f"{level!r} is not one of {', '.join(LEVELS)}")
    if kind == "plyometric" and level == "beginner":
        _fail(entry, "level", "plyometrics are never for beginners")
    equipment = doc.get("equipment")
    if not isinstance(equipment, list) or any(e not in EQUIPMENT[1:] for e in equipment):
        _fail(entry, "equipment", f"must be a list of {', '.join(EQUIPMENT[1:])} ([] for bodyweight)")
    reps, hold = doc.get("reps"), doc.get("hold")
    if (reps is None) == (hold is None):
        _fail(entry, "reps", "exactly one of reps or hold must be given")
    if reps is not None:
        if (
            not isinstance(reps, list)
            or len(reps) != 2
            or not all(isinstance(r, int) and not isinstance(r, bool) for r in reps)
            or not 1 <= reps[0] <= reps[1] <= 30
        ):
            _fail(entry, "reps", "must be [low, high] with 1 <= low <= high <= 30")
        reps = (reps[0], reps[1])
    if hold is not None:
        hold = _int(doc, "hold", entry, 10, 120)
    max_hold = None
    if "max_hold" in doc:
        if hold is None:
            _fail(entry, "max_hold", "is only for holds (give hold, or drop max_hold)")
        max_hold = _int(doc, "max_hold", entry, hold, 120)
    rest = _int(doc, "rest", entry, 15, 180)
    min_rest = _int(doc, "min_rest", entry, 15, rest)
    if kind == "plyometric" and min_rest < 60:
        _fail(entry, "min_rest", "plyometrics need near-full recovery: at least 60 s")
    barbell = doc.get("barbell", False)
    if not isinstance(barbell, bool):
        _fail(entry, "barbell", "must be true or false")
    if barbell and equipment != ["gym"]:
        _fail(entry, "barbell", 'a barbell lift needs equipment = ["gym"]')
    if barbell and min_rest < 90:
        _fail(entry, "min_rest", "barbell lifts need at least 90 s")
    if hold is None or "tempo" in doc:
        tempo = doc.get("tempo")
        if isinstance(tempo, bool) or not isinstance(tempo, (int, float)) or not 0.5 <= tempo <= 10:
            _fail(entry, "tempo", "must be the seconds one rep takes, from 0.5 to 10 (e.g. 3 or 4.5)")
        tempo = float(tempo)
    else:
        tempo = 3.0
    intensity = _text(doc, "intensity", entry) if kind == "strength" else _optional_text(doc, "intensity", entry)
    easier, easier_text = _variation(doc, "easier", entry)
    harder, harder_text = _variation(doc, "harder", entry)
    alternatives = doc.get("alternatives", [])
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        _fail(entry, "alternatives", "must be a list of exercise ids")
    if equipment and not alternatives:
        _fail(entry, "alternatives", "is required when the exercise needs equipment")
    why = _text(doc, "why", entry)
    if not why.endswith(".") or re.search(r"[.!?]\s+[A-Z]", why):
        _fail(entry, "why", "must be exactly one sentence ending with a period")
    return Exercise(
        id=ex_id,
        name=_text(doc, "name", entry),
        kind=kind,
        level=level,
        equipment=tuple(equipment),
        legs=_bool(doc, "legs", entry),
        family=_family(doc, entry),
        per_side=_bool(doc, "per_side", entry),
        sets=_int(doc, "sets", entry, 1, 3),
        reps=reps,
        hold=hold,
        rest=rest,
        intensity=intensity,
        steps=_texts(doc, "steps", entry, 3, 6),
        cues=_texts(doc, "cues", entry, 3, 4),
        mistakes=_texts(doc, "mistakes", entry, 2, 4),
        easier=easier,
        easier_text=easier_text,
        harder=harder,
        harder_text=harder_text,
        alternatives=tuple(alternatives),
        muscles=_texts(doc, "muscles", entry, 1, 5),
        why=why,
        min_rest=min_rest,
        tempo=tempo,
        max_hold=max_hold,
        barbell=barbell,
    )


FAMILY_RE = ID_RE


def _family(doc: Doc, entry: str) -> str:
    family = _text(doc, "family", entry)
    if not FAMILY_RE.match(family):
        _fail(entry, "family", "must be kebab-case, like 'single-leg-knee'")
    return family


def _variation(doc: Doc, key: str, entry: str) -> tuple[str | None, str | None]:
    ref, text = doc.get(key), doc.get(f"{key}_text")
    if (ref is None) == (text is None):
        _fail(entry, key, f"give exactly one of {key} (an id) or {key}_text")
    if ref is not None:
        return _text(doc, key, entry), None
    return None, _text(doc, f"{key}_text", entry)


def parse_catalog(raw: Doc) -> Catalog:
    items = raw.get("exercise")
    if not isinstance(items, list) or not items:
        raise CatalogError("exercise catalog: no [[exercise]] entries found")
    exercises: list[Exercise] = []
    seen: set[str] = set()
    for index, doc in enumerate(items):
        ex = parse_exercise(doc, index)
        if ex.id in seen:
            _fail(ex.id, "id", "is used by two entries")
        seen.add(ex.id)
        exercises.append(ex)
    by_id = {e.id: e for e in exercises}
    for ex in exercises:
        for key in ("easier", "harder"):
            ref = getattr(ex, key)
            if ref is not None and (ref not in by_id or ref == ex.id):
                _fail(ex.id, key, f"{ref!r} is not another exercise in the catalog")
        if ex.level == "beginner" and ex.easier and by_id[ex.easier].kind == "plyometric":
            _fail(ex.id, "easier", f"{ex.easier!r} is a plyometric: a beginner's easier option is never a jump")
        if ex.level == "beginner" and not ex.equipment and ex.harder:
            harder = by_id[ex.harder]
            if harder.kind == "plyometric" or harder.equipment:
                _fail(
                    ex.id,
                    "harder",
                    f"{ex.harder!r} needs equipment or is a jump: a beginner bodyweight exercise progresses without either",
                )
        for alt in ex.alternatives:
            if alt not in by_id or alt == ex.id:
                _fail(ex.id, "alternatives", f"{alt!r} is not another exercise in the catalog")
        if ex.equipment and by_id[ex.alternatives[-1]].equipment:
            _fail(ex.id, "alternatives", "the last alternative must need no equipment")
    return Catalog(exercises)
