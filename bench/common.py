"""What every benchmark script shares: the repository root on the import path, and where the corpus is.

A script run as `python bench/x.py` has bench/ on its path, so `from common import ROOT, corpus_dir` comes
first; importing this module puts the repository root (and bench/) on the path for the project's packages.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "bench"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))


def corpus_dir() -> Path:
    """`$DULUAN_CORPUS`, else ../shared/corpus beside the checkout (scripts skip cleanly when absent)."""
    env = os.environ.get("DULUAN_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"
