"""The shipped data: read once, through the store, and handed to the domain parsed."""

from __future__ import annotations

from datetime import date

import pytest

from runstrength_tui.domain.catalog import CatalogError
from runstrength_tui.domain.model import Profile
from runstrength_tui.domain.plan import today_plan
from runstrength_tui.store.shipped import data_file, load_catalog, load_catalog_file, load_programs, shipped_files


def test_the_shipped_catalog_carries_the_shipped_programs_parsed_once():
    catalog = load_catalog()
    assert load_catalog() is catalog
    assert load_programs(catalog) is catalog.programs  # no second parse for the planner
    assert set(catalog.programs.templates) == {"beginner", "intermediate", "advanced"}
    assert [p.name for p in shipped_files()] == ["exercises.toml", "programs.toml"]


def test_a_catalog_without_programs_says_so_when_asked_to_plan():
    bare = load_catalog_file(data_file("exercises.toml"))
    with pytest.raises(CatalogError, match="no program templates"):
        today_plan(date(2026, 3, 2), Profile(), [], [], bare)
    # given its programs, the same catalog plans the same day as the shipped one
    day = date(2026, 3, 2)
    ours = today_plan(day, Profile(), [], [], bare, load_programs(bare))
    assert ours == today_plan(day, Profile(), [], [], load_catalog())
