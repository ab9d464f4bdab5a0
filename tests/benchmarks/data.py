"""A five-year profile for the benchmarks, made once per run from the demo generator."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from desktop_app.domain.demo import five_year
from desktop_app.paths import resources_dir
from desktop_app.services.clock import system_clock
from desktop_app.services.demo import store_history
from desktop_app.services.journal_settings import system_zone_name
from desktop_app.services.session import Session
from desktop_app.storage.device import Device

BENCH_DEVICE = Device("d-00000000000000be", "Benchmark")

SEED = 5


def make_five_year_profile(data_dir: Path) -> tuple[Path, int]:
    """Create a data folder holding one five-year profile; returns its file and size in docs."""
    session = Session(data_dir, resources_dir(), system_clock, BENCH_DEVICE)
    session.load_templates()
    session.create_profile("Five years")
    now = system_clock()
    zone: ZoneInfo = ZoneInfo(system_zone_name(now))
    history = five_year(SEED, now.astimezone(zone).date(), zone, session.templates.templates)
    repo = session.require_repo()
    store_history(repo, history)
    path = repo.path
    session.close()
    return path, history.document_count
