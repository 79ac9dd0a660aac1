"""The profile: a few short onboarding steps on first start, one Settings form later."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    Button,
    Input,
    Label,
    RadioSet,
    Static,
)

from ... import service
from ...domain import validate as v
from ...domain.model import EQUIPMENT, LEVELS, NOTIFY_MODES, SIGNALS, Profile, TuiSettings, level_rank
from ...domain.plan import READINESS_QUESTIONS, target_note
from ...domain.profile import changed_profile, equipment_choice, parse_race_list, races_with_distances
from ...domain.words import format_load
from ..widgets.run_week import RunWeek
from ..widgets.steady_input import SteadyInput
from ..widgets.toggles import ClearCheckbox, ClearRadioButton, PickRadioSet
from .base import RunStrengthScreen

LEVEL_TEXT = {
    "beginner": "Beginner: new to strength work, or back after a long break",
    "intermediate": "Intermediate: a few months of regular strength work",
    "advanced": "Advanced: a year or more, comfortable with heavier lifts and jumps",
}
EQUIPMENT_TEXT = {
    "none": "None (bodyweight)",
    "bands": "Resistance bands",
    "dumbbells": "Dumbbells",
    "kettlebell": "Kettlebell",
    "gym": "A gym",
}
SIGNAL_TEXT = {"off": "Off (the screen flashes)", "bell": "Terminal bell", "sound": "A short chime"}
NOTIFY_TEXT = {"off": "Never", "unfocused": "When the terminal is not in front", "always": "Always"}


# each readiness question as the answer that lets jumps in (ticked = yes, that is true)
READINESS_ANSWERS = ("No pain in my legs, feet or back right now",) + tuple(
    q.replace("Can you ", "I can ").rstrip("?") for q in READINESS_QUESTIONS[1:]
)


def weights_text(weights: tuple[float, ...], units: str) -> str:
    """'4, 6, 8, 10' in the profile's units (the field's own unit is in its label)."""
    return ", ".join(format_load(w, units).removesuffix(f" {units}") for w in weights)


def parse_weights(raw: str, units: str, what: str) -> tuple[float, ...]:
    """The weights field read by the domain's one parser (the CLI's ``--weights`` too)."""
    return v.parse_weights(raw, units, what)


def parse_races(raw: str, today: date) -> tuple[tuple[date, ...], tuple[tuple[date, str], ...]]:
    """'2026-12-06:10k, 2027-04-18' → race days and declared distances (past ones
    dropped, as the CLI does; the same reading as ``--race``)."""
    return races_with_distances((), (), parse_race_list(raw), today)


def race_list(p: Profile) -> str:
    """The races as the field shows them: '2027-03-06:marathon, 2027-05-01'."""
    return ", ".join(f"{r.isoformat()}:{d}" if (d := p.race_distance(r)) else r.isoformat() for r in p.races)


def radio_block(set_id: str, question: str, options: dict[str, str], current: str, horizontal: bool = False):
    """One question with a few answers: a form field is one call (Settings grows by blocks)."""
    yield Label(question, classes="question")
    with PickRadioSet(id=set_id, classes="-horizontal" if horizontal else ""):
        for value, text in options.items():
            yield ClearRadioButton(text, value=current == value, name=value)


class ProfileForm(Vertical):
    """The profile fields, in sections (the onboarding shows one section a step)."""

    def __init__(
        self,
        profile: Profile,
        new: bool = False,
        pain: tuple[tuple[str, str], ...] = (),
        settings: TuiSettings | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.profile = profile
        self.settings = settings or TuiSettings()  # the app's own settings (signal, beeps): not the profile
        self.new = new  # a new profile picks its level; a change of level ramps (``with_level``)
        self.pain = pain  # (exercise id, name) of pain marks that can be cleared here
        self.units_shown = profile.units  # the unit the weights fields are written in

    def sections(self) -> ComposeResult:
        p = self.profile
        with Vertical(id="sec-level", classes="section"):
            yield Label("How much strength training have you done?", classes="question")
            with PickRadioSet(id="level"):
                for level in LEVELS:
                    yield ClearRadioButton(LEVEL_TEXT[level], value=p.level == level, name=level)
            with Vertical(id="readiness"):
                yield Label(
                    "Before jumps: tick each that is true (space ticks). Jumps wait for all five.",
                    classes="question",
                    id="readiness-title",
                )
                for i, answer in enumerate(READINESS_ANSWERS):
                    yield ClearCheckbox(answer, value=p.plyo_ready, id=f"ready-{i}")
        with Vertical(id="sec-equipment", classes="section"):
            yield Label("What can you use at home? (space ticks, tab moves; pick any)", classes="question")
            with Vertical(id="equipment"):
                for e in EQUIPMENT:
                    yield ClearCheckbox(EQUIPMENT_TEXT[e], value=e in p.equipment, name=e)
            yield Static("None means bodyweight only: it cannot be ticked with other equipment.", classes="hint")
        with Vertical(id="sec-sessions", classes="section"):
            yield Label("Sessions a week · minutes each · units · first day of the week", classes="question")
            with Horizontal(classes="radios"):
                with PickRadioSet(id="target"):
                    yield ClearRadioButton("2 a week", value=p.target == 2, name="2")
                    yield ClearRadioButton("3 a week", value=p.target == 3, name="3")
                with PickRadioSet(id="minutes"):
                    yield ClearRadioButton("15 min", value=p.minutes == 15, name="15")
                    yield ClearRadioButton("20 min", value=p.minutes == 20, name="20")
                with PickRadioSet(id="units"):
                    yield ClearRadioButton("kg", value=p.units == "kg", name="kg")
                    yield ClearRadioButton("lb", value=p.units == "lb", name="lb")
                with PickRadioSet(id="week-start"):
                    yield ClearRadioButton("Monday", value=p.week_start == "mon", name="mon")
                    yield ClearRadioButton("Sunday", value=p.week_start == "sun", name="sun")
            yield Static("", id="target-note", classes="hint")
            yield Static(
                "A block is the program the plan follows: 8 to 12 weeks that build up gradually, "
                "with lighter weeks on the way. It starts on the day below (today unless you are "
                "already part-way into one).",
                classes="hint",
            )
            with Horizontal(classes="block"):
                yield Label("Block starts (YYYY-MM-DD)")
                yield SteadyInput((p.block_start or self.app.today()).isoformat(), id="block-start")
                yield Label("Weeks (8-12)")
                yield SteadyInput(str(p.weeks), id="weeks", type="integer")
        with Vertical(id="sec-coach", classes="section"):
            yield Label(self.coach_title(p.units), classes="question", id="coach-title")
            with Horizontal(classes="block"):
                yield Label("Race days")
                yield SteadyInput(race_list(p), placeholder="YYYY-MM-DD[:10k], …", id="races")
            with Horizontal(classes="block"):
                yield Label("Dumbbells")
                yield SteadyInput(weights_text(p.dumbbells, p.units), placeholder="e.g. 4, 6, 8, 10", id="dumbbells")
                yield Label("Kettlebells")
                yield SteadyInput(weights_text(p.kettlebells, p.units), placeholder="e.g. 8, 12, 16", id="kettlebells")
            yield Static(
                "The plan tapers before each race (comma-separated; delete one to remove it) and "
                "suggests only weights you own (empty: standard steps).",
                classes="hint",
            )
        if self.pain:
            with Vertical(id="sec-pain", classes="section"):
                yield Label("Pain marks: clear one once a doctor or physio says it is fine", classes="question")
                for ex_id, name in self.pain:
                    yield Button(f"Clear pain: {name}", id=f"clear-{ex_id}", classes="clear-pain")
        with Vertical(id="sec-runs", classes="section"):
            yield Label("Your running week (↑/↓ pick a day, ←/→ or space change it)", classes="question")
            yield RunWeek(p.runs, id="runs")
        with Vertical(id="sec-signal", classes="section"):
            s = self.settings
            yield from radio_block("signal", "When a rest or hold ends", SIGNAL_TEXT, s.signal)
            yield from radio_block("notify", "Desktop notification", NOTIFY_TEXT, s.notify)
            yield ClearCheckbox("3-2-1 beeps before a timer ends", value=s.beeps, id="beeps")
            yield Static(
                "The terminal's title shows a running timer. Theme: ctrl+p → Theme (remembered).", classes="hint"
            )

    def compose(self) -> ComposeResult:
        yield from self.sections()

    @staticmethod
    def coach_title(units: str) -> str:
        return f"Races and the weights you own (optional: leave empty) · weights in {units}"

    def change_units(self, old: str, new: str) -> None:
        """The weights fields follow a change of units (4, 6, 8 kg → 8.8, 13.2, 17.6 lb), so
        the numbers always mean what the label says; a field that does not parse is left."""
        for field, what in (("dumbbells", "Dumbbells"), ("kettlebells", "Kettlebells")):
            box = self.query_one(f"#{field}", Input)
            try:
                box.value = weights_text(parse_weights(box.value, old, what), new)
            except ValueError:
                pass
        self.query_one("#coach-title", Label).update(self.coach_title(new))

    def on_mount(self) -> None:
        self.update_coach_fields()

    def _radio(self, set_id: str) -> str:
        pressed = self.query_one(f"#{set_id}", RadioSet).pressed_button
        return pressed.name if pressed is not None else ""

    def update_coach_fields(self) -> None:
        """The readiness questions for intermediate/advanced (asked again, unticked, after a
        move up); the target note when a beginner asks for 3."""
        level = self._radio("level") or self.profile.level
        self.query_one("#readiness").display = level != "beginner"
        chosen = self.profile.with_changes(level=level, target=int(self._radio("target") or self.profile.target))
        note = target_note(chosen)
        box = self.query_one("#target-note", Static)
        box.update(f"ℹ {note}" if note else "")
        box.display = bool(note)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.id == "level":
            level = event.pressed.name
            if not self.new and level_rank(level) > level_rank(self.profile.level):
                for i in range(len(READINESS_ANSWERS)):
                    self.query_one(f"#ready-{i}", ClearCheckbox).value = False
                self.query_one("#readiness-title", Label).update(
                    f"A move up to {level}: answer these again before jumps (space ticks; all five let jumps in)."
                )
        if event.radio_set.id in ("level", "target"):
            self.update_coach_fields()
        if event.radio_set.id == "units" and event.pressed.name != self.units_shown:
            self.change_units(self.units_shown, event.pressed.name)
            self.units_shown = event.pressed.name

    def on_checkbox_changed(self, event) -> None:
        """None (bodyweight) and real equipment exclude each other."""
        box = event.checkbox
        if not event.value or box.parent is None or box.parent.id != "equipment":
            return
        for other in self.query_one("#equipment").query(ClearCheckbox):
            if other is not box and (box.name == "none" or other.name == "none") and other.value:
                other.value = False

    def state(self) -> tuple:
        """Every field as it stands (to tell whether anything was changed here)."""
        return (
            tuple(i.value for i in self.query(Input)),
            tuple(r.pressed_button.name if r.pressed_button else "" for r in self.query(RadioSet)),
            tuple(c.value for c in self.query(ClearCheckbox)),
            tuple(self.query_one("#runs", RunWeek).runs),
        )

    def show_only(self, section_id: str | None) -> None:
        """Onboarding shows one section at a time; Settings shows them all (None)."""
        for section in self.query(".section"):
            section.display = section_id is None or section.id == section_id

    def read_weights(self, field: str, what: str) -> tuple[float, ...]:
        """A weights field in the unit it is shown in; left as it was shown (units changed
        or not), the weights owned stay exactly as they were (4 kg is not 8.8 lb → 3.992 kg)."""
        text = self.query_one(f"#{field}", Input).value
        owned = getattr(self.profile, field)
        if text.strip() == weights_text(owned, self.units_shown):
            return owned
        return parse_weights(text, self.units_shown, what)

    def read(self, today: date) -> Profile:
        """The profile as filled in; ValueError with a person's sentence when it is not valid."""

        def radio(set_id: str) -> str:
            pressed = self.query_one(f"#{set_id}", RadioSet).pressed_button
            return pressed.name if pressed is not None else ""

        equipment = equipment_choice(box.name for box in self.query_one("#equipment").query(ClearCheckbox) if box.value)
        if not equipment:
            raise ValueError("Pick at least one equipment option (None is fine).")
        runs = tuple(self.query_one("#runs", RunWeek).runs)
        try:
            block_start = date.fromisoformat(self.query_one("#block-start", Input).value.strip())
        except ValueError:
            raise ValueError("Block start must look like YYYY-MM-DD.") from None
        weeks_text = self.query_one("#weeks", Input).value.strip()
        if not weeks_text.isascii() or not weeks_text.isdigit() or not 8 <= int(weeks_text) <= 12:
            raise ValueError("A block lasts 8 to 12 weeks.")
        target = int(radio("target") or self.profile.target)
        level = radio("level") or self.profile.level
        units = radio("units") or self.profile.units
        races, race_distances = parse_races(self.query_one("#races", Input).value, today)
        dumbbells = self.read_weights("dumbbells", "Dumbbells")
        kettlebells = self.read_weights("kettlebells", "Kettlebells")
        ready = all(self.query_one(f"#ready-{i}", ClearCheckbox).value for i in range(len(READINESS_ANSWERS)))
        # the rules of a change (level remembered with its day, target from this week on): domain/profile.py
        return changed_profile(
            self.profile,
            today,
            self.new,
            dict(
                level=level,
                races=races,
                race_distances=race_distances,
                dumbbells=dumbbells,
                kettlebells=kettlebells,
                **({"plyo_ready": ready} if level != "beginner" else {}),
                equipment=equipment,
                target=target,
                minutes=int(radio("minutes") or self.profile.minutes),
                units=units,
                week_start=radio("week-start") or self.profile.week_start,
                runs=runs,
                block_start=block_start,
                weeks=int(weeks_text),
            ),
        )

    def read_settings(self) -> TuiSettings:
        """The app's settings as filled in (signal, notification, beeps; the theme as it was)."""
        pressed = {
            set_id: (button.name if (button := self.query_one(f"#{set_id}", RadioSet).pressed_button) else "")
            for set_id in ("signal", "notify")
        }
        return self.settings.with_changes(
            beeps=self.query_one("#beeps", ClearCheckbox).value,
            signal=pressed["signal"] if pressed["signal"] in SIGNALS else self.settings.signal,
            notify=pressed["notify"] if pressed["notify"] in NOTIFY_MODES else self.settings.notify,
        )


def save_form(screen: RunStrengthScreen[bool]) -> bool:
    """Read the screen's profile form and save it; explain the problem instead when it is invalid."""
    form = screen.query_one("#form", ProfileForm)
    try:
        profile = form.read(screen.app.today())
    except ValueError as exc:
        screen.query_one("#error", Static).update(Text(f"✗ {exc}"))
        return False
    settings = form.read_settings()
    screen.app.logbook.save_profile(profile, settings)
    screen.app.settings = settings
    return True


def home_short(path: Path) -> str:
    """'~/.local/share/runstrength' for a folder under the home folder, else the full path."""
    full = path.absolute()
    try:
        return "~/" + str(full.relative_to(Path.home()))
    except ValueError:
        return str(full)


STEPS = ("sec-level", "sec-equipment", "sec-sessions", "sec-runs", "sec-coach")


class OnboardingScreen(RunStrengthScreen[bool]):
    """First start: five short steps (the last, races and weights, optional), then today's session.

    Enter takes the highlighted answer and goes on, esc goes back a step: keys that work
    inside tmux and screen (ctrl+b is tmux's prefix)."""

    BINDINGS = [
        Binding("enter", "next", "Next", key_display="⏎", priority=True),
        Binding("escape", "step(-1)", "Back"),
        Binding("escape", "leave", "Quit", show=False),  # on the first step (q Quit shows)
        Binding("ctrl+n", "step(1)", "Next step", show=False),
        Binding("ctrl+s", "save", "Save and start"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.step = 0

    def compose_body(self) -> ComposeResult:
        day = self.app.today()
        profile = service.default_profile(day)
        yield Static("", id="step-title")
        yield Static("", id="onboarding-folder", classes="hint")
        yield ProfileForm(profile, new=True, id="form")
        yield Static("", id="error")

    def on_mount(self) -> None:
        self.sub_title = f"Welcome: set up in {len(STEPS)} steps"
        self.show_step()

    def show_step(self) -> None:
        self.query_one("#form", ProfileForm).show_only(STEPS[self.step])
        where = self.query_one("#onboarding-folder", Static)
        where.display = self.step in (0, len(STEPS) - 1)
        keys = "q, esc or ctrl+q quits" if self.step == 0 else "ctrl+q quits"  # q types in the fields here
        where.update(
            f"Your log will be kept in {home_short(self.app.logbook.dir)}. Nothing is written there "
            f"until you save at the last step; {keys} without saving."
        )
        self.refresh_bindings()
        hint = "enter: next" if self.step < len(STEPS) - 1 else "enter: save and start"
        back = " · esc: back" if self.step else " · esc: quit"
        self.query_one("#step-title", Static).update(
            f"Step {self.step + 1} of {len(STEPS)} · {hint}{back} · tab moves between fields"
        )
        section = self.query_one(f"#{STEPS[self.step]}")
        focusable = [w for w in section.query("RadioSet, ClearCheckbox, RunWeek, Input")]
        if focusable:
            focusable[0].focus()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "step" and parameters and parameters[0] < 0:
            return self.step > 0
        if action == "leave":
            return self.step == 0
        return True

    def action_leave(self) -> None:
        self.app.exit()  # nothing was saved: run_tui forgets the new folder

    def action_next(self) -> None:
        """Enter: a highlighted radio answer is taken first (as space would), then the next step."""
        focused = self.focused
        if isinstance(focused, RadioSet):
            focused.action_toggle_button()
        self.action_step(1)

    def action_step(self, delta: int) -> None:
        if self.step + delta >= len(STEPS):
            self.action_save()
            return
        self.step = max(0, min(len(STEPS) - 1, self.step + delta))
        self.show_step()

    def action_save(self) -> None:
        if save_form(self):
            self.dismiss(True)


class SettingsScreen(RunStrengthScreen[bool]):
    PLACE_ACTION = "show_settings"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cleared = False  # a pain mark was cleared here (saved at once): Today plans again

    def compose_body(self) -> ComposeResult:
        w = self.workout
        pain = tuple(
            (st.exercise, w.catalog.get(st.exercise).name if st.exercise in w.catalog else st.exercise)
            for _, st in sorted(w.pain.items())
        )
        with VerticalScroll(id="settings-body"):
            yield ProfileForm(self.app.profile, pain=pain, settings=self.app.settings, id="form")
        yield Static("", id="error")

    def on_mount(self) -> None:
        self.sub_title = "Settings · ctrl+s saves · esc goes back"
        self.query_one("#level", RadioSet).focus()
        self.call_after_refresh(self._remember_fields)

    def _remember_fields(self) -> None:
        self.as_opened = self.query_one("#form", ProfileForm).state()

    def action_save(self) -> None:
        if save_form(self):
            self.notify("Settings saved; today's plan is updated.")
            self.dismiss(True)

    def action_cancel(self) -> None:
        """Esc: back at once when nothing was changed; else Save / Discard / Cancel."""
        opened = getattr(self, "as_opened", None)
        if opened is None or self.query_one("#form", ProfileForm).state() == opened:
            self.dismiss(self.cleared)
            return
        from .dialogs import ChoiceScreen

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self.dismiss(self.cleared)

        self.app.push_screen(
            ChoiceScreen(
                "Save your changes?",
                "You changed some settings. Save them, discard them, or go back to the form.",
                [("save", "Save", "s"), ("discard", "Discard", "d"), ("stay", "Cancel", "c")],
                cancel="stay",
            ),
            answer,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Clear a pain mark, after a confirmation naming the exercise (saved at once)."""
        if not (event.button.id or "").startswith("clear-"):
            return
        from .dialogs import confirm_clear_pain

        exercise = event.button.id.removeprefix("clear-")
        name = str(event.button.label).removeprefix("Clear pain: ")
        button = event.button

        def clear() -> None:
            saved = self.app.logbook.clear_pain(exercise, self.app.today())
            form = self.query_one("#form", ProfileForm)
            form.profile = form.profile.with_changes(pain_cleared=saved.pain_cleared)

        def cleared() -> None:
            button.remove()
            self.cleared = True

        confirm_clear_pain(self, name, clear, cleared)
