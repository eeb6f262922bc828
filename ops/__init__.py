"""Operations tooling: the local stack, the demo scenario and the ops CLI (not deployed).

The deployed code lives in ``functions/`` (its own import root on Cloud Run); the tools put it
on the import path so they can use the kit's types and the application's contracts.
"""

import sys
from pathlib import Path

_FUNCTIONS = str(Path(__file__).resolve().parents[1] / "functions")
if _FUNCTIONS not in sys.path:
    sys.path.insert(0, _FUNCTIONS)
