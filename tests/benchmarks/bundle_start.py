"""Start → first window of the built bundle against ``python -m desktop_app``.

Neither can be watched from inside (the bundle runs only its own code), so both are watched
the same way from outside: each starts on a private X server (Xvfb), and the time is taken
when X reports a viewable window of that process (``xdotool search --onlyvisible --pid``,
asked every few milliseconds). The row is skipped when no bundle is built (``make bundle``)
or Xvfb or xdotool is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.stats import Row, median_ms

REPO = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("GROUNDWORK_BUNDLE", REPO / "dist" / "groundwork" / "groundwork"))
BUDGET = 1.2
WAIT_S = 120


@contextmanager
def x_server() -> Iterator[str]:
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x900x24", "-nolisten", "tcp",
         "-noreset"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as said:
        number = said.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def first_window_s(command: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``command`` until X has a viewable window of it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)],
                env=env, capture_output=True, check=False,
            )
            if found.returncode == 0 and found.stdout.strip():
                return time.perf_counter() - started
            if process.poll() is not None:
                said = process.stderr.read()[-2000:] if process.stderr else ""
                raise RuntimeError(f"{command[0]} exited ({process.returncode}) before a "
                                   f"window: {said}")
            if time.perf_counter() - started > WAIT_S:
                raise RuntimeError(f"{command[0]} showed no window in {WAIT_S} s")
    finally:
        process.terminate()
        process.communicate(timeout=30)


def bench_bundle_start(data_dir: Path, runs: int) -> Row:
    what = "bundle start → first window"
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if not BUNDLE.is_file() or missing:
        reason = f"no {', '.join(missing)}" if missing else "no bundle: run 'make bundle'"
        return Row(what, f"skipped ({reason})", f"≤ {BUDGET}× python -m desktop_app", True,
                   {"skipped": reason})
    samples: dict[str, list[float]] = {"bundle": [], "python": []}
    commands = {
        "bundle": [str(BUNDLE), "--data-dir", str(data_dir)],
        "python": [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir)],
    }
    with x_server() as display:
        env = {**os.environ, "DISPLAY": display, "PYTHONPATH": str(REPO)}
        env.pop("QT_QPA_PLATFORM", None)  # a real X window, for both
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled bytecode
        for index in range(runs + 1):  # the first round warms the OS file cache
            for name, command in commands.items():
                elapsed = first_window_s(command, env)
                if index:
                    samples[name].append(elapsed)
    bundle, python = median_ms(samples["bundle"]), median_ms(samples["python"])
    ratio = bundle / python
    return Row(what, f"{ratio:.2f}× ({bundle:.0f} ms vs python -m {python:.0f} ms)",
               f"≤ {BUDGET}× python -m desktop_app", ratio <= BUDGET,
               {"ratio": ratio, "bundle_ms": [s * 1000 for s in samples["bundle"]],
                "python_ms": [s * 1000 for s in samples["python"]]})


if __name__ == "__main__":  # on its own: python -m tests.benchmarks.bundle_start DATA_DIR
    row = bench_bundle_start(Path(sys.argv[1]), int(os.environ.get("BENCH_START_RUNS", "9")))
    print(f"{row.what}: {row.measured} (budget {row.budget})")
