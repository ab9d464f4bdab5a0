"""Headless ``groundwork share`` and ``groundwork receive`` (issue 16). No Qt, no window.

``share`` only reads the profile (like ``export``), so it runs while Groundwork is open;
``receive`` writes, so it takes the data folder's lock (like ``import``). Exit codes as the
other commands: 0 done, 1 the file could not be made or was refused, 2 a usage error,
3 (receive) Groundwork is open with that data folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli import UsageError, printable, read_passphrase_file
from desktop_app.commands import (
    EXIT_RUNNING,
    EXIT_USAGE,
    CommandError,
    _common,
    _data_dir,
    _open,
    _Parser,
    _passphrase_source,
    _usable_out,
    guarded,
    say,
)
from desktop_app.i18n import _, ngettext
from desktop_app.services.clock import Clock


def run_share_command(argv: list[str], clock: Clock) -> int:
    """Run ``share`` or ``receive`` (``argv[0]``); returns the exit code."""
    command, rest = argv[0], argv[1:]
    if command == "share":
        return guarded(command, lambda: run_share(share_parser().parse_args(rest), clock))
    return guarded(command, lambda: run_receive(receive_parser().parse_args(rest), clock))


def share_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="groundwork share",
        description=_("Write a share file for a partner: the chosen results of a shareable "
                      "assessment (“Us”), your profile's name and the assessment's name, "
                      "nothing else."),
        epilog=_("Exit codes: 0 done, 1 the file could not be made, 2 a usage error. Without "
                 "--share-passphrase-file the file is plain: anyone who has it can read it."),
        allow_abbrev=False,
    )
    _common(parser)
    parser.add_argument("--out", metavar="FILE", required=True,
                        help=_("the share file to write"))
    parser.add_argument("--template", metavar="ID", default=None,
                        help=_("the assessment to share (default: the first shareable one "
                               "you have taken, e.g. us)"))
    parser.add_argument("--result", metavar="ID", action="append", default=None,
                        help=_("a result's id to share (repeat for several; default: the "
                               "newest)"))
    parser.add_argument("--share-passphrase-file", metavar="FILE",
                        help=_("protect the file with the passphrase on the first line of "
                               "FILE (the one you and your partner agreed on)"))
    return parser


def receive_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="groundwork receive",
        description=_("Keep a partner's share file in a profile as their view: apart from "
                      "your own results, read-only (the same file twice is kept once)."),
        epilog=_("Exit codes: 0 done, 1 the file was refused, 2 a usage error, 3 Groundwork "
                 "is open with that data folder (close it first)."),
        allow_abbrev=False,
    )
    parser.add_argument("file", metavar="FILE", help=_("the partner's share file"))
    _common(parser)
    parser.add_argument("--share-passphrase-file", metavar="FILE",
                        help=_("the passphrase you and your partner agreed on, on the first "
                               "line of FILE"))
    return parser


def _shared_secret(raw: str | None) -> str | None:
    return None if raw is None else read_passphrase_file(raw)


def run_share(options: argparse.Namespace, clock: Clock) -> int:
    from desktop_app.domain.results import AssessmentResult
    from desktop_app.domain.templates import load_templates
    from desktop_app.paths import resources_dir
    from desktop_app.services import export
    from desktop_app.services.sharing import RESULTS, ShareError, SharingService, make_share

    data_dir = _data_dir(options.data_dir)
    passphrase, _given = _passphrase_source(options.passphrase_file)
    secret = _shared_secret(options.share_passphrase_file)
    out = _usable_out(Path(options.out).expanduser(), data_dir, "json")
    if not data_dir.is_dir():
        raise CommandError(_("there is no data folder {folder}").format(
            folder=printable(str(data_dir))), EXIT_USAGE)
    templates = load_templates([(resources_dir() / "assessments", True),
                                (data_dir / "templates", False)])
    try:
        repo = export.open_read_only(data_dir, options.profile, passphrase)
    except (export.UnknownProfileError, export.LockedProfileError) as error:
        raise CommandError(str(error), EXIT_USAGE) from None
    except export.ExportError as error:
        raise CommandError(str(error)) from None
    try:
        results = sorted(repo.collection(RESULTS, AssessmentResult).all(),
                         key=lambda s: s.item.completed_at, reverse=True)
        shareable = [t.id for t in templates.templates if t.shareable]
        template_id = options.template
        if template_id is None:
            template_id = next((s.item.template_id for s in results
                                if s.item.template_id in shareable), None)
            if template_id is None:
                raise CommandError(_("“{name}” has no result of an assessment that can be "
                                     "shared (take “Us” first)").format(name=repo.name),
                                   EXIT_USAGE)
        elif template_id not in shareable:
            raise CommandError(_("results of '{template}' cannot be shared").format(
                template=printable(template_id, 40)),
                               EXIT_USAGE)
        ids = options.result or [s.id for s in results if s.item.template_id == template_id][:1]
        if not ids:
            raise CommandError(_("“{name}” has no result of '{template}' yet").format(
                name=repo.name, template=template_id), EXIT_USAGE)
        share = make_share(repo, templates, ids, clock())
        SharingService.write(out, SharingService.encode(share, secret))
    except ShareError as error:
        raise CommandError(str(error)) from None
    finally:
        repo.close()
    print(ngettext("Wrote {n} result of “{name}” to {path}",
                   "Wrote {n} results of “{name}” to {path}", len(share.results)).format(
                       n=len(share.results), name=share.name, path=out))
    if secret is None:
        say(_("the share file is not protected: anyone who has {path} can read the answers "
              "in it").format(path=printable(str(out))))
    return 0


def run_receive(options: argparse.Namespace, clock: Clock) -> int:
    from desktop_app.lock_file import HeadlessLock, LockBusyError
    from desktop_app.paths import default_config_dir, resources_dir
    from desktop_app.services.session import Session
    from desktop_app.services.sharing import ShareError, SharingService, WrongSharePassphrase
    from desktop_app.storage.device import load_or_create_device
    from desktop_app.storage.schema import ProfileFileError

    data_dir = _data_dir(options.data_dir)
    passphrase, _given = _passphrase_source(options.passphrase_file)
    secret = _shared_secret(options.share_passphrase_file)
    try:
        envelope = SharingService.read(Path(options.file).expanduser())
    except ShareError as error:
        raise CommandError(str(error)) from None
    if envelope.protected and secret is None:
        raise UsageError(_("the share file is protected: give the passphrase you agreed on "
                           "with --share-passphrase-file FILE"))
    try:
        share = SharingService.open(envelope, secret)
    except (ShareError, WrongSharePassphrase) as error:
        raise CommandError(_("{reason} Nothing was changed.").format(reason=error)) from None
    if not data_dir.is_dir():
        raise CommandError(_("there is no data folder {folder}").format(
            folder=printable(str(data_dir))), EXIT_USAGE)
    lock = HeadlessLock(data_dir)
    try:
        lock.acquire()
    except LockBusyError:
        raise CommandError(
            _("Groundwork is open with the data folder {folder}; close it, then receive again "
              "(nothing was changed)").format(folder=printable(str(data_dir))),
            EXIT_RUNNING) from None
    try:
        session = Session(data_dir, resources_dir(), clock,
                          load_or_create_device(default_config_dir()))
        session.auto_backup = False
        session.load_templates()
        session.profiles.refresh()
        info = session.profiles.find(options.profile)
        if info is None:
            raise CommandError(_("there is no profile called “{name}”").format(
                name=printable(options.profile, 80)),
                               EXIT_USAGE)
        _open(session, info.id, passphrase)
        received = SharingService(session).keep(share)
        session.close()
    except ShareError as error:
        raise CommandError(_("{reason} Nothing was changed.").format(reason=error)) from None
    except (ProfileFileError, OSError) as error:
        raise CommandError(_("the view could not be kept ({reason}); nothing was changed")
                           .format(reason=error)) from None
    finally:
        lock.release()
    if received.already_had:
        print(_("{label} from this file is already in “{profile}”").format(
            label=received.view.label, profile=options.profile))
    else:
        print(_("Kept {label} of “{title}” in “{profile}”").format(
            label=received.view.label, title=received.view.template_title,
            profile=options.profile))
    return 0
