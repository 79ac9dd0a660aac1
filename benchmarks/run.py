"""runstrength benchmarks: whole-process timings as ratios against baselines in the same run.

    python benchmarks/run.py            # the full run (about 3–4 minutes on 2 cores)
    python benchmarks/run.py --quick    # small histories, few repeats, loose bounds (the test suite's smoke run)

Prints a table: measurement, median, baseline median, ratio, target, pass/fail. The target
printed is the bound checked (--quick loosens most of them ×3 and prints the loosened bound).
Exits 1 if any target is missed. Rows named "terminal:" run the real program in a 100×30
pseudo-terminal the benchmark drives (see ptydrive.py) and time what a person sees: exec →
the first frame showing Today, and a key → the frame showing its effect.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TODAY = date(2026, 11, 25)

BARE = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hello, runner")
            yield Footer()
    """
)

# Headless, as the same app timed two ways: to its first painted frame (the frame Textual
# hands its driver that shows the screen whole: for the bare app its text *and* its footer
# key, which the Footer composes a refresh later, as the terminal rows wait for it; for
# runstrength, Today with its keys), printed as seconds since the parent spawned it; and
# the whole process (start, paint, exit), for memory and for the row without a target.
PAINTED = textwrap.dedent(
    """
    import atexit, os, signal, time
    from textual.app import App

    signal.alarm(60)  # a program that never paints ends (the benchmark says which) rather than hangs

    def _peak_rss():  # this program's own peak (VmHWM starts again at exec; ru_maxrss would
        # include the parent's memory at the fork)
        with open("/proc/self/status") as status:
            kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        print(f"rss {kib}", flush=True)

    atexit.register(_peak_rss)
    _display = App._display

    def _timed_display(self, screen, renderable):
        _display(self, screen, renderable)
        if renderable is not None and not getattr(self, "_bench_first", False):
            self._bench_first = True
            print(f"first {time.monotonic() - float(os.environ['BENCH_SPAWN'])}", flush=True)
        if renderable is not None and not getattr(self, "_bench_painted", False) and painted(screen):
            self._bench_painted = True
            print(f"painted {time.monotonic() - float(os.environ['BENCH_SPAWN'])}", flush=True)
            self.call_later(self.exit)

    App._display = _timed_display
    """
)

BARE_APP = (
    PAINTED
    + BARE
    + textwrap.dedent(
        """
    from textual.widgets._footer import FooterKey

    def painted(screen):
        return any(key.size.width for key in screen.query(FooterKey))

    Bare().run(headless=True, size=(100, 30))
    """
    )
)

# ... and started as a person starts a program in a terminal (no headless, no exit).
BARE_TERMINAL_APP = BARE + "\nBare().run()\n"

RUNSTRENGTH_APP = PAINTED + textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from runstrength_tui.service import Log
    from runstrength_tui.ui.app import RunStrengthApp
    from runstrength_tui.ui.screens.today import TodayScreen
    from runstrength_tui.ui.widgets.keys_bar import KeysBar

    def painted(screen):
        return isinstance(screen, TodayScreen) and any(bar.size.width and bar.keys for bar in screen.query(KeysBar))

    store = Log(Path(sys.argv[1]))
    try:
        RunStrengthApp(store).run(headless=True, size=(100, 30))
    finally:
        store.close()
    """
)


class Run(NamedTuple):
    wall: float  # s, the whole process
    rss: int  # KiB, its peak
    painted: float | None = None  # s from spawn to the frame showing the whole screen (TUI scripts)
    first: float | None = None  # s from spawn to its first frame (TUI scripts)


def run_process(argv: list[str], env: dict) -> Run:
    """One whole process, timed (the TUI scripts above also say when they painted, and
    their own peak RSS: the kernel's ru_maxrss of a child counts the parent's memory at the
    fork)."""
    env = {**env, "BENCH_SPAWN": repr(time.monotonic())}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=errors)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.stdout.close()
        proc.returncode = 0
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(
                f"benchmark process failed ({os.waitstatus_to_exitcode(status)}): {argv}\n"
                f"{errors.read().decode(errors='replace')[-2000:]}"
            )
    said = dict(
        line.split(" ", 1) for line in out.decode().splitlines() if line.startswith(("painted ", "first ", "rss "))
    )
    return Run(
        elapsed,
        int(said["rss"]) if "rss" in said else usage.ru_maxrss,
        float(said["painted"]) if "painted" in said else None,
        float(said["first"]) if "first" in said else None,
    )


def interleaved(commands: dict[str, list[str]], env: dict, repeats: int) -> dict[str, Run]:
    """Run each command `repeats` times, interleaved so machine noise hits all alike; the
    medians of what each run measured."""
    runs: dict[str, list[Run]] = {k: [] for k in commands}
    for _ in range(repeats):
        for name, argv in commands.items():
            runs[name].append(run_process(argv, env))

    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    return {k: Run(*(median(column) for column in zip(*got))) for k, got in runs.items()}


def painted(run: Run, argv_name: str) -> float:
    if run.painted is None:
        raise SystemExit(f"benchmark: {argv_name} ran but never said it painted its screen")
    return run.painted


TODAY_PAINTED = ("STRENGTH DAY", "q Quit")  # Today's plan and its footer (a strength day for every log here)


def terminal_starts(
    commands: dict[str, tuple[list[str], tuple[str, ...], bytes]], env: dict, repeats: int
) -> dict[str, list[float]]:
    """Seconds from exec to the first frame showing the needles, each program in its own
    100×30 pseudo-terminal; interleaved so machine noise hits all alike."""
    from ptydrive import time_to_frame

    times = {k: [] for k in commands}
    for _ in range(repeats):
        for name, (argv, needles, quit_keys) in commands.items():
            times[name].append(time_to_frame(argv, env, needles, quit_keys))
    return times


def tmux_starts(
    commands: dict[str, tuple[list[str], tuple[str, ...], bytes]], env: dict, repeats: int, work: Path
) -> dict[str, float] | None:
    """The median seconds from exec to the first screen tmux shows with the needles, each
    program in a new 100×30 tmux window, interleaved; None when tmux is not installed."""
    import tmuxdrive

    if not tmuxdrive.available():
        return None
    keys = {b"\x11": "C-q", b"q": "q"}  # the quit keys, as tmux names them
    tmux = tmuxdrive.Tmux(work)
    times: dict[str, list[float]] = {k: [] for k in commands}
    try:
        for _ in range(repeats):
            for name, (argv, needles, quit_keys) in commands.items():
                times[name].append(tmux.time_to_frame(argv, env, needles, keys[quit_keys]))
    finally:
        tmux.close()
    return {k: statistics.median(v) for k, v in times.items()}


def keystroke_latency(argv: list[str], env: dict, samples: int) -> dict[str, list[float]]:
    """Key → the frame that shows its effect, in a pseudo-terminal: Today → Week and Today →
    History (to their content), and typing in the log dialog (each key re-runs the guard)."""
    from ptydrive import Pty

    term = Pty(argv, env)
    out = {"week": [], "history": [], "log": []}
    try:
        term.wait_for(*TODAY_PAINTED)
        term.settle(0.5)
        for _ in range(samples):
            t = term.send("w")
            out["week"].append(term.wait_for("Your week", "Sessions a week") - t)
            term.settle(0.1)
            term.send("\x1b")
            term.wait_for("STRENGTH DAY")
            term.settle(0.2)
            t = term.send("h")
            out["history"].append(term.wait_for("sessions · enter opens") - t)
            term.settle(0.1)
            term.send("\x1b")
            term.wait_for("STRENGTH DAY")
            term.settle(0.2)
        term.send("l")
        term.wait_for("Log set 1 of", "▊  15")
        term.settle(0.3)
        term.send("\x1b[F")  # end: the focused field's text is selected; the cursor goes after it
        term.settle(0.3)
        for i in range(samples):
            digit = str(i % 9 + 1)
            t = term.send(digit)  # reps 15 → 15d: a new value for the guard
            out["log"].append(term.wait_for(f"▊  15{digit}") - t)
            term.settle(0.05)
            t = term.send("\x7f")  # backspace: back to 15
            out["log"].append(term.wait_for("▊  15 ") - t)
            term.settle(0.05)
    finally:
        term.close([b"\x1b", b"q"])
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def log_set_cost(folder: Path, repeats: int) -> float:
    """Median seconds of Store.log_set (durable on disk when it returns)."""
    from datetime import datetime

    from runstrength_tui.domain.model import SetRecord
    from runstrength_tui.store.repo import Store, new_id

    timings = []
    with Store(folder) as store:
        now = datetime.combine(TODAY, datetime.min.time()).replace(hour=19)
        session = store.start_session(TODAY, now)
        for i in range(repeats):
            record = SetRecord(
                id=new_id(),
                session=session.id,
                exercise="goblet-squat",
                date=TODAY,
                logged_at=now,
                reps=12,
                load_kg=12.0,
            )
            t = time.perf_counter()
            store.log_set(record)
            timings.append(time.perf_counter() - t)
            if i % 18 == 17:  # a session is ~18 sets: fold it and open the next, as a runner would
                store.finish_session(now, rpe=7, minutes=19)
                session = store.start_session(TODAY, now)
        store.finish_session(now, rpe=7, minutes=19)
    return statistics.median(timings)


def timer_accuracy(seconds: float, pause_for: float) -> float:
    """A real-clock rest timer with a pause/resume while the UI re-renders constantly:
    how late (s) its end was handled after its monotonic deadline."""
    import synth

    from runstrength_tui.service import Log
    from runstrength_tui.ui.app import RunStrengthApp

    folder = Path(tempfile.mkdtemp(prefix="rs-bench-timer-"))
    synth.build(folder, 4, TODAY)
    store = Log(folder)
    app = RunStrengthApp(store, clock=time.monotonic, today=lambda: TODAY)

    async def scenario() -> float:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            busy = app.set_interval(0.02, app.workout_changed)  # keep the UI busy re-rendering
            app.timers.start_rest(seconds, "next")
            app.timer_controller.schedule()
            await asyncio.sleep(seconds / 3)
            app.action_pause_timer()
            await asyncio.sleep(pause_for)
            app.action_pause_timer()
            deadline = app.timers.active.countdown.deadline()
            while app.timers.active is not None:
                await asyncio.sleep(0.01)
            busy.stop()
            return app.timer_finished_at["rest"] - deadline

    try:
        return asyncio.run(scenario())
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small histories, loose bounds (smoke test)")
    args = parser.parse_args(argv)
    import synth

    quick = args.quick
    repeats = 3 if quick else 9
    histories = {"empty": 0, "1 month": 4, "1 year": 52, "10 years": 520}
    if quick:
        histories = {"empty": 0, "1 month": 4, "1 year": 52}
    big = "1 year" if quick else "10 years"
    loose = 3.0 if quick else 1.0  # the smoke run only checks that nothing has gone badly wrong

    # An installed wheel has its bytecode compiled by pip; a checkout run with
    # PYTHONDONTWRITEBYTECODE set (as on this machine) would recompile every module in every
    # process. Compile once, so the processes below measure what a user's install does.
    import compileall

    compileall.compile_dir(str(ROOT / "runstrength_tui"), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="rs-bench-"))
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    t0 = time.perf_counter()
    try:
        dirs = {name: synth.build(work / name.replace(" ", "-"), weeks, TODAY) for name, weeks in histories.items()}
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RUNSTRENGTH_TODAY": TODAY.isoformat()}
        env.pop("RUNSTRENGTH_DATA_DIR", None)
        py = sys.executable
        bare = work / "bare.py"
        bare.write_text(BARE_APP)
        tui = work / "tui.py"
        tui.write_text(RUNSTRENGTH_APP)
        rows = []

        def row(what, median, base, ratio, target, ok, unit="s"):
            rows.append((what, median, base, ratio, target, ok, unit))

        # 1-3: TUI start and memory, against a bare Textual app started the same way
        tui_runs = interleaved(
            {
                "bare": [py, str(bare)],
                "tui-empty": [py, str(tui), str(dirs["empty"])],
                "tui-big": [py, str(tui), str(dirs[big])],
            },
            env,
            repeats,
        )
        b, e, g = tui_runs["bare"], tui_runs["tui-empty"], tui_runs["tui-big"]
        bp, ep, gp = painted(b, "the bare app"), painted(e, "the TUI (empty log)"), painted(g, f"the TUI ({big} log)")
        row(f"TUI start to painted Today, {big} log", gp, bp, gp / bp, 1.3 * loose, gp / bp <= 1.3 * loose)
        row(f"TUI start, {big} vs empty log", gp, ep, gp / ep, 1.1 * loose, gp / ep <= 1.1 * loose)
        row("  … against the bare app's first frame (keys not yet drawn)", gp, b.first, gp / b.first, "—", True)
        row(f"TUI whole process (start, paint, exit), {big} log", g.wall, b.wall, g.wall / b.wall, "—", True)
        row(
            f"TUI peak RSS, {big} log (MiB)",
            g.rss / 1024,
            b.rss / 1024,
            g.rss / b.rss,
            1.5 * loose,
            g.rss / b.rss <= 1.5 * loose,
            "MiB",
        )

        # In a real (pseudo-)terminal, 100×30, as a person starts it: exec → the first frame
        # showing Today's plan and its footer keys, against the bare app's first frame showing
        # its text and its footer key (a Footer shows its keys one refresh after the rest: both
        # sides wait for it)
        bare_terminal = work / "bare_terminal.py"
        bare_terminal.write_text(BARE_TERMINAL_APP)
        env_terminal = {**env, "RUNSTRENGTH_CACHE_DIR": str(work / "cache")}
        app = [py, "-m", "runstrength_tui"]
        starts = {
            "bare": ([py, str(bare_terminal)], ("Hello, runner", "^p palette"), b"\x11"),
            "empty": (app + ["--data-dir", str(dirs["empty"])], TODAY_PAINTED, b"q"),
            "big": (app + ["--data-dir", str(dirs[big])], TODAY_PAINTED, b"q"),
            "demo": (app + ["--demo"], TODAY_PAINTED, b"q"),
        }
        terminal_starts(starts, env_terminal, 1)  # warm-up: the catalog's and the demo's cache
        starts_med = {
            k: statistics.median(v) for k, v in terminal_starts(starts, env_terminal, 1 if quick else repeats).items()
        }
        for key, label, target in (("empty", "empty log", 1.2), ("big", f"{big} log", 1.3), ("demo", "--demo", 1.3)):
            ratio = starts_med[key] / starts_med["bare"]
            row(
                f"terminal: exec to painted Today, {label}",
                starts_med[key],
                starts_med["bare"],
                ratio,
                target * loose,
                ratio <= target * loose,
            )
        # The same starts in tmux, a real terminal emulator, when it is installed: exec → the
        # first screen tmux shows with Today's plan and its keys (its own screen, read with
        # capture-pane), against the bare app's with its text and footer key; interleaved
        tmux_med = tmux_starts(starts, env_terminal, 1 if quick else repeats, work)
        if tmux_med is None:
            row("tmux: not installed, its rows are skipped", None, None, None, "—", True)
        for key, label, target in (("empty", "empty log", 1.25), ("big", f"{big} log", 1.25), ("demo", "--demo", 1.25)):
            if tmux_med is not None:
                ratio = tmux_med[key] / tmux_med["bare"]
                row(
                    f"tmux: exec to painted Today, {label}",
                    tmux_med[key],
                    tmux_med["bare"],
                    ratio,
                    target * loose,
                    ratio <= target * loose,
                )

        # The rows above start as a runner does on most days: the year files unchanged since
        # they were last read (checked once, see store/check_cache.py). The first start after they
        # changed checks them again: shown, with no target.
        cold = []
        for _ in range(1 if quick else 3):
            shutil.rmtree(work / "cache" / "checked", ignore_errors=True)
            cold += terminal_starts({"big": starts["big"]}, env_terminal, 1)["big"]
        m = statistics.median(cold)
        row(
            f"terminal: exec to painted Today, {big} log just changed",
            m,
            starts_med["bare"],
            m / starts_med["bare"],
            "—",
            True,
        )

        # Keystroke to frame in the terminal, big log: the log dialog (the guard re-runs on
        # each key), Today → Week and Today → History (to their content)
        keys = keystroke_latency(app + ["--data-dir", str(dirs[big])], env_terminal, 3 if quick else 20)
        row(f"terminal: Today → Week, {big} log, first open (plans the week)", keys["week"][0], None, None, "—", True)
        for key, label, median_bound, p95_bound in (
            ("log", "a key in the log dialog", 0.05, 0.1),
            ("week", "Today → Week", 0.15, None),
            ("history", "Today → History", 0.15, None),
        ):
            m, p95 = statistics.median(keys[key]), percentile(keys[key], 95)
            row(
                f"terminal: {label}, {big} log, median of {len(keys[key])}",
                m,
                None,
                None,
                f"≤ {median_bound * loose * 1000:.0f} ms",
                m <= median_bound * loose,
            )
            row(
                f"terminal: {label}, {big} log, 95th percentile",
                p95,
                None,
                None,
                f"≤ {p95_bound * loose * 1000:.0f} ms" if p95_bound else "—",
                p95 <= p95_bound * loose if p95_bound else True,
            )

        # 4: one durable log_set call, big history vs 1 month
        n = 40 if quick else 120
        month_cost = log_set_cost(dirs["1 month"], n)
        big_cost = log_set_cost(dirs[big], n)
        row(
            f"log one set (store call), {big} vs 1 month",
            big_cost,
            month_cost,
            big_cost / month_cost,
            1.5 * loose,
            big_cost / month_cost <= 1.5 * loose,
        )
        row(f"log one set, {big} log, median", big_cost, None, None, f"< {15 * loose:.0f} ms", big_cost < 0.015 * loose)

        # 5-6: CLI whole processes
        cli = [py, "-m", "runstrength_tui"]
        cli_runs = interleaved(
            {
                "imports": [py, "-c", "import tinydb, platformdirs"],
                "status-month": cli + ["--data-dir", str(dirs["1 month"]), "status"],
                "status-big": cli + ["--data-dir", str(dirs[big]), "status"],
                "log-month": cli + ["--data-dir", str(dirs["1 month"]), "log", "calf-raise", "--reps", "15"],
                "log-big": cli + ["--data-dir", str(dirs[big]), "log", "calf-raise", "--reps", "15"],
            },
            env,
            repeats,
        )
        for cmd in ("log", "status"):
            big_t, month_t = cli_runs[f"{cmd}-big"].wall, cli_runs[f"{cmd}-month"].wall
            row(
                f"`runstrength {cmd}` process, {big} vs 1 month",
                big_t,
                month_t,
                big_t / month_t,
                2.0 * loose,
                big_t / month_t <= 2.0 * loose,
            )
        st, imp = cli_runs["status-month"].wall, cli_runs["imports"].wall
        row(
            "`runstrength status` process, 1 month vs importing tinydb+platformdirs",
            st,
            imp,
            st / imp,
            3.0 * loose,
            st / imp <= 3.0 * loose,
        )

        # 7-9: imported runs: `runs import` of daily files, then `today` and the TUI start with
        # that history against the same log without runs
        run_days = 60 if quick else 1826  # 5 years of daily runs
        files = synth.run_files(work / "run-files", run_days, TODAY)
        no_runs = dirs["1 month"]
        with_runs = work / "1-month-and-runs"
        shutil.copytree(no_runs, with_runs, ignore=shutil.ignore_patterns("*.lock"))
        t_import = run_process(cli + ["--data-dir", str(with_runs), "runs", "import", str(files)], env).wall
        bound = 60.0
        row(
            f"`runs import` of {run_days} generated files ({run_days / 365:.1f} years, daily)",
            t_import,
            None,
            None,
            f"< {bound:.0f} s",
            t_import < bound,
        )
        # FIT decoding per MB: the real files in tests/data/watch, read in this process (CPU
        # time; the bound is a 380 KB file in < 0.3 s, i.e. < 0.8 s per MB)
        from runstrength_tui.store.fit_reader import FitError, read_messages

        blobs = [
            p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "watch").iterdir()) if p.suffix.lower() == ".fit"
        ]
        megabytes = sum(map(len, blobs)) / 2**20
        cpu = time.process_time()
        for blob in blobs:
            try:
                read_messages(blob)
            except FitError:
                pass
        per_mb = (time.process_time() - cpu) / megabytes
        row(
            f"FIT decoding, {len(blobs)} real files ({megabytes:.1f} MB), CPU per MB",
            per_mb,
            None,
            None,
            "< 0.8 s",
            per_mb < 0.8,
        )
        runs_cmp = interleaved(
            {
                "today-none": cli + ["--data-dir", str(no_runs), "today"],
                "today-runs": cli + ["--data-dir", str(with_runs), "today"],
                "tui-none": [py, str(tui), str(no_runs)],
                "tui-runs": [py, str(tui), str(with_runs)],
            },
            env,
            1 if quick else repeats,
        )  # the smoke run only checks that the rows work
        for what, key in (("`runstrength today` process", "today"), ("TUI start to painted Today", "tui")):
            with_run, without_run = runs_cmp[f"{key}-runs"], runs_cmp[f"{key}-none"]
            if key == "tui":
                with_t, without_t = painted(with_run, "the TUI (runs)"), painted(without_run, "the TUI (no runs)")
            else:
                with_t, without_t = with_run.wall, without_run.wall
            row(
                f"{what}, {run_days / 365:.1f} years of runs vs none",
                with_t,
                without_t,
                with_t / without_t,
                1.2 * loose,
                with_t / without_t <= 1.2 * loose,
            )

        # 10: a rest timer with a pause/resume, real clock, busy UI
        seconds, pause = (2.0, 0.5) if quick else (60.0, 3.0)
        late = timer_accuracy(seconds, pause)
        bound = 0.2 if quick else 0.05
        row(
            f"{seconds:g} s rest timer + pause/resume, busy UI: end after deadline",
            late,
            None,
            None,
            f"< {bound * 1000:.0f} ms",
            0 <= late < bound,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        f"\nrunstrength benchmarks ({'quick: loose bounds' if quick else 'full'}; medians of {repeats} runs; "
        f"{os.cpu_count()} cores; load average {load_before} before, "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} after; {time.perf_counter() - t0:.0f} s)\n"
    )
    head = f"{'measurement':<66} {'median':>10} {'baseline':>10} {'ratio':>7} {'target':>9}  result"
    print(head)
    print("-" * len(head))
    failed = 0
    for what, median, base, ratio, target, ok, unit in rows:
        fmt = (lambda v: f"{v:.1f}") if unit == "MiB" else (lambda v: f"{v * 1000:.1f} ms")
        target_text = target if isinstance(target, str) else f"≤ {target:.2f}×"
        print(
            f"{what:<66} {fmt(median) if median is not None else '—':>10} {fmt(base) if base is not None else '—':>10} "
            f"{f'{ratio:.2f}×' if ratio is not None else '—':>7} {target_text:>9}  {'pass' if ok else 'FAIL'}"
        )
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
