"""The one-way import order of docs/architecture.md: between the top-level packages, and between the stage
sub-packages of `pipeline/`. A module importing against the order fails here, with the line that does it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A package may import only packages of a lower rank (and itself).
PACKAGES = {"config": 0, "nlp": 1, "storage": 2, "crawlers": 3, "pipeline": 4}
# Inside pipeline/: the shared base modules, then the stages, then what drives them, then the two front ends.
STAGES = {
    "jobs": 0,
    "render": 0,
    "annotate": 1,
    "detect": 1,
    "topics": 1,
    "analyst": 1,
    "watch": 2,
    "deliver": 3,
    "digest": 4,
    "reports": 4,
    "runtime": 5,
    "web": 6,
    "cli": 7,
}


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every absolute module imported by a file (function-level imports too), with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _modules(package: str) -> list[Path]:
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def _stage(path: Path) -> str:
    rel = path.relative_to(ROOT / "pipeline").with_suffix("")
    return rel.parts[0]


def _violations(rank: dict[str, int], files: list[tuple[Path, str]], prefix: str = "") -> list[str]:
    """`file:line (own) imports module (target)` for every import of a rank not below the file's own."""
    out = []
    for path, own in files:
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
        for line, module in _imports(path):
            parts = module.split(".")
            if prefix and (parts[0] != prefix or len(parts) < 2):
                continue
            target = parts[1] if prefix else parts[0]
            if target in rank and target != own and rank[target] >= rank[own]:
                out.append(f"{name}:{line} ({own}) imports {module} ({target})")
    return out


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_packages_import_only_downwards(package: str) -> None:
    files = [(p, package) for p in _modules(package)]
    assert files, f"no modules under {package}/"
    assert _violations(PACKAGES, files) == []


def _pipeline_files() -> list[Path]:
    return [p for p in _modules("pipeline") if p != ROOT / "pipeline" / "__init__.py"]


def test_every_pipeline_module_belongs_to_a_stage() -> None:
    assert sorted({_stage(p) for p in _pipeline_files()} - set(STAGES)) == []


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_pipeline_stages_import_only_downwards(stage: str) -> None:
    files = [(p, stage) for p in _pipeline_files() if _stage(p) == stage]
    assert files, f"no modules for stage {stage}"
    assert _violations(STAGES, files, "pipeline") == []


def test_the_order_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a detect module importing the digest is reported, a downward import is not."""
    probe = tmp_path / "probe.py"
    probe.write_text("from pipeline.detect.scoring import x\nfrom pipeline.digest.core import write_digest\n")
    assert _violations(STAGES, [(probe, "detect")], "pipeline") == [
        "probe.py:2 (detect) imports pipeline.digest.core (digest)"
    ]
