"""Window state and the last profile are this computer's, per data folder, never synced."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.local_state import LocalFolders


def names_of(startup) -> dict[str, str]:
    return {p.name: p.id for p in startup.session.profiles.refresh()}


def test_each_data_folder_remembers_its_own_last_profile(
    start_app, tmp_path: Path, data_dir: Path
) -> None:
    other = tmp_path / "other-data"
    for folder, names in ((data_dir, ("Sam", "Kim")), (other, ("Alex", "Jo"))):
        startup = start_app("--profile", names[0], data=folder)
        startup.session.create_profile(names[1])
        startup.window.close()
        startup.shutdown()
    assert start_app().session.profile.name == "Kim"
    assert start_app(data=other).session.profile.name == "Jo"
    state = LocalFolders.of_this_computer().state
    assert len(list(state.glob("ui-state-*.ini"))) == 2
    assert not (data_dir / "ui-state.ini").exists() and not (other / "ui-state.ini").exists()


def test_an_old_ui_state_in_the_data_folder_is_read_once_and_left_alone(
    start_app, data_dir: Path
) -> None:
    first = start_app("--profile", "Sam")
    ids = names_of(first)
    first.session.create_profile("Alex")
    first.window.close()
    first.shutdown()
    for path in LocalFolders.of_this_computer().state.glob("ui-state-*.ini"):
        path.unlink()  # as if this computer had only ever run the version before
    old = data_dir / "ui-state.ini"
    written = QSettings(str(old), QSettings.Format.IniFormat)
    written.setValue("last_profile", ids["Sam"])
    written.sync()
    before = old.read_bytes()

    second = start_app()
    assert second.session.profile.name == "Sam"  # the last profile of the old file
    second.window.switch_profile(names_of(second)["Alex"])
    second.window.close()
    second.shutdown()
    assert old.read_bytes() == before

    # From now on the new file decides; the old one is not read again.
    assert start_app().session.profile.name == "Alex"
    assert old.read_bytes() == before
