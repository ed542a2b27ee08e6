"""Grassroots reports at 1,000 a day: intake (checks, storage, annotation) against bare `nlp.annotate` on the
same texts, detection and the digest with and without them, and the phone form's POST against its GET.

Runs the demo pipeline into a temporary folder (SQLite), then adds 1,000 reports written from our own
sentence patterns on the demo day. Prints each figure beside its baseline from the same run. Usage:

    python bench/grassroots.py [--reports 1000] [--posts 30]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path
from fastapi.testclient import TestClient

from config import load_config
from nlp.annotate import annotate, options_for
from nlp.gazetteer import reporting_units
from nlp.schema import ArticleText
from pipeline.annotate.grassroots import Fields, intake, validate
from pipeline.detect.issues import run_detect
from pipeline.digest.core import render
from pipeline.runtime.demo import run_demo
from pipeline.web.app import create_app
from pipeline.web.auth import add_user

PATTERNS = (
    (
        "moi_truong",
        "Bà con {unit} phản ánh bãi rác tạm gây mùi hôi, nước suối đục, lo ô nhiễm môi trường kéo dài.",
    ),
    (
        "dat_dai",
        "Nhiều hộ ở {unit} băn khoăn vì hồ sơ cấp giấy chứng nhận quyền sử dụng đất chậm có kết quả.",
    ),
    ("giao_thong", "Người dân {unit} lo ngại đoạn đường đèo sạt lở, xe tải chạy quá tốc độ qua khu dân cư."),
    ("gia_ca_thi_truong", "Tiểu thương chợ {unit} than giá rau, thịt tăng mạnh sau đợt rét, sức mua giảm."),
    ("an_sinh_xa_hoi", "Công nhân ở {unit} bàn tán chuyện công ty chậm trả lương, nợ bảo hiểm xã hội."),
    ("y_te_thuc_pham", "Phụ huynh {unit} lo lắng về bữa ăn bán trú sau vụ ngộ độc thực phẩm ở huyện bên."),
    ("giao_duc", "Giáo viên và phụ huynh {unit} băn khoăn về việc sắp xếp lại điểm trường sau sáp nhập xã."),
    (None, "Người dân {unit} đồng tình với việc xã tổ chức đối thoại, mong được trả lời các kiến nghị sớm."),
)
SPREADS = ("ca_biet", "nhieu_nguoi", "lan_rong")
MOODS = ("dong_tinh", "ban_khoan", "buc_xuc")


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = load_config({"data_dir": Path(tmp)}, environ={})
        result = run_demo(app)
        day = result.day
        units = reporting_units()
        fields = []
        for n in range(args.reports):
            topic, text = PATTERNS[n % len(PATTERNS)]
            unit = units[n % len(units)]
            fields.append(
                Fields(
                    text=text.format(unit=unit) + f" (ý kiến {n})",
                    unit=unit,
                    spread=SPREADS[n % 3],
                    mood=MOODS[(n // 3) % 3],
                    heard_at="cho",
                    heard_on=day,
                    topic=topic if n % 2 else None,
                )
            )
        options = options_for(app.topics.topics, app.settings.model_dir)
        bare = timed(
            lambda: [
                annotate(ArticleText(id=0, title=None, sapo=None, text=f.text or ""), options=options)
                for f in fields
            ]
        )
        reports = []
        for n, f in enumerate(fields):
            report, problems = validate(app, f, token=f"bench:{n}", channel="import", today=day)
            assert report is not None, problems
            reports.append(report)
        detect_before = timed(lambda: run_detect(app, day))
        digest_before = timed(lambda: render(app, day))
        stored = timed(lambda: intake(app, reports))
        detect_after = timed(lambda: run_detect(app, day))
        digest_after = timed(lambda: render(app, day))
        n = args.reports
        print(
            f"{n} reports: intake {stored:.2f} s ({stored / n * 1000:.1f} ms each) "
            f"vs bare annotate {bare:.2f} s ({bare / n * 1000:.1f} ms each): ratio {stored / bare:.2f}"
        )
        print(
            f"detect the day: {detect_after:.2f} s with the reports vs {detect_before:.2f} s without "
            f"(ratio {detect_after / detect_before:.2f})"
        )
        print(
            f"digest of the day: {digest_after:.2f} s with the reports vs {digest_before:.2f} s without "
            f"(ratio {digest_after / digest_before:.2f})"
        )

        add_user(app.settings, "ctv_bench", "cong_tac_vien", "mật-khẩu-dài-đủ", "xã Cai Kinh")
        client = TestClient(create_app(app), base_url="http://127.0.0.1")
        page = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token
        client.post(
            "/login",
            data={"username": "ctv_bench", "password": "mật-khẩu-dài-đủ", "csrf_token": token.group(1)},
        )
        gets, posts, server = [], [], []
        for k in range(args.posts):
            start = time.perf_counter()
            form = client.get("/bao-cao").text
            gets.append(time.perf_counter() - start)
            hidden = dict(re.findall(r'<input type="hidden" name="(csrf_token|token)" value="([^"]+)"', form))
            data = {
                **hidden,
                "text": PATTERNS[k % 7][1].format(unit="xã Cai Kinh"),
                "unit": "xã Cai Kinh",
                "spread": "nhieu_nguoi",
                "mood": "ban_khoan",
                "heard_at": "cho",
            }
            start = time.perf_counter()
            response = client.post("/bao-cao", data=data, follow_redirects=False)
            posts.append(time.perf_counter() - start)
            assert response.status_code == 303, response.text[:200]
            server.append(float(response.headers["server-timing"].split("dur=")[1]))
        gets.sort()
        posts.sort()
        server.sort()
        mid = len(posts) // 2
        print(
            f"form POST (store + annotate): median {posts[mid] * 1000:.0f} ms, "
            f"max {posts[-1] * 1000:.0f} ms; "
            f"server time median {server[mid]:.0f} ms, max {server[-1]:.0f} ms; "
            f"form GET median {gets[mid] * 1000:.0f} ms (ratio POST/GET {posts[mid] / gets[mid]:.2f})"
        )
        client.close()


if __name__ == "__main__":
    main()
