"""The scheduler's jobs and triggers, and one real cycle against the demo site through `duluan run --once`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from config import AppConfig
from crawlers.demo_site import demo_sources, serve
from pipeline.cli.main import app as cli
from pipeline.runtime.scheduler import build_scheduler


@pytest.mark.parametrize("job", ["cycle", "digest"])
def test_jobs_are_scheduled_in_the_configured_time_zone(app_config: AppConfig, job: str) -> None:
    scheduler = build_scheduler(app_config, {})  # not started: its jobs are pending
    trigger = {j.id: j for j in scheduler.get_jobs()}[job].trigger
    assert str(trigger.timezone) == "Asia/Ho_Chi_Minh"


def test_job_defaults_avoid_overlap(app_config: AppConfig) -> None:
    scheduler = build_scheduler(app_config, {})
    assert scheduler._job_defaults["max_instances"] == 1
    assert scheduler._job_defaults["coalesce"] is True


def test_run_once_crawls_annotates_detects_and_alerts(tmp_path: Path) -> None:
    config_dir = tmp_path / "conf"
    config_dir.mkdir()
    with serve() as base:
        (config_dir / "sources.yaml").write_text(
            yaml.safe_dump({"sources": demo_sources(base)}, allow_unicode=True), encoding="utf-8"
        )
        (config_dir / "settings.yaml").write_text(
            "crawl_since_days: 36500\ndownload_delay: 0\n", encoding="utf-8"
        )
        result = CliRunner().invoke(
            cli, ["--config", str(config_dir), "--data-dir", str(tmp_path / "var"), "run", "--once"]
        )
    assert result.exit_code == 0, result.output
    for stage in ("crawl", "annotate", "detect", "alerts"):
        assert f'"{stage}"' in result.output
    assert '"stored": 46' in result.output
