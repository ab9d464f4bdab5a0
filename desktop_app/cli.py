"""Command-line options (no Qt, so ``--help`` and ``--version`` answer instantly)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from desktop_app import __version__


@dataclass(frozen=True)
class Options:
    data_dir: Path | None
    profile: str | None
    start: str | None
    demo: bool
    qt_args: list[str]


class UsageError(Exception):
    """Bad command line; exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="groundwork",
        description="Groundwork: an offline self-assessment and practice journal.",
        epilog="Everything stays on this computer unless you export it.",
    )
    parser.add_argument(
        "--data-dir", type=Path, metavar="DIR",
        help="keep profiles and templates in DIR instead of your user data folder",
    )
    parser.add_argument(
        "--profile", metavar="NAME",
        help="open the profile called NAME, creating it if there is none",
    )
    parser.add_argument(
        "--start", metavar="TEMPLATE_ID",
        help="open that assessment or check-in at once (e.g. check-in)",
    )
    parser.add_argument(
        "--demo", action="store_true",
        help="open a 'Demo' profile filled with two years of made-up history",
    )
    parser.add_argument("--version", action="version", version=f"Groundwork {__version__}")
    return parser


def parse_options(argv: list[str]) -> Options:
    """Parse our options; unknown ``-`` options are left for Qt (e.g. ``-platform``)."""
    namespace, rest = build_parser().parse_known_args(argv)
    unknown = [a for a in rest if a.startswith("--")]
    if unknown:
        raise UsageError(f"unrecognized arguments: {' '.join(unknown)}")
    if namespace.profile is not None and not namespace.profile.strip():
        raise UsageError("--profile needs a name")
    if namespace.demo and namespace.profile:
        raise UsageError("--demo and --profile cannot be used together")
    return Options(
        data_dir=namespace.data_dir,
        profile=namespace.profile,
        start=namespace.start,
        demo=namespace.demo,
        qt_args=rest,
    )
