"""The one service both front ends use (layer: ui | cli -> service -> store -> domain).

`context` builds what the coach needs for a day (plan, guard, review) from the log;
`runs` imports watch files and reads the running days.
"""

from .context import (
    ENV_TODAY,
    HISTORY_DAYS,
    PAIN_DAYS,
    SESSION_WEEKS,
    Context,
    Status,
    attach_warnings,
    clear_pain,
    clear_pain_question,
    default_profile,
    history_rows,
    history_since,
    make_sets,
    now,
    status,
    today,
)

__all__ = [
    "ENV_TODAY", "HISTORY_DAYS", "PAIN_DAYS", "SESSION_WEEKS", "Context", "Status", "attach_warnings",
    "clear_pain", "clear_pain_question", "default_profile", "history_rows", "history_since", "make_sets",
    "now", "status", "today",
]
