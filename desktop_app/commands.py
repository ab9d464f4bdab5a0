"""Headless commands: ``groundwork export`` and ``import`` (``share`` and ``receive`` in
share_commands.py). No Qt, no window.

Exit codes: 0 done; 1 the work could not be done (a damaged file, a failed write);
2 a usage error (bad option, unknown profile, bad date, an --out that cannot be used);
3 (import only) Groundwork is running with that data folder. Every failure is one line on
stderr; nothing ever prompts.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli import UsageError, printable, read_passphrase_file
from desktop_app.i18n import _, ngettext
from desktop_app.services.clock import Clock, system_clock

if TYPE_CHECKING:
    from desktop_app.services.session import Session
    from desktop_app.storage.crypto import FileCipher
    from desktop_app.storage.repository import ProfileRepository

COMMANDS = ("export", "import")  # and "share", "receive": share_commands.py
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_RUNNING = 3


class CommandError(Exception):
    """A sentence for the person and the exit code that goes with it."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def say(message: str) -> None:
    print(f"groundwork: {printable(message, limit=2000)}", file=sys.stderr)


def run_command(argv: list[str], clock: Clock = system_clock) -> int:
    """Run ``export`` or ``import`` (``argv[0]``); returns the exit code."""
    command, rest = argv[0], argv[1:]

    def work() -> int:
        if command == "export":
            return _export(_export_parser().parse_args(rest), clock)
        return _import(_import_parser().parse_args(rest), clock)

    return guarded(command, work)


def guarded(command: str, work: Callable[[], int]) -> int:
    """Run a command's ``work``: every failure becomes one line on stderr and an exit code."""
    try:
        return work()
    except UsageError as error:
        say(_("{error} (try 'groundwork {command} --help')").format(error=error, command=command))
        return EXIT_USAGE
    except CommandError as error:
        say(str(error))
        return error.code
    except SystemExit as done:  # --help
        return int(done.code or 0)
    except KeyboardInterrupt:
        say(_("{command} stopped; nothing was changed").format(command=command))
        return EXIT_FAILED
    except Exception as error:  # never a traceback: one line, and what it means
        say(_("the {command} failed unexpectedly ({error}); nothing was changed").format(
            command=command, error=type(error).__name__
        ))
        return EXIT_FAILED


# --- options ------------------------------------------------------------------------------------


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", metavar="NAME", required=True, help=_("the profile's name"))
    parser.add_argument(
        "--data-dir", metavar="DIR", help=_("the data folder (default: your user data folder)")
    )
    parser.add_argument(
        "--passphrase-file", metavar="FILE",
        help=_("read the passphrase of an encrypted profile from the first line of FILE "
               "(without it, an encrypted profile is refused unless a terminal can ask); "
               "import: a profile made with it is encrypted"),
    )


def _export_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="groundwork export",
        description=_("Write a profile's records to a JSON file or a folder of CSV files, "
                      "or the report for a period to a PDF file."),
        epilog=_("Exit codes: 0 done, 1 the export could not be written, 2 a usage error. "
                 "The export only reads: it runs while Groundwork is open."),
        allow_abbrev=False,
    )
    _common(parser)
    parser.add_argument("--format", required=True,
                        help=_("json, csv, or pdf (the report for the period)"))
    parser.add_argument(
        "--out", metavar="PATH", required=True,
        help=_("the JSON or PDF file to write, or for csv the folder to fill"),
    )
    # Issue 11: the report's paper size (pdf only).
    parser.add_argument("--paper", default="A4", help=_("pdf: A4 (default) or Letter"))
    parser.add_argument("--parts", metavar="LIST",
                        help=_("pdf: the parts to put in, comma-separated (default: all): "
                               "focus,topics,wins,slips,practice,checkins,scores,gaps"))
    parser.add_argument("--since", metavar="DATE", type=_day, help=_("from this day (YYYY-MM-DD)"))
    parser.add_argument("--until", metavar="DATE", type=_day, help=_("to this day, included"))
    # The app's own "Save as PDF" of an unlocked profile: the data key comes on stdin.
    parser.add_argument("--key-stdin", action="store_true", help=argparse.SUPPRESS)
    # The app's own preview: the pages as pictures on stdout (ui/report/page_stream.py),
    # and the app's "since my last report" title.
    parser.add_argument("--preview-width", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--since-last", action="store_true", help=argparse.SUPPRESS)
    return parser


def _import_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="groundwork import",
        description=_("Make a profile from a JSON export, or add the export's records to one "
                      "(records already there are not added twice)."),
        epilog=_("Exit codes: 0 done, 1 the file cannot be imported, 2 a usage error, "
                 "3 Groundwork is open with that data folder (close it first)."),
        allow_abbrev=False,
    )
    parser.add_argument("file", metavar="FILE", help=_("a JSON export"))
    _common(parser)
    return parser


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("needs a date like 2026-03-14, not '{given}'").format(given=printable(raw, 40))
        ) from None


def _data_dir(raw: str | None) -> Path:
    if raw is not None and not raw:
        raise UsageError(_("--data-dir needs a folder"))
    if raw is None:
        from desktop_app.paths import default_data_dir

        return default_data_dir().absolute()
    return Path(raw).expanduser().absolute()


Passphrase = Callable[[str], "str | None"]


def _passphrase_source(raw: str | None) -> tuple[Passphrase, str | None]:
    """Where the passphrase of an encrypted profile comes from: the file (read now, so a
    bad file is a usage error before anything is done), else a prompt, but only when stdin
    is a terminal (a script is never asked: it gets None, and a one-line refusal)."""
    if raw is not None:
        secret = read_passphrase_file(raw)
        return (lambda _name: secret), secret

    def ask(name: str) -> str | None:
        if not sys.stdin.isatty():
            return None
        import getpass

        try:
            return getpass.getpass(_("Passphrase for “{name}”: ").format(name=printable(name, 80)))
        except (EOFError, KeyboardInterrupt):
            return None

    return ask, None


def _key_from_stdin() -> FileCipher:
    """The data key the app passes its PDF child through a pipe (see ui/report/child.py)."""
    from desktop_app.storage.crypto import cipher_from_line

    line = bytearray(sys.stdin.buffer.readline(256))
    try:
        return cipher_from_line(line)
    except ValueError:
        raise UsageError(_("--key-stdin: no data key came on stdin")) from None
    finally:
        line[:] = bytes(len(line))


# --- export -------------------------------------------------------------------------------------


def _export(options: argparse.Namespace, clock: Clock) -> int:
    from desktop_app.services import export

    data_dir = _data_dir(options.data_dir)
    passphrase = _passphrase_source(options.passphrase_file)[0]  # "_" is the catalog
    key = _key_from_stdin() if options.key_stdin else None
    kind = options.format.strip().lower()
    if kind not in ("json", "csv", "pdf"):
        raise UsageError(
            _("--format must be json, csv or pdf, not '{given}'").format(
                given=printable(options.format, 40)
            )
        )
    paper = _paper(options.paper)
    parts = _parts(options.parts)
    if options.since and options.until and options.since > options.until:
        raise UsageError(_("--since is after --until"))
    preview = options.preview_width
    if preview is not None and (kind != "pdf" or not 0 < preview <= 20_000):
        raise UsageError(_("--preview-width is for pdf, in pixels"))
    out = Path("-") if preview else _usable_out(Path(options.out).expanduser(), data_dir, kind)
    if not data_dir.is_dir():
        raise CommandError(
            _("there is no data folder {folder}").format(folder=printable(str(data_dir))),
            EXIT_USAGE,
        )
    try:
        repo = export.open_read_only(data_dir, options.profile, passphrase, key=key)
    except (export.UnknownProfileError, export.LockedProfileError) as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    except export.ExportError as error:
        raise CommandError(str(error)) from None
    encrypted = repo.write_cipher is not None
    if kind == "pdf":
        code = _export_pdf(options, repo, data_dir, out, (paper, parts), clock)
        if encrypted and not preview:
            _warn_plain(out)
        return code
    try:
        made = export.build_export(repo, clock, export.Window(options.since, options.until))
    finally:
        repo.close()
    try:
        if kind == "json":
            export.write_json_file(out, made.document)
        else:
            export.write_csv_folder(out, made.document)
    except export.ExportError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    except OSError as error:
        raise CommandError(
            _("could not write {path}: {error}").format(
                path=printable(str(out)), error=error.strerror or error
            )
        ) from None
    counts = sum(len(made.document[spec.name]) for spec in export.LISTS)
    print(ngettext("Exported {n} record of “{name}” to {path}",
                   "Exported {n} records of “{name}” to {path}", counts).format(
        n=counts, name=made.document["profile"]["name"], path=out))
    if made.unreadable:
        say(ngettext("{n} record in the profile could not be read and is not in it",
                     "{n} records in the profile could not be read and are not in it",
                     made.unreadable).format(n=made.unreadable))
    if encrypted:
        _warn_plain(out)
    return 0


def _warn_plain(out: Path) -> None:
    say(_("the profile is encrypted, but this export is not: anyone who can read "
          "{path} can read what it holds").format(path=printable(str(out))))


def _usable_out(out: Path, data_dir: Path, kind: str) -> Path:
    shown = printable(str(out))
    target = out.absolute()
    if target.is_relative_to(data_dir) or target.resolve().is_relative_to(data_dir.resolve()):
        raise UsageError(
            _("--out {path} is inside the data folder; choose a place outside it "
              "(a sync engine would copy the export to your other computers)").format(path=shown)
        )
    parent = target.parent
    if not parent.is_dir():
        raise UsageError(_("--out {path}: the folder {folder} does not exist").format(
            path=shown, folder=printable(str(parent))
        ))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(_("--out {path}: cannot write in {folder}").format(
            path=shown, folder=printable(str(parent))
        ))
    if kind in ("json", "pdf") and target.is_dir():
        raise UsageError(_("--out {path} is a folder; give the {kind} file's name").format(
            path=shown, kind=kind.upper()
        ))
    if kind == "csv" and target.exists() and not target.is_dir():
        raise UsageError(
            _("--out {path} is a file; give a folder for the CSV files").format(path=shown)
        )
    return target


# --- the report (issue 11) ---------------------------------------------------------------------


def _paper(raw: str) -> str:
    found = {"a4": "A4", "letter": "Letter"}.get(raw.strip().lower())
    if found is None:
        raise UsageError(
            _("--paper must be A4 or Letter, not '{given}'").format(given=printable(raw, 40))
        )
    return found


def _parts(raw: str | None) -> tuple[str, ...] | None:
    if raw is None:
        return None
    from desktop_app.services.report import PARTS

    chosen = tuple(dict.fromkeys(p.strip().lower() for p in raw.split(",") if p.strip()))
    unknown = [p for p in chosen if p not in PARTS]
    if unknown or not chosen:
        if unknown:
            raise UsageError(_("--parts takes some of {parts}, not '{given}'").format(
                parts=",".join(PARTS), given=printable(unknown[0], 40)))
        raise UsageError(_("--parts takes some of {parts}").format(parts=",".join(PARTS)))
    return chosen


def _export_pdf(options: argparse.Namespace, repo: object, data_dir: Path, out: Path,
                form: tuple[str, tuple[str, ...] | None], clock: Clock) -> int:
    from desktop_app.paths import resources_dir
    from desktop_app.services.report import ReportError
    from desktop_app.storage.repository import ProfileRepository
    from desktop_app.ui.report.headless import export_pdf, export_preview

    assert isinstance(repo, ProfileRepository)
    paper, parts = form
    try:
        if options.preview_width:  # the pages go to stdout; nothing else may
            export_preview(repo, data_dir, resources_dir(), clock,
                           (options.since, options.until), (paper, options.preview_width),
                           parts, options.since_last, sys.stdout.buffer)
            return 0
        made = export_pdf(repo, data_dir, resources_dir(), clock, options.since,
                          options.until, out, paper, parts, options.since_last)
    except ReportError as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    except OSError as error:
        raise CommandError(
            _("could not write {path}: {error}").format(
                path=printable(str(out)), error=error.strerror or error
            )
        ) from None
    finally:
        repo.close()
    period = made.period
    print(_("Wrote the report of “{name}” from {start} to {end} ({paper}) to {path}").format(
        name=made.profile_name, start=period.start.isoformat(), end=period.end.isoformat(),
        paper=paper, path=out))
    return 0


# --- import -------------------------------------------------------------------------------------


def _import(options: argparse.Namespace, clock: Clock) -> int:
    from desktop_app.domain.profiles import ProfileNameError, clean_profile_name
    from desktop_app.lock_file import HeadlessLock, LockBusyError
    from desktop_app.services.import_file import ImportFileError, import_export, read_export
    from desktop_app.services.profiles import ProfileService
    from desktop_app.services.session import Session
    from desktop_app.storage.schema import ProfileFileError

    data_dir = _data_dir(options.data_dir)
    passphrase, given = _passphrase_source(options.passphrase_file)
    try:
        clean_profile_name(options.profile)
    except ProfileNameError as error:
        raise UsageError(
            _("cannot use '{name}' as a name: {error}").format(
                name=printable(options.profile, 80), error=error
            )
        ) from None
    try:
        exported = read_export(Path(options.file).expanduser())
    except ImportFileError as error:
        raise CommandError(str(error)) from None
    if data_dir.exists() and not data_dir.is_dir():
        raise UsageError(
            _("the data folder {folder} is a file, not a folder").format(
                folder=printable(str(data_dir))
            )
        )
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            _("cannot create the data folder {folder}: {error}").format(
                folder=printable(str(data_dir)), error=error.strerror or error
            ), EXIT_USAGE,
        ) from None
    lock = HeadlessLock(data_dir)
    try:
        lock.acquire()
    except LockBusyError:
        raise CommandError(
            _("Groundwork is open with the data folder {folder}; "
              "close it, then import again (nothing was changed)").format(
                folder=printable(str(data_dir))
            ), EXIT_RUNNING,
        ) from None
    except OSError as error:
        raise CommandError(
            _("cannot lock the data folder {folder}: {error}").format(
                folder=printable(str(data_dir)), error=error.strerror or error
            ),
            EXIT_USAGE,
        ) from None
    try:
        from desktop_app.paths import default_config_dir
        from desktop_app.storage.device import load_or_create_device

        # Writes go to this computer's own device folder, as the app's would.
        device = load_or_create_device(default_config_dir())
        session = Session(data_dir, Path(), clock, device)
        session.auto_backup = False  # the app takes backups; a script leaves the folder be
        service: ProfileService = session.profiles
        result = import_export(
            service, options.profile, exported,
            create=lambda name: _create(session, name, given),
            open_profile=lambda pid: _open(session, pid, passphrase),
        )
    except ProfileNameError as error:
        raise UsageError(
            _("cannot use '{name}' as a name: {error}").format(
                name=printable(options.profile, 80), error=error
            )
        ) from None
    except ProfileFileError as error:
        raise CommandError(_("{error}; nothing was added").format(error=error)) from None
    except OSError as error:
        raise CommandError(
            _("the import could not be saved ({error}); nothing was added").format(
                error=error.strerror or error
            )
        ) from None
    finally:
        lock.release()
    counts = {"n": result.total_added, "name": result.profile_name,
              "already": result.already_there}
    if result.created:
        print(ngettext(
            "Imported {n} record into a new profile “{name}” ({already} were already there)",
            "Imported {n} records into a new profile “{name}” ({already} were already there)",
            result.total_added).format(**counts))
    else:
        print(ngettext(
            "Imported {n} record into the profile “{name}” ({already} were already there)",
            "Imported {n} records into the profile “{name}” ({already} were already there)",
            result.total_added).format(**counts))
    if result.deleted_here:
        # The singular keeps "(s)": a test pins that English line.
        say(ngettext("{n} record(s) were deleted in this profile and were not brought back",
                     "{n} records were deleted in this profile and were not brought back",
                     result.deleted_here).format(n=result.deleted_here))
    recovery = session.privacy.take_recovery_key() if result.created else None
    if recovery is not None:
        # Shown once, here, as the app shows it once in a window: there is no other way in
        # if the passphrase is forgotten.
        print(_("Recovery key for “{name}”: {key}").format(name=result.profile_name, key=recovery)
              + "\n"
              + _("Keep it somewhere safe, apart from this computer: it opens the profile if "
                  "the passphrase is forgotten, and it is not shown again."))
    return 0


def _create(session: Session, name: str, passphrase: str | None) -> ProfileRepository:
    """A new profile for the import: encrypted when a passphrase file was given."""
    session.create_profile(name, passphrase)
    return session.require_repo()


def _open(session: Session, profile_id: str, passphrase: Passphrase) -> ProfileRepository:
    from desktop_app.services.privacy import PrivacyError

    privacy = session.privacy
    if not privacy.is_protected(profile_id):
        session.open_profile(profile_id)
        return session.require_repo()
    info = session.profiles.by_id(profile_id)
    name = info.name if info is not None else profile_id
    secret = passphrase(name)
    if secret is None:
        raise CommandError(
            _("the profile “{name}” is protected by a passphrase; give it with "
              "--passphrase-file FILE (nothing was added)").format(name=name), EXIT_USAGE)
    try:
        key = privacy.unlock(profile_id, secret)
    except PrivacyError as error:
        raise CommandError(_("{error} Nothing was added.").format(error=error)) from None
    session.open_profile(profile_id, key)
    return session.require_repo()
