"""Put the top-level resources/ folder inside the package, in real wheels only.

An editable install reads resources/ straight from the checkout (see desktop_app/paths.py),
so copying it there would only leave a stale duplicate in site-packages. Real wheels also
get each translation's compiled catalog (.mo), which is built, not kept in git.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(root: Path) -> list[Path]:
    """Every resources/locale/<lang>/LC_MESSAGES/*.po compiled to the .mo beside it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    made = []
    for po in sorted((root / "resources" / "locale").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        out = io.BytesIO()
        write_mo(out, catalog)
        mo = po.with_suffix(".mo")
        mo.write_bytes(out.getvalue())
        made.append(mo)
    return made


class ResourcesHook(BuildHookInterface):  # type: ignore[misc]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "standard":
            compile_catalogs(Path(self.root))
            build_data["force_include"]["resources"] = "desktop_app/resources"
            build_data["force_include"]["docs/templates.md"] = (
                "desktop_app/resources/docs/templates.md"
            )
