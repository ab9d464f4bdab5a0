"""Command-line options (no Qt, so ``--help`` and ``--version`` answer instantly)."""

from __future__ import annotations

import argparse
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop_app import __version__
from desktop_app.i18n import N_, _

MAX_DEMO_YEARS = 50


@dataclass(frozen=True)
class Options:
    data_dir: Path | None
    profile: str | None
    start: str | None
    demo: bool
    demo_years: int | None = None  # None: the demo generator's default (two years)
    passphrase: str | None = None  # from --passphrase-file


class UsageError(Exception):
    """Bad command line; exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def printable(text: str, limit: int = 200) -> str:
    """``text`` safe to repeat in a message: control characters (terminal escape codes,
    newlines, direction overrides, undecodable bytes) shown as escapes; long text shortened."""
    shown = "".join(
        _escape(ch) if unicodedata.category(ch) in _UNSAFE else ch for ch in text
    )
    if len(shown) > limit:
        keep = (limit - 1) // 2
        shown = f"{shown[:keep]}…{shown[-keep:]}"
    return shown


_UNSAFE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _demo_years(raw: str) -> int:
    try:
        years = int(raw, 10)
    except ValueError:
        years = 0
    if not 1 <= years <= MAX_DEMO_YEARS:
        raise argparse.ArgumentTypeError(
            _("needs a whole number from 1 to {most}, not '{given}'").format(
                most=MAX_DEMO_YEARS, given=printable(raw, 40)
            )
        )
    return years


EXIT_CODES = (
    (0, N_("done: the window was closed")),
    (2, N_("a bad option, an unknown template id, or a data folder that cannot be used")),
    (3, N_("Groundwork is already running with that data folder")),
)


def shown_data_dir() -> str:
    """The default data folder as a person would type it (``~`` for the home folder)."""
    from desktop_app.paths import default_data_dir

    folder, home = default_data_dir(), Path.home()
    return f"~/{folder.relative_to(home)}" if folder.is_relative_to(home) else str(folder)


def help_epilog(data_dir: str) -> str:
    codes = "\n".join(f"  {code}  {_(meaning)}" for code, meaning in EXIT_CODES)
    return (
        _("Data folder: {folder} unless --data-dir says otherwise.").format(folder=data_dir)
        + "\n\n" + _("Exit codes:") + f"\n{codes}\n\n"
        + _("Commands that open no window:") + "\n"
        + "  groundwork export  "
        + _("write a profile to JSON or CSV, or its report to a PDF") + "\n"
        + "  groundwork import  " + _("make or fill a profile from a JSON export") + "\n"
        + "  groundwork share   " + _("write a share file of a result for a partner") + "\n"
        + "  groundwork receive " + _("keep a partner's share file as their view") + "\n"
        + "  " + _("('groundwork export --help' and the others' --help tell more)")
        + "\n\n"
        + _("Groundwork takes no other arguments and passes none to Qt; set Qt's environment\n"
            "variables instead (for example QT_QPA_PLATFORM=offscreen). Everything stays on\n"
            "this computer unless you export it.")
    )


def build_parser(data_dir: str | None = None) -> argparse.ArgumentParser:
    """The options; ``data_dir`` is the default data folder as ``--help`` names it
    (the man page passes a generic one)."""
    parser = _Parser(
        prog="groundwork",
        description=_("Groundwork: an offline self-assessment and practice journal."),
        epilog=help_epilog(shown_data_dir() if data_dir is None else data_dir),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument(
        "--data-dir", metavar="DIR",
        help=_("keep profiles and templates in DIR instead of the data folder named below"),
    )
    parser.add_argument(
        "--profile", metavar="NAME",
        help=_("open the profile called NAME, creating it if there is none"),
    )
    parser.add_argument(
        "--start", metavar="TEMPLATE_ID",
        help=_("open that assessment or check-in at once (e.g. check-in)"),
    )
    parser.add_argument(
        "--demo", action="store_true",
        help=_("open a 'Demo' profile filled with made-up history"),
    )
    parser.add_argument(
        "--demo-years", metavar="N", type=_demo_years,
        help=_(
            "with --demo: how many years of history a new Demo profile gets "
            "(1 to {most}, default 2); "
            "an existing Demo profile is opened as it is"
        ).format(most=MAX_DEMO_YEARS),
    )
    parser.add_argument(
        "--passphrase-file", metavar="FILE",
        help=_("read the passphrase of the profile from the first line of FILE instead of "
               "asking; a profile created with it is encrypted"),
    )
    parser.add_argument("--version", action="version", version=f"Groundwork {__version__}")
    return parser


def parse_options(argv: list[str]) -> Options:
    """Parse the command line, or raise :class:`UsageError` with one sentence."""
    namespace, rest = build_parser().parse_known_args(argv)
    if rest:
        raise UsageError(_unexpected(rest[0]))
    if namespace.data_dir is not None and not namespace.data_dir:
        raise UsageError(_("--data-dir needs a folder"))
    if namespace.profile is not None and not namespace.profile.strip():
        raise UsageError(_("--profile needs a name"))
    if namespace.start is not None and not namespace.start.strip():
        raise UsageError(_("--start needs a template id"))
    if namespace.demo and namespace.profile:
        raise UsageError(_("--demo and --profile cannot be used together"))
    if namespace.demo_years is not None and not namespace.demo:
        raise UsageError(_("--demo-years only works together with --demo"))
    if namespace.demo and namespace.passphrase_file is not None:
        raise UsageError(_("--passphrase-file cannot be used with --demo"))
    passphrase = None
    if namespace.passphrase_file is not None:
        passphrase = read_passphrase_file(namespace.passphrase_file)
    return Options(
        data_dir=None if namespace.data_dir is None else Path(namespace.data_dir),
        profile=namespace.profile,
        start=namespace.start,
        demo=namespace.demo,
        demo_years=namespace.demo_years,
        passphrase=passphrase,
    )


MAX_PASSPHRASE_FILE = 64 * 1024


def read_passphrase_file(raw: str) -> str:
    """The passphrase on the first line of the file ``raw`` (its line ending dropped), or
    :class:`UsageError` saying why it cannot be used. The passphrase is never repeated."""
    if not raw:
        raise UsageError(_("--passphrase-file needs a file"))
    path = Path(raw).expanduser()
    shown = printable(str(path))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PASSPHRASE_FILE + 1)
    except IsADirectoryError:
        raise UsageError(_("the passphrase file {file} is a folder").format(file=shown)) from None
    except OSError as error:
        raise UsageError(
            _("cannot read the passphrase file {file}: {error}").format(
                file=shown, error=error.strerror or error)) from None
    if len(data) > MAX_PASSPHRASE_FILE:
        raise UsageError(_("the passphrase file {file} is far too large").format(file=shown))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(
            _("the passphrase file {file} is not UTF-8 text").format(file=shown)
        ) from None
    first = text.split("\n", 1)[0].removesuffix("\r")
    if not first.strip():
        raise UsageError(
            _("the first line of the passphrase file {file} is empty").format(file=shown)
        )
    return first


def _unexpected(arg: str) -> str:
    shown = printable(arg, 80)
    if arg in {"-platform", "--platform"} or arg.startswith("-platform="):
        return _(
            "unknown option '{option}': Groundwork passes no options to Qt; "
            "set QT_QPA_PLATFORM instead"
        ).format(option=shown)
    if arg.startswith("-") and arg != "-":
        return _("unknown option '{option}'").format(option=shown)
    return _("unexpected argument '{argument}'").format(argument=shown)
