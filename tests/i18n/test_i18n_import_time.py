"""No message is translated while a module is imported (the language may change later)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Imports every module of desktop_app with a catalog that records each lookup and the module
# being imported when it happened (the innermost desktop_app frame of the stack).
SCRIPT = textwrap.dedent(
    """
    import gettext, importlib, pkgutil, sys, traceback
    import desktop_app
    from desktop_app import i18n

    lookups = []

    class Recording(gettext.NullTranslations):
        def _seen(self, message):
            frames = [f for f in traceback.extract_stack()[:-2]
                      if "desktop_app" in f.filename and "/i18n/" not in f.filename]
            where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
            lookups.append(f"{where}: {message!r}")

        def gettext(self, message):
            self._seen(message)
            return message

        def ngettext(self, one, many, n):
            self._seen(one)
            return one if n == 1 else many

        def pgettext(self, context, message):
            self._seen(message)
            return message

        def npgettext(self, context, one, many, n):
            self._seen(one)
            return one if n == 1 else many

    i18n.install(Recording(), "en")
    failed = []
    for module in pkgutil.walk_packages(desktop_app.__path__, "desktop_app."):
        if module.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(module.name)
        except Exception as error:  # a module that cannot be imported here is its own bug
            failed.append(f"{module.name}: {type(error).__name__}: {error}")
    print("\\n".join(lookups))
    print("IMPORT FAILED:" + "\\n".join(failed) if failed else "", file=sys.stderr)
    """
)


def test_no_module_translates_at_import_time() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "IMPORT FAILED" not in done.stderr, done.stderr
    lookups = [line for line in done.stdout.splitlines() if line.strip()]
    assert not lookups, (
        "translated while importing (use N_() for constants and _() where shown):\n"
        + "\n".join(lookups)
    )
