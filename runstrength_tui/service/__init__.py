"""The one service both front ends use (layer: ui | cli -> service -> store -> domain).

`log` is the opened log (the only door to the data folder for the front ends);
`context` builds what the coach needs for a day (plan, guard, review) from the log;
`runs` imports watch files and reads the running days;
`session` follows today's session on the floor (the TUI's Workout: plan, progress, logging);
`data` works on the data folder as a whole (where it is, exports to import, backups, restore);
`demo` builds the throwaway demo log.
"""

from .context import (
    ENV_TODAY,
    HISTORY_DAYS,
    PAIN_DAYS,
    REVIEW_DAYS,
    SESSION_WEEKS,
    Context,
    Status,
    attach_warnings,
    catalog,
    clear_pain,
    clear_pain_question,
    default_profile,
    history_rows,
    history_since,
    make_sets,
    now,
    recent_history_rows,
    shipped_files,
    status,
    today,
    week_review,
)
from .log import (
    AlreadyRunningError,
    CorruptFileError,
    Log,
    LogError,
    NewerSchemaError,
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
    "Context",
    "Status",
    "attach_warnings",
    "catalog",
    "clear_pain",
    "clear_pain_question",
    "default_profile",
    "history_rows",
    "history_since",
    "make_sets",
    "now",
    "recent_history_rows",
    "remember_shown",
    "shipped_files",
    "stamped_on",
    "status",
    "today",
    "week_review",
    "Item",
    "Workout",
    "last_time_text",
]
