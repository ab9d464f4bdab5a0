"""Refuse a bundle holding a library that needs a newer glibc than its Python does.

The interpreter (libpython) sets the oldest system a bundle can start on. Any library that
needs more (typically one collected from the build machine itself) would raise that floor
to the build machine's own glibc. Usage: ``python check_glibc.py dist/groundwork``; prints
the floor, exits 1 naming every library above it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

VERSION = re.compile(rb"GLIBC_(\d+)\.(\d+)")


def needs(library: Path) -> tuple[int, int]:
    """The newest glibc symbol version ``library`` asks for ((0, 0): none, or not ELF)."""
    run = subprocess.run(["objdump", "-T", str(library)], capture_output=True, check=False)
    found = [(int(a), int(b)) for a, b in VERSION.findall(run.stdout)]
    return max(found, default=(0, 0))


def libraries(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink() and (p.suffix == ".so" or ".so." in p.name)
    )


def check(folder: Path) -> tuple[tuple[int, int], list[tuple[Path, tuple[int, int]]]]:
    """The floor set by libpython, and every library that needs more than it."""
    found = {p: needs(p) for p in libraries(folder)}
    pythons = [v for p, v in found.items() if p.name.startswith("libpython")]
    if not pythons:
        raise SystemExit(f"no libpython in {folder}: is it a PyInstaller bundle?")
    floor = max(pythons)
    return floor, [(p, v) for p, v in found.items() if v > floor]


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "dist/groundwork")
    floor, above = check(folder)
    print(f"glibc floor of {folder}: {floor[0]}.{floor[1]} (set by libpython)")
    for path, version in above:
        print(f"  needs glibc {version[0]}.{version[1]}: {path.relative_to(folder)}")
    return 1 if above else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
