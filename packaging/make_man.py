"""Write the man page groundwork(1) from the argument parsers, so it never drifts from --help.

``python packaging/make_man.py OUT`` (``make man`` writes build/man/groundwork.1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app import __version__  # noqa: E402
from desktop_app.app_id import HOMEPAGE  # noqa: E402
from desktop_app.cli import EXIT_CODES, build_parser  # noqa: E402
from desktop_app.commands import _export_parser, _import_parser  # noqa: E402
from desktop_app.share_commands import receive_parser, share_parser  # noqa: E402

DATA_DIR = "$XDG_DATA_HOME/Groundwork (~/.local/share/Groundwork when XDG_DATA_HOME is unset)"
DATE = "2026-11-25"


def esc(text: str) -> str:
    """Text safe in roff: backslashes, leading dots and quotes, and hyphens as minus signs."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # Typographic characters as roff's own names: groff reads its input as Latin-1.
    for char, name in (("“", "\\(lq"), ("”", "\\(rq"), ("‘", "\\(oq"), ("’", "\\(cq"),
                       ("—", "\\(em"), ("–", "\\(en"), ("…", "..."), ("▸", ">")):
        text = text.replace(char, name)
    return f"\\&{text}" if text[:1] in {".", "'"} else text


def options(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            names = ", ".join(f"\\fB{esc(name)}\\fR" for name in action.option_strings)
            if action.nargs != 0:
                names += f" \\fI{esc(action.metavar or action.dest.upper())}\\fR"
        else:
            names = f"\\fI{esc(str(action.metavar or action.dest))}\\fR"
        lines += [".TP", names, esc(str(action.help or "").replace("%(prog)s", parser.prog))]
    return lines


def man_page() -> str:
    main = build_parser(data_dir=DATA_DIR)
    out = [
        f'.TH GROUNDWORK 1 "{DATE}" "Groundwork {__version__}" "User Commands"',
        ".SH NAME",
        "groundwork \\- an offline self\\-assessment and practice journal",
        ".SH SYNOPSIS",
        ".B groundwork",
        "[\\fIOPTION\\fR]...",
        ".br",
        ".B groundwork export",
        "\\fB\\-\\-profile\\fR \\fINAME\\fR \\fB\\-\\-format\\fR \\fIFORMAT\\fR "
        "\\fB\\-\\-out\\fR \\fIPATH\\fR [\\fIOPTION\\fR]...",
        ".br",
        ".B groundwork import",
        "\\fIFILE\\fR \\fB\\-\\-profile\\fR \\fINAME\\fR [\\fIOPTION\\fR]...",
        ".br",
        ".B groundwork share",
        "\\fB\\-\\-profile\\fR \\fINAME\\fR \\fB\\-\\-out\\fR \\fIFILE\\fR [\\fIOPTION\\fR]...",
        ".br",
        ".B groundwork receive",
        "\\fIFILE\\fR \\fB\\-\\-profile\\fR \\fINAME\\fR [\\fIOPTION\\fR]...",
        ".SH DESCRIPTION",
        esc("Groundwork is a private notebook for doing the work of change between therapy "
            "sessions: assess honestly where you are and where you want to be, practise the "
            "areas that matter with consistency through slips and returns, and notice your "
            "wins. Everything stays on this computer unless you export it. Groundwork takes no "
            "other arguments and passes none to Qt; set Qt's environment variables instead."),
        ".SH OPTIONS",
        *options(main),
    ]
    for name, parser in (("export", _export_parser()), ("import", _import_parser()),
                         ("share", share_parser()), ("receive", receive_parser())):
        out += [f".SH {name.upper()}", esc(parser.description or ""), *options(parser),
                ".PP", esc(parser.epilog or "")]
    out += [".SH EXIT STATUS"]
    for code, meaning in EXIT_CODES:
        out += [".TP", f"\\fB{code}\\fR", esc(meaning)]
    out += [
        ".TP", "\\fB1\\fR", esc("export, import, share or receive: the work could not be done "
                              "(receive: the file was refused)"),
        ".SH FILES",
        ".TP", f"\\fI{esc(DATA_DIR)}\\fR",
        esc("the data folder: profiles and your own assessment templates (templates/*.toml)"),
        ".SH ENVIRONMENT",
        ".TP", "\\fBXDG_DATA_HOME\\fR", esc("where the data folder is, by default"),
        ".TP", "\\fBQT_QPA_PLATFORM\\fR", esc("Qt's window system plugin, e.g. offscreen"),
        ".SH SEE ALSO",
        esc(f"{HOMEPAGE}"),
    ]
    return "\n".join(out) + "\n"


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_man.py OUT")
    target = Path(sys.argv[1])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(man_page(), encoding="utf-8")


if __name__ == "__main__":
    main()
