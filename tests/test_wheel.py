"""The built wheel carries resources/ and starts from another folder."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("hatchling")


@pytest.mark.slow
def test_wheel_installs_and_finds_its_resources(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )
    wheel = next(dist.glob("groundwork_journal-*.whl"))

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # Install the wheel alone; borrow the already-installed dependencies through a path
    # entry (a plain path line does not run the editable install's own .pth hook).
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", purelib,
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    Path(purelib, "borrowed-deps.pth").write_text("\n".join(deps) + "\n")

    script = textwrap.dedent(
        """
        import sys
        from desktop_app.app import prepare
        from desktop_app.cli import parse_options
        from desktop_app.paths import resources_dir
        import desktop_app
        startup = prepare(parse_options(["--data-dir", sys.argv[1], "--profile", "Wheel"]))
        ids = sorted(t.id for t in startup.session.templates.templates)
        print(desktop_app.__file__)
        print(resources_dir())
        print(",".join(ids))
        startup.window.close()
        startup.shutdown()
        """
    )
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [str(py), "-c", script, str(tmp_path / "data")],
        cwd=away, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    module_file, resources, ids = done.stdout.strip().splitlines()[-3:]
    assert Path(module_file).is_relative_to(purelib)
    assert Path(resources).is_relative_to(purelib)
    assert "life-areas" in ids.split(",")
    assert "check-in" in ids.split(",")
