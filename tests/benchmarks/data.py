"""Profiles for the benchmarks, made once per run from the demo generator.

``make_demo_folder`` makes a data folder the way ``--demo --demo-years N`` does (the same
service, seed and layout), written as this run's computer (``BENCH_DEVICE``), whose identity
the children find in their own config folder. ``stage_other_computer`` writes what another
computer's save delivers: its own month file, kept apart until a child moves it in.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_app.domain.demo import five_year
from desktop_app.paths import resources_dir
from desktop_app.services.clock import system_clock
from desktop_app.services.demo import open_demo_profile, store_history
from desktop_app.services.journal_settings import system_zone_name
from desktop_app.services.session import Session
from desktop_app.storage.device import Device, save_device

BENCH_DEVICE = Device("d-00000000000000be", "Benchmark")
LAPTOP = Device("d-00000000000001a2", "The laptop")
LAPTOP_WIN = "Came back to the breath, from the laptop"

SEED = 5


def make_demo_folder(data_dir: Path, years: int) -> tuple[Path, int]:
    """A data folder holding the Demo profile with ``years`` of history; its folder and
    how many records it holds."""
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    open_demo_profile(session, years)
    repo = session.require_repo()
    records = sum(repo.table_counts().values())
    folder = repo.path
    session.close()
    return folder, records


def use_bench_device(config_dir: Path) -> None:
    """Children start as the computer that made the demo, as ``--demo`` would have."""
    save_device(config_dir, BENCH_DEVICE)


def stage_other_computer(data_dir: Path, staging: Path) -> Path:
    """Log a win as another computer, then take its folder out of the data folder.

    Returns the staged device folder; a child moves its files in as a sync engine does.
    """
    session = Session(data_dir, resources_dir(), system_clock, LAPTOP)
    session.load_templates()
    session.profiles.refresh()
    info = session.open_profile(session.profiles.profiles[0].id)
    from desktop_app.services.journal import JournalService, WinDraft

    JournalService(session).log_win(WinDraft(LAPTOP_WIN))
    session.close()
    source = Path(info.path) / LAPTOP.id
    target = staging / LAPTOP.id
    shutil.rmtree(target, ignore_errors=True)
    staging.mkdir(parents=True, exist_ok=True)
    shutil.move(str(source), str(target))
    return target


def remove_other_computer(data_dir: Path) -> None:
    for folder in (data_dir / "profiles").glob(f"p-*/{LAPTOP.id}"):
        shutil.rmtree(folder, ignore_errors=True)


def make_five_year_profile(data_dir: Path) -> tuple[Path, int]:
    """One five-year profile in one file (for ``tests.benchmarks.codec``); its file and size."""
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    session.create_profile("Five years")
    now = system_clock()
    zone: ZoneInfo = ZoneInfo(system_zone_name(now))
    history = five_year(SEED, now.astimezone(zone).date(), zone, session.templates.templates)
    repo = session.require_repo()
    store_history(repo, history)
    path = max(repo.own.glob("*.json"), key=lambda p: p.stat().st_size)
    session.close()
    return path, history.document_count
