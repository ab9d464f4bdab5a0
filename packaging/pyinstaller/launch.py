"""The bundle's entry point: the same as ``python -m desktop_app``."""

from desktop_app.app import run

run()
