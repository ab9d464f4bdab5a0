"""The one application id: desktop file, metainfo, icon, window class and D-Bus names."""

from __future__ import annotations

# Reverse-DNS under a GitHub organisation we hold, so no other project claims it.
APP_ID = "io.github.groundworkapp.Groundwork"
HOMEPAGE = "https://github.com/groundworkapp/groundwork"
# The name on the Python package index ("groundwork" there is another project).
DISTRIBUTION = "groundwork-journal"
COMMAND = "groundwork"
