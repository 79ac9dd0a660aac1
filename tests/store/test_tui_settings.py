"""The app's own settings (signal, notification, beeps, theme) are a record of their own,
not part of the runner's profile, and are kept in the profile's document as before: a log
written before the split loads with its settings, saving either keeps the other, an export
carries them, and the schema takes documents with and without them."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date

from runstrength_tui.domain import schema
from runstrength_tui.domain.model import Profile, TuiSettings
from runstrength_tui.store.repo import Store

TODAY = date(2025, 3, 12)
WINDOW = schema.Window.for_today(TODAY)

# the profile document as a version from before the split wrote it (the settings among
# the profile's fields)
OLD_DOC = {
    **Profile(level="intermediate", target=3, block_start=date(2025, 2, 17)).to_doc(),
    "beeps": True,
    "signal": "bell",
    "notify": "always",
    "theme": "nord",
}


def write_old_log(folder) -> None:
    Store(folder).close()  # a log with its meta
    main = folder / "runstrength.json"
    tables = json.loads(main.read_text())
    tables["profile"] = {"1": OLD_DOC}
    main.write_text(json.dumps(tables))


def test_an_old_log_loads_with_its_settings_and_saving_the_profile_keeps_them(tmp_path):
    folder = tmp_path / "data"
    write_old_log(folder)
    with Store(folder) as store:
        assert store.settings() == TuiSettings(signal="bell", notify="always", beeps=True, theme="nord")
        profile = store.profile()
        assert (profile.level, profile.target) == ("intermediate", 3)
        store.save_profile(profile.with_changes(minutes=15))
    with Store(folder, write=False) as store:
        assert store.settings().theme == "nord" and store.settings().signal == "bell"
        assert store.profile().minutes == 15
        assert store.profile_doc() == {**OLD_DOC, "minutes": 15}  # the same document, nothing lost


def test_saving_the_settings_keeps_the_profile(tmp_path):
    folder = tmp_path / "data"
    write_old_log(folder)
    with Store(folder) as store:
        before = store.profile()
        assert store.save_settings(store.settings().with_changes(theme="gruvbox", beeps=False))
        assert store.profile() == before
        assert store.settings() == TuiSettings(signal="bell", notify="always", beeps=False, theme="gruvbox")


def test_settings_without_a_profile_write_nothing(tmp_path, folder_bytes):
    folder = tmp_path / "data"
    Store(folder).close()
    before = folder_bytes(folder)
    with Store(folder) as store:
        assert store.settings() == TuiSettings()
        assert store.save_settings(TuiSettings(theme="nord")) is False
        assert store.profile() is None
    assert folder_bytes(folder) == before


def test_the_schema_takes_profile_documents_with_and_without_the_settings():
    names = {f.name for f in schema.PROFILE.fields}
    assert names == {f.name for f in fields(Profile)} | {f.name for f in fields(TuiSettings)}
    assert not {f.name for f in fields(Profile)} & {f.name for f in fields(TuiSettings)}
    assert schema.PROFILE.problems(OLD_DOC, "profile", WINDOW) == []
    assert schema.PROFILE.problems(Profile().to_doc(), "profile", WINDOW) == []
    assert schema.PROFILE.problems({**OLD_DOC, "signal": "loud"}, "profile", WINDOW) != []


def test_an_export_carries_the_settings_into_a_new_log(tmp_path, cli):
    source, target = tmp_path / "source", tmp_path / "target"
    write_old_log(source)
    out = tmp_path / "export.json"
    assert cli("export", "-o", out, "--data-dir", source).code == 0
    exported = json.loads(out.read_text())["profile"]
    assert {k: exported[k] for k in ("signal", "notify", "beeps", "theme")} == {
        "signal": "bell",
        "notify": "always",
        "beeps": True,
        "theme": "nord",
    }
    assert cli("import", out, "--data-dir", target).code == 0
    with Store(target, write=False) as store:
        assert store.settings() == TuiSettings(signal="bell", notify="always", beeps=True, theme="nord")
        assert store.profile() == Profile.from_doc(OLD_DOC)
