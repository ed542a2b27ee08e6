"""The packaged watches.yaml validates, and the example in its comments is a valid watch."""

from __future__ import annotations

from pathlib import Path

import yaml

from config.models import WatchesFile

PACKAGED = Path(__file__).resolve().parents[2] / "config" / "watches.yaml"


def test_packaged_file_holds_no_watch() -> None:
    assert WatchesFile.model_validate(yaml.safe_load(PACKAGED.read_text(encoding="utf-8"))).watches == []


def test_the_commented_example_is_a_valid_watch() -> None:
    lines = PACKAGED.read_text(encoding="utf-8").splitlines()
    start = lines.index("# watches:")
    example = "\n".join(line[2:] for line in lines[start:] if line.startswith("# "))
    (watch,) = WatchesFile.model_validate(yaml.safe_load(example)).watches
    assert watch.owner == "ubnd" and watch.policy == "each" and watch.filters.scope == "province"
