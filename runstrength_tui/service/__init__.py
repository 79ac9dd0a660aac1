"""The one service both front ends use (layer: ui | cli -> service -> store -> domain).

`log` is the opened log (the only door to the data folder for the front ends);
`coach_inputs` reads what the coach (``domain.coach``) needs on a day from the log, and
keeps the week review until the log changes;
`clock` says what day it is (RUNSTRENGTH_TODAY pins it);
`history` makes History's rows;
`runs` imports watch files and reads the running days;
`session` follows today's session on the floor (the TUI's Workout: plan, progress, logging);
`data` works on the data folder as a whole (where it is, exports to import, backups, restore);
`demo` builds the throwaway demo log.
"""

from ..domain.coach import Coach, Status
from ..domain.profile import default_profile
from ..domain.words import clear_pain_question
from .clock import ENV_TODAY, now, today
from .coach_inputs import (
    HISTORY_DAYS,
    PAIN_DAYS,
    REVIEW_DAYS,
    SESSION_WEEKS,
    catalog,
    history_since,
    load_coach,
    shipped_files,
    week_review,
)
from .history import history_rows, recent_history_rows
from .log import (
    AlreadyRunningError,
    CorruptFileError,
    Log,
    LogError,
    NewerSchemaError,
    make_sets,
    new_id,
    remember_shown,
    stamped_on,
)
from .session import Item, Workout, last_time_text

__all__ = [
    "AlreadyRunningError",
    "CorruptFileError",
    "Log",
    "LogError",
    "NewerSchemaError",
    "new_id",
    "ENV_TODAY",
    "HISTORY_DAYS",
    "PAIN_DAYS",
    "REVIEW_DAYS",
    "SESSION_WEEKS",
    "Coach",
    "Status",
    "catalog",
    "clear_pain_question",
    "default_profile",
    "history_rows",
    "history_since",
    "load_coach",
    "make_sets",
    "now",
    "recent_history_rows",
    "remember_shown",
    "shipped_files",
    "stamped_on",
    "today",
    "week_review",
    "Item",
    "Workout",
    "last_time_text",
]
