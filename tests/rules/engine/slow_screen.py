"""`ecgraph screen`, the real command, with its rule evaluation slowed down so a test can kill or stop it
mid-run: it prints RULES-STARTED once its run is recorded and the lock held, then waits (issue 16)."""

from __future__ import annotations

import sys
import time
from typing import Any

from ecgraph.cli.entry import main
from ecgraph.rules.engine import screening
from ecgraph.rules.engine.engine import run_rules as _real_run_rules

_PAUSE = float(sys.argv[1]) if len(sys.argv) > 1 else 120.0


def _slow_run_rules(*args: Any, **kwargs: Any) -> Any:
    print("RULES-STARTED", flush=True)
    time.sleep(_PAUSE)
    return _real_run_rules(*args, **kwargs)


if __name__ == "__main__":
    screening.__dict__["run_rules"] = _slow_run_rules
    sys.argv = ["ecgraph", "screen", "--quiet", *sys.argv[2:]]
    main()
