"""The bundle's entry point: the same as ``python -m desktop_app``."""

import os


def _keep_matplotlib_cache() -> None:
    """matplotlib's font list in this computer's cache folder, not the temporary folder
    PyInstaller's run-time hook gives it: there the list was built again (0.5-1 s) at the
    first chart of every session. (The bundle's fonts stay where they are while it is
    installed; matplotlib builds the list again by itself when one has moved.)"""
    from platformdirs import user_cache_dir

    os.environ["MPLCONFIGDIR"] = os.path.join(
        user_cache_dir("Groundwork", appauthor=False), "matplotlib")


_keep_matplotlib_cache()

from desktop_app.app import run  # noqa: E402

run()
