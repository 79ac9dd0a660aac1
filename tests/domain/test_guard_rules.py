"""The guard's rule table: one line per rule, each said by a check."""

from __future__ import annotations

from runstrength_tui.domain.guard import RULES, code_words


def test_every_code_is_one_rule_with_its_own_words():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    words = [r.words for r in RULES]
    assert len(words) == len(set(words)), "two rules that read the same cannot be told apart"
    assert all(code_words(r.code) == r.words for r in RULES)


def test_every_rule_is_checked_through_the_table():
    """No rule is called by hand from elsewhere: each has a check in the table (the
    running rules too), so ``check_set``, ``check_session`` and ``review`` run them all."""
    for rule in RULES:
        checks = [c for c in (rule.on_set, rule.on_session, rule.on_week) if c is not None]
        assert checks, f"{rule.code} is in the table but no check says it"
