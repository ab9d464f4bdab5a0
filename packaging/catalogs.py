"""The translation catalogs: extract, update, compile, and check coverage.

    python packaging/catalogs.py extract    # desktop_app → resources/locale/groundwork.pot
    python packaging/catalogs.py update     # the .pot's messages into every <lang>.po
    python packaging/catalogs.py compile    # every .po → .mo beside it (not committed)
    python packaging/catalogs.py coverage [de ...]  # fails listing untranslated messages
    python packaging/catalogs.py merge de FILE.json ...  # translations from JSON into de's .po

`make i18n-extract`, `make i18n-update` and `make test` run these (see docs/translating.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "groundwork"
POT = LOCALE / f"{DOMAIN}.pot"
# The names every layer marks messages with (desktop_app/i18n): context first, then ids.
KEYWORDS = ("_", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "N_")


def pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(pot: Path = POT) -> Path:
    """Every marked message of desktop_app, with translators' comments, into ``pot``."""
    keywords = [part for word in KEYWORDS for part in ("-k", word)]
    pot.parent.mkdir(parents=True, exist_ok=True)
    pybabel(
        "extract", "--no-default-keywords", *keywords, "--add-comments=Translators:",
        "--no-location", "--sort-output", "--project=Groundwork", "--copyright-holder",
        "Groundwork developers", "--msgid-bugs-address",
        "https://github.com/groundworkapp/groundwork/issues", "-o", str(pot),
        str(ROOT / "desktop_app"),
    )
    return pot


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    """Merge the .pot into every language's .po (new messages empty, gone ones obsolete)."""
    for po in po_files():
        # No fuzzy matching: a guessed translation of a near message is worse than none
        # (coverage counts it as missing, and the German JSON files fill exact ids).
        pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "-D", DOMAIN,
                "-i", str(POT), "-o", str(po), "-l", po.parent.parent.name)


def compile_all() -> list[Path]:
    """Every .po compiled to its .mo (fuzzy entries left out)."""
    sys.path.insert(0, str(ROOT))
    from desktop_app.i18n.catalogs import compile_po

    made = []
    for po in po_files():
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po))
        made.append(mo)
    return made


def missing(language: str, pot: Path = POT) -> list[str]:
    """The .pot's messages that ``language``'s .po leaves untranslated (or fuzzy)."""
    from babel.messages.pofile import read_po

    with pot.open("rb") as handle:
        template = read_po(handle)
    po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return [f"{language}: no catalog at {po.relative_to(ROOT)}"]
    with po.open("rb") as handle:
        catalog = read_po(handle)
    gaps = []
    for entry in template:
        if not entry.id:
            continue
        found = catalog.get(entry.id, entry.context)
        strings = found.string if found is not None else None
        values = strings if isinstance(strings, tuple | list) else (strings,)
        if found is None or found.fuzzy or not all(values):
            shown = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
            gaps.append(f"{language}: {shown!r}" + (f" (context {entry.context!r})"
                                                   if entry.context else ""))
    return gaps


def coverage(languages: list[str]) -> int:
    """Every message in the code now (a fresh extraction, not the committed .pot, which may
    be behind) translated in each language's .po; 1 with the list of gaps otherwise."""
    import tempfile

    languages = languages or [po.parent.parent.name for po in po_files()]
    with tempfile.TemporaryDirectory() as folder:
        pot = extract(Path(folder) / f"{DOMAIN}.pot")
        gaps = [gap for language in languages for gap in missing(language, pot)]
        lines = pot.read_text(encoding="utf-8").splitlines()
    for gap in gaps:
        print(gap)
    total = sum(1 for line in lines if line.startswith("msgid ")) - 1
    if gaps:
        print(f"{len(gaps)} of about {total} messages untranslated", file=sys.stderr)
        return 1
    print(f"every message translated in {', '.join(languages)}")
    return 0


def merge(language: str, files: list[str]) -> int:
    """Fill ``language``'s .po from JSON lists of {"id", "id_plural"?, "ctxt"?, "str"}.

    Only messages the .po has are filled (run extract and update first); the ones a file
    names that the .po lacks are listed, so a typo in an id is seen.
    """
    import json

    from babel.messages.pofile import read_po, write_po

    po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    unknown = []
    for name in files:
        for entry in json.loads(Path(name).read_text(encoding="utf-8")):
            found = catalog.get(entry["id"], entry.get("ctxt"))
            if found is None:
                unknown.append(f"{name}: {entry['id']!r}")
                continue
            text = entry["str"]
            found.string = tuple(text) if isinstance(text, list) else text
            found.flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True, width=100)
    for line in unknown:
        print(f"not in the catalog: {line}", file=sys.stderr)
    return 1 if unknown else 0


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "coverage":
        return coverage(rest)
    elif command == "merge" and len(rest) >= 2:
        return merge(rest[0], rest[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
