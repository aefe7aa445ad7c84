"""A hatch build hook: the wheel gets the bundled knowledge base's snapshot (its parsed and
checked form, sciaticli/knowledge/snapshot.py) beside data/techniques.yaml.

The snapshot is built by the sciaticli in src/, in a child process (so no other installed copy
is used). An editable install gets none: it parses and checks the YAML, as a source checkout does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUILD = "import sys; from pathlib import Path; from sciaticli.knowledge.snapshot import write; " \
    "write(Path(sys.argv[1]), Path(sys.argv[2]))"  # fmt: skip


class KnowledgeSnapshotHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        self._folder = tempfile.mkdtemp(prefix="sciaticli-snapshot-")
        target = Path(self._folder) / "techniques.snapshot"
        # src first, then whatever the build already had on the path: pip's isolated build
        # reaches its build requirements (pyyaml) through PYTHONPATH.
        paths = [str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        env.pop("PYTHONSAFEPATH", None)
        subprocess.run(
            [sys.executable, "-c", BUILD, str(root / "data" / "techniques.yaml"), str(target)],
            check=True,
            env=env,
            cwd=self._folder,
        )
        build_data["force_include"][str(target)] = "sciaticli/data/techniques.snapshot"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
