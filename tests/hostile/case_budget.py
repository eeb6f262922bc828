"""How many generated cases a hostile-input test runs: the CI default, or more from the environment.

``HOSTILE_PUSH_CASES`` (default 500) and ``HOSTILE_API_CASES`` (default 40 per operation);
the long form (``make hostile-long``) raises them.
"""

from __future__ import annotations

import os


def case_budget(variable: str, default: int) -> int:
    return max(1, int(os.environ.get(variable, str(default))))
