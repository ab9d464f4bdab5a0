"""Write the Flatpak manifest's Python wheels module from the lock (constraints.txt).

``python packaging/flatpak/make_manifest.py`` (with the project's venv, which has every
runtime dependency installed, and network access to pypi.org): for each runtime dependency,
at its locked version, the wheel for the runtime's CPython on x86_64 and its sha256, as
PyPI lists them. Writes python-wheels.json beside this script.
"""

from __future__ import annotations

import json
import re
import tomllib
import urllib.request
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYTHON = (3, 12)  # org.freedesktop.Platform 24.08's python3
ARCH = "x86_64"
PLATFORMS = [f"manylinux_2_{minor}_{ARCH}" for minor in range(39, 16, -1)] + [
    f"manylinux2014_{ARCH}", f"linux_{ARCH}"]
ENVIRONMENT = {"python_version": "3.12", "python_full_version": "3.12.0",
               "sys_platform": "linux", "platform_system": "Linux",
               "platform_machine": ARCH, "implementation_name": "cpython",
               "platform_python_implementation": "CPython", "os_name": "posix", "extra": ""}


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def runtime_closure() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    todo = [Requirement(r) for r in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate(ENVIRONMENT):
            continue
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        todo += [Requirement(r) for r in metadata.requires(req.name) or []]
    return sorted(seen)


def best_wheel(name: str, version: str) -> dict[str, str]:
    with urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=60) as r:
        files = json.load(r)["releases"].get(version, [])
    tags = list(cpython_tags(PYTHON, platforms=PLATFORMS)) + list(
        compatible_tags(PYTHON, "cp312", platforms=PLATFORMS))
    rank = {tag: i for i, tag in enumerate(tags)}
    wheels = []
    for item in files:
        if not item["filename"].endswith(".whl"):
            continue
        *_, file_tags = parse_wheel_filename(item["filename"])
        score = min((rank[t] for t in file_tags if t in rank), default=None)
        if score is not None:
            wheels.append((score, item))
    if not wheels:
        raise SystemExit(f"no wheel of {name} {version} for CPython 3.12 on {ARCH}")
    item = min(wheels, key=lambda pair: pair[0])[1]
    return {"type": "file", "url": item["url"], "sha256": item["digests"]["sha256"]}


def main() -> None:
    pins = locked()
    closure = runtime_closure()
    missing = [name for name in closure if name not in pins]
    if missing:
        raise SystemExit(f"not in constraints.txt: {', '.join(missing)}")
    module = {
        "name": "python-wheels",
        "buildsystem": "simple",
        "build-commands": [
            "pip3 install --no-index --no-deps --no-build-isolation --find-links=. "
            f"--prefix=${{FLATPAK_DEST}} {' '.join(f'{n}=={pins[n]}' for n in closure)}"
        ],
        "sources": [best_wheel(name, pins[name]) for name in closure],
    }
    (HERE / "python-wheels.json").write_text(json.dumps(module, indent=2) + "\n", "utf-8")
    print(f"{len(closure)} wheels: {', '.join(closure)}")


if __name__ == "__main__":
    main()
