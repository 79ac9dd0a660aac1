"""How to do an exercise: steps, cues, mistakes, variations, muscles, why it helps."""

from __future__ import annotations

from collections.abc import Callable

from rich.markdown import Markdown
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from .base import BACK, RunStrengthScreen


def exercise_markdown(ex, catalog, in_session: bool) -> str:
    equipment = ", ".join(ex.equipment) or "bodyweight"
    lines = [
        f"# {ex.name}",
        "",
        f"*{ex.kind} · {ex.level} · {equipment}* — default {ex.prescription_text}, rest {ex.rest} s",
        "",
    ]
    if ex.intensity:
        lines += [f"**Intensity:** {ex.intensity}", ""]
    lines += [f"**Why it helps a runner:** {ex.why}", "", "## Steps", ""]
    lines += [f"{i}. {step}" for i, step in enumerate(ex.steps, 1)]
    lines += ["", "## Form cues", ""] + [f"- {c}" for c in ex.cues]
    lines += ["", "## Common mistakes", ""] + [f"- ✗ {m}" for m in ex.mistakes]
    lines += ["", "## Variations", ""]
    for key, word in (("easier", "Easier"), ("harder", "Harder")):
        ref, text = getattr(ex, key), getattr(ex, f"{key}_text")
        if ref:
            hint = (
                f" — press **{'[' if key == 'easier' else ']'}** to use it today"
                if in_session
                else f" — press **{'[' if key == 'easier' else ']'}** to open it"
            )
            lines.append(f"- {word}: **{catalog.get(ref).name}**{hint}")
        else:
            lines.append(f"- {word}: {text}")
    lines += ["", f"**Main muscles:** {', '.join(ex.muscles)}"]
    return "\n".join(lines)


class Instructions(Static):
    """The how-to as one block of text (Rich's Markdown), drawn with the screen's first
    frame: Textual's Markdown widget mounts a widget per paragraph after it, which left
    the screen blank for a second on a loaded machine. ``source`` is the Markdown."""

    source = ""

    def show(self, markdown: str) -> None:
        self.source = markdown
        self.update(Markdown(markdown))


class HowToScroll(VerticalScroll):
    """The how-to's scroll: a key pressed before the first layout (nothing to scroll yet)
    acts once the text is laid out, instead of being lost."""

    def on_mount(self) -> None:
        self._laid_out = False
        self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        self._laid_out = True

    def when_laid_out(self, act: Callable[[], object]) -> None:
        if getattr(self, "_laid_out", False):
            act()
        else:
            self.call_after_refresh(self.when_laid_out, act)

    def action_scroll_up(self) -> None:
        self.when_laid_out(lambda: self.scroll_up())

    def action_scroll_down(self) -> None:
        self.when_laid_out(lambda: self.scroll_down())

    def action_page_up(self) -> None:
        self.when_laid_out(lambda: self.scroll_page_up())

    def action_page_down(self) -> None:
        self.when_laid_out(lambda: self.scroll_page_down())

    def action_scroll_home(self) -> None:
        self.when_laid_out(lambda: self.scroll_home(animate=False))

    def action_scroll_end(self) -> None:
        self.when_laid_out(lambda: self.scroll_end(animate=False))


class ExerciseScreen(RunStrengthScreen[None]):
    """Opened from Today (variations switch today's exercise) or from the library."""

    BINDINGS = [
        BACK,
        Binding("left_square_bracket", "variation('easier')", "Easier", key_display="["),
        Binding("right_square_bracket", "variation('harder')", "Harder", key_display="]"),
        # before the scroll has the focus (the first instant), the screen passes them on
        Binding("end", "scroll('end')", "End", show=False),
        Binding("home", "scroll('home')", "Top", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
        Binding("down", "scroll('down')", "Down", show=False),
        Binding("up", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, exercise_id: str, in_session: bool = False) -> None:
        super().__init__()
        self.exercise_id = exercise_id
        self.in_session = in_session

    def compose_body(self) -> ComposeResult:
        # The Markdown sits in a focused scroll container: arrows, PgUp/PgDn, Home/End and
        # the wheel reach the last section, and the scrollbar shows there is more.
        with HowToScroll(id="instructions-scroll"):
            yield Static(id="story")
            yield Instructions(id="instructions")

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "variation":
            return bool(getattr(self.workout.catalog.get(self.exercise_id), parameters[0]))
        return True

    def action_scroll(self, where: str) -> None:
        box = self.query_one("#instructions-scroll", HowToScroll)
        action = {"end": "scroll_end", "home": "scroll_home", "down": "scroll_down", "up": "scroll_up"}
        getattr(box, f"action_{action.get(where, where)}")()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        catalog = self.workout.catalog
        ex = catalog.get(self.exercise_id)
        self.sub_title = f"How to: {ex.name}"
        self.query_one(Instructions).show(exercise_markdown(ex, catalog, self.in_session))
        self.show_story()
        box = self.query_one("#instructions-scroll", HowToScroll)
        box.scroll_home(animate=False)
        box.focus()
        self.refresh_bindings()  # [ and ] shown only when that variation exists

    def show_story(self) -> None:
        """From the library: the runner's sets of it over time, above the how-to (in a
        session the how-to stays first; nothing is shown before the first set)."""
        story_box = self.query_one("#story", Static)
        story = None if self.in_session else self.app.logbook.exercise_story(self.exercise_id)
        story_box.display = bool(story and story.points)
        if story and story.points:
            width = max(40, (self.size.width or 80) - 6)
            small = (self.app.size.height or 24) < 30
            text = Text("Your history\n", style="bold")
            text.append("\n".join(story.lines(width, height=4 if small else 6)))
            story_box.update(text)

    def on_resize(self) -> None:
        if self.query_one("#story", Static).display:
            self.show_story()

    def action_variation(self, which: str) -> None:
        catalog = self.workout.catalog
        target = getattr(catalog.get(self.exercise_id), which)
        if not target:
            self.notify(f"The catalog has no {which} variation of this one.", severity="warning")
            return
        new = catalog.get(target)
        if self.in_session:
            profile = self.app.profile
            if not new.suits(profile.level) or not new.available_with(
                tuple(e for e in profile.equipment if e != "none")
            ):
                self.notify(
                    f"{new.name} is not for your level or equipment; staying with this one.", severity="warning"
                )
                return
            self.workout.switch_variation(target)
            self.app.workout_changed()
            self.notify(f"Today's session now uses {new.name}.")
        self.exercise_id = target
        self.show()
