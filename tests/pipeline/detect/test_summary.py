"""Extractive summaries: 2–3 sentences of the lead article, the ones the story's coverage repeats."""

from __future__ import annotations

import pytest

from pipeline.detect.summary import sentences, summarize
from storage.records import ArticleView


def view(i: int, *, title: str, sapo: str = "", text: str = "") -> ArticleView:
    return ArticleView(
        id=i,
        url=f"http://127.0.0.1/{i}",
        source_id="xl",
        source_name="Báo thử",
        scope="province",
        title=title,
        sapo=sapo,
        text=text,
        published_at=None,
        topics={},
        evidence={},
        places=[],
        tone="neutral",
        local=True,
        dup_of=None,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sáng nay UBND TP. Lạng Sơn họp bàn. Cuộc họp kéo dài hai giờ.", 2),
        ("Ông A nói: “Chúng tôi sẽ xử lý.” Người dân đồng tình với cách làm.", 2),
        ("Giá xăng tăng 3.000 đồng mỗi lít từ chiều nay. Người dân lo lắng.", 2),
        ("Một câu duy nhất không có dấu chấm cuối", 1),
    ],
)
def test_sentences_split_on_real_boundaries_only(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected


def test_summary_takes_two_or_three_sentences_of_the_lead() -> None:
    lead = view(
        1,
        title="Cá chết hàng loạt trên suối Bản Chắt",
        sapo="Người dân xã Cai Kinh phát hiện cá chết hàng loạt trên suối Bản Chắt.",
        text="Nước suối chuyển màu đen và bốc mùi hôi. Đoàn kiểm tra đã lấy mẫu nước. "
        "Thời tiết hôm nay nắng ráo. Chợ phiên vẫn họp bình thường. Học sinh đi học đầy đủ.",
    )
    summary = summarize(lead, [lead])
    count = len(sentences(summary))
    assert 2 <= count <= 3
    assert all(s in f"{lead.sapo} {lead.text}" for s in sentences(summary))


def test_summary_prefers_what_the_other_articles_repeat() -> None:
    lead = view(
        1,
        title="Suối Bản Chắt ô nhiễm",
        sapo="Chiều qua trời mưa nhỏ ở nhiều nơi trong tỉnh.",
        text="Thời tiết các ngày tới tiếp tục mát mẻ. Chợ phiên vẫn họp bình thường. "
        "Nhà máy tinh bột Hưng Phát xả nước thải ra suối Bản Chắt. Học sinh đi học đầy đủ.",
    )
    others = [
        view(
            2, title="Nhà máy tinh bột Hưng Phát xả nước thải ra suối", sapo="Xả nước thải ra suối Bản Chắt."
        ),
        view(3, title="Phạt nhà máy tinh bột Hưng Phát", sapo="Nhà máy tinh bột Hưng Phát bị phạt."),
    ]
    assert "Nhà máy tinh bột Hưng Phát xả nước thải ra suối Bản Chắt." in summarize(lead, [lead, *others])
