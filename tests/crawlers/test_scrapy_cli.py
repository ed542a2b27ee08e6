"""The Scrapy project works on its own: `scrapy crawl news` from the repository root, configured by files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text

from crawlers.demo_site import demo_sources, load_articles, serve

ROOT = Path(__file__).resolve().parents[2]


def test_scrapy_crawl_news_stores_the_site(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    data = tmp_path / "var"
    (conf / "settings.yaml").write_text(
        f"data_dir: {data}\ncrawl_since_days: 36500\ndownload_delay: 0\n", encoding="utf-8"
    )
    with serve() as base:
        (conf / "sources.yaml").write_text(
            yaml.safe_dump({"sources": demo_sources(base)}, allow_unicode=True), encoding="utf-8"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("DULUAN_")}
        env["DULUAN_CONFIG"] = str(conf)
        scrapy = Path(sys.executable).with_name("scrapy")
        done = subprocess.run(
            [str(scrapy), "crawl", "news", "-a", "sources=xu_lang"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    engine = create_engine(f"sqlite:///{data / 'duluan.db'}")
    with engine.connect() as conn:
        stored = conn.execute(text("select count(*) from articles where source_id = 'xu_lang'")).scalar()
    engine.dispose()
    assert stored == sum(1 for a in load_articles() if a.outlet == "xu_lang")
