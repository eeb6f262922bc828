"""The real functions entry points, served with seeded faults (see ``fault_injection``).

functions-framework loads this file by path (``--source``); it puts ``functions/`` and the
repository root on ``sys.path``, imports the real ``main`` module and re-exports its targets.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[3]
for _root in (str(_REPO), str(_REPO / "functions")):
    if _root not in sys.path:
        sys.path.insert(0, _root)

import main  # noqa: E402 - after the path set-up above
from tests.faults.fault_app.fault_injection import install_faults  # noqa: E402

FAULTS_INSTALLED = install_faults(os.environ)

monolith = main.monolith
api = main.api
outbox_sweeper = main.outbox_sweeper
