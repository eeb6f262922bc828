"""Where the wheel takes the package from: ``functions/pipeline_kit`` in the repository (added
here), or ``pipeline_kit/`` at the top of an unpacked sdist (which holds it there, and which
hatchling then selects by itself: the package is named like the project)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

REPOSITORY_SOURCE = "../functions/pipeline_kit"
SDIST_SOURCE = "pipeline_kit"


class KitSourceHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        if (root / SDIST_SOURCE / "__init__.py").is_file():
            return
        source = (root / REPOSITORY_SOURCE).resolve()
        if not (source / "__init__.py").is_file():
            raise FileNotFoundError(
                f"the kit's source is in neither {SDIST_SOURCE} nor {REPOSITORY_SOURCE} (from {root})"
            )
        build_data["force_include"][str(source)] = "pipeline_kit"
