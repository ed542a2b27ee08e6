"""Benchmark of the delivery side: issue detection, alerts and the digest for one day over a stored
history, against the bare storage loads those stages cannot avoid; and the outbox delivering bundled
alerts to a webhook, against one POST per alert.

Articles come from `bench.jsonl` of the corpus (`$DULUAN_CORPUS` or `../shared/corpus`), spread evenly over
`--days` days and annotated by the real annotator first (not timed in the ratios). When the corpus is absent
the script says so and exits 0. Usage:

    python bench/delivery.py [--articles 3000] [--days 15] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

from config import AppConfig, load_config
from config.models import Source
from pipeline.annotate.job import run_annotate
from pipeline.deliver.alerts import run_alerts
from pipeline.deliver.outbox import flush_outbox
from pipeline.detect.issues import run_detect
from pipeline.digest.core import run_digest
from storage import alerts as alert_repo
from storage import articles as repo
from storage.days import day_bounds
from storage.db import session_scope, upgrade
from storage.records import Alert, RawArticle
from storage.trends import topic_mentions

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2026, 9, 15)


def timed(fn: Callable[[], Any], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def load(app: AppConfig, path: Path, n: int, days: int) -> None:
    url = app.settings.resolved_database_url
    upgrade(url)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:n]]
    publishers = sorted({r["source"] for r in records})
    sources = [
        Source.model_validate(
            {
                "id": p.split(".")[0],
                "name": p,
                "url": f"https://{p}/",
                "scope": "national",
                "discovery": [{"kind": "rss", "url": f"https://{p}/rss"}],
            }
        )
        for p in publishers
    ]
    with session_scope(url) as session:
        repo.sync_sources(session, sources, dt.datetime.now(dt.UTC))
        for i, r in enumerate(records):
            when = dt.datetime.combine(DAY - dt.timedelta(days=i % days), dt.time((i * 7) % 24, i % 60), TZ)
            repo.insert_article(
                session,
                RawArticle(
                    url=f"https://{r['source']}/bench/{i}.html",
                    canonical_url=f"https://{r['source']}/bench/{i}.html",
                    source_id=r["source"].split(".")[0],
                    title=r["title"],
                    sapo=None,
                    text=r["text"],
                    author=None,
                    published_at=when,
                    fetched_at=when,
                ),
            )


class Sink(BaseHTTPRequestHandler):
    count = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Sink.count += 1
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: Any) -> None:
        pass


def outbox_bench(app: AppConfig, alerts: int, repeat: int) -> tuple[float, float]:
    """Seconds to deliver `alerts` alerts bundled per body (5 bodies, webhook + file) vs one POST each."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
    bodies = ["hdnd", "ubnd", "tand", "vksnd", "ban_tuyen_giao"]
    recipients = {
        "recipients": {
            b: {
                "name": b,
                "channels": [{"kind": "webhook", "to": "${DULUAN_HOOK}", "secret": "${DULUAN_SECRET}"}],
            }
            for b in bodies
        },
        "routing": {},
    }
    folder = Path(tempfile.mkdtemp(prefix="duluan-bench-conf-"))
    import yaml

    (folder / "recipients.yaml").write_text(yaml.safe_dump(recipients), encoding="utf-8")
    bundled_times, single_times = [], []
    for r in range(repeat):
        data = Path(tempfile.mkdtemp(prefix="duluan-bench-outbox-"))
        hook_app = load_config(
            {"data_dir": data}, config_dir=folder, environ={"DULUAN_HOOK": hook, "DULUAN_SECRET": "s"}
        )
        upgrade(hook_app.settings.resolved_database_url)
        now = dt.datetime.now(dt.UTC)
        payload = {"reason": "Điểm 12,3 = " + "số bài 4,0 + " * 6, "articles": [{"title": "x" * 120}] * 5}
        with session_scope(hook_app.settings.resolved_database_url) as session:
            for i in range(alerts):
                alert = Alert(
                    key=f"bench:{r}:{i}",
                    recipient_id=bodies[i % 5],
                    kind="issue",
                    topic_id="dat_dai",
                    title=f"Vấn đề {i}",
                    payload=payload,
                )
                alert_repo.create_alert(session, alert, ["webhook"], now)
        start = time.perf_counter()
        flush_outbox(hook_app, now=now)
        bundled_times.append(time.perf_counter() - start)
        body = json.dumps({"alerts": [{"title": "Vấn đề", **payload}]}, ensure_ascii=False).encode()
        start = time.perf_counter()
        for _ in range(alerts):
            request = urllib.request.Request(
                hook, data=body, method="POST", headers={"Content-Type": "application/json"}
            )
            with urllib.request.urlopen(request, timeout=10):
                pass
        single_times.append(time.perf_counter() - start)
    server.shutdown()
    return statistics.median(bundled_times), statistics.median(single_times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--days", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--alerts", type=int, default=300)
    args = parser.parse_args()
    path = corpus_dir() / "bench.jsonl"
    if not path.exists():
        print(f"corpus not found at {path}: nothing to measure")
        return 0
    data = Path(tempfile.mkdtemp(prefix="duluan-bench-"))
    app = load_config({"data_dir": data}, environ={})
    start = time.perf_counter()
    load(app, path, args.articles, args.days)
    annotate = run_annotate(app).as_stats()
    setup = time.perf_counter() - start
    url = app.settings.resolved_database_url
    start_day, end_day = day_bounds(DAY, TZ)
    lookback = app.settings.story_window_days + app.settings.issue_window_days

    def baseline() -> None:
        with session_scope(url) as session:
            repo.annotated_between(session, start_day - dt.timedelta(days=lookback), end_day)
            topic_mentions(session, start_day - dt.timedelta(days=app.settings.baseline_days), end_day)

    now = end_day + dt.timedelta(hours=6)
    base = timed(baseline, args.repeat)
    detect = timed(lambda: run_detect(app, DAY, now=now), args.repeat)
    alerts = timed(lambda: run_alerts(app, DAY, now=now), args.repeat)
    digest = timed(lambda: run_digest(app, DAY, now=now, detect=False, deliver=False), args.repeat)
    stats = run_detect(app, DAY, now=now).as_stats()
    print(
        f"{args.articles} articles over {args.days} days ({annotate['annotated']} annotated in "
        f"{setup:.0f} s, not timed below); day {DAY}: {stats['issues']} issues, {len(stats['bursts'])} bursts"
    )
    print(f"{'stage':34} {'seconds':>8} {'x baseline':>11}")
    print(f"{'baseline: load the window':34} {base:8.3f} {1.0:11.2f}")
    for name, value in (
        ("detect (stories, baselines, scores)", detect),
        ("alerts (rules, cooldown, outbox)", alerts),
        ("digest (context, chart, render)", digest),
    ):
        print(f"{name:34} {value:8.3f} {value / base:11.2f}")
    bundled, single = outbox_bench(app, args.alerts, args.repeat)
    print(
        f"outbox: {args.alerts} alerts to 5 bodies by webhook, bundled {bundled:.3f} s vs one POST per alert "
        f"{single:.3f} s: {single / bundled:.2f}x faster"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
