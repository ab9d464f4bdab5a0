"""Put the top-level resources/ folder inside the package, in real wheels only.

An editable install reads resources/ straight from the checkout (see desktop_app/paths.py),
so copying it there would only leave a stale duplicate in site-packages.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ResourcesHook(BuildHookInterface):  # type: ignore[misc]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "standard":
            build_data["force_include"]["resources"] = "desktop_app/resources"
            build_data["force_include"]["docs/templates.md"] = (
                "desktop_app/resources/docs/templates.md"
            )
