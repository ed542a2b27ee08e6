"""Tone (negative / neutral / positive) from a small Vietnamese lexicon with negation."""

from __future__ import annotations

from nlp.text import words

NEGATIVE = (
    "ô nhiễm",
    "sai phạm",
    "vi phạm",
    "bức xúc",
    "thiệt hại",
    "tử vong",
    "thiệt mạng",
    "bị thương",
    "khởi tố",
    "bắt giữ",
    "lừa đảo",
    "tham nhũng",
    "ùn tắc",
    "sạt lở",
    "chậm trễ",
    "xuống cấp",
    "khiếu nại",
    "tố cáo",
    "nghiêm trọng",
    "hư hỏng",
    "mất an toàn",
    "buôn lậu",
    "cháy",
    "ngập",
    "hối lộ",
    "tai nạn",
    "thua lỗ",
    "nợ đọng",
    "gian lận",
    "bỏ hoang",
    "hôi thối",
    "xử phạt",
)
POSITIVE = (
    "thành công",
    "hiệu quả",
    "phát triển",
    "khen thưởng",
    "tích cực",
    "nâng cao",
    "hoàn thành",
    "vượt kế hoạch",
    "an toàn",
    "ổn định",
    "thuận lợi",
    "tăng trưởng",
    "đạt giải",
    "vinh danh",
    "cải thiện",
    "khánh thành",
    "hỗ trợ",
    "xuất sắc",
    "sôi nổi",
    "đổi mới",
)
NEGATIONS = ("không", "chưa", "chẳng", "chả", "đừng", "không hề")
INTENSIFIERS = {"rất": 1.5, "cực kỳ": 2.0, "hết sức": 1.8, "vô cùng": 1.8, "đặc biệt": 1.5, "quá": 1.3}


def _phrase_hits(tokens: list[str], phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    hits = []
    for phrase in phrases:
        parts = phrase.split()
        n = len(parts)
        for i in range(len(tokens) - n + 1):
            if tokens[i : i + n] == parts:
                hits.append((i, n))
    return hits


def tone(text: str) -> tuple[str, float]:
    """('negative'|'neutral'|'positive', score in -1..1)."""
    tokens = words(text)
    if not tokens:
        return "neutral", 0.0
    total = 0.0
    for sign, lexicon in ((-1.0, NEGATIVE), (1.0, POSITIVE)):
        for start, _ in _phrase_hits(tokens, lexicon):
            window = tokens[max(0, start - 3) : start]
            value = sign
            if any(" ".join(window[j:]) in NEGATIONS for j in range(len(window))):
                value = -value
            for k, factor in INTENSIFIERS.items():
                if " ".join(window).endswith(k):
                    value *= factor
            total += value
    score = max(-1.0, min(1.0, total / (len(tokens) ** 0.5)))
    label = "negative" if score <= -0.15 else "positive" if score >= 0.15 else "neutral"
    return label, round(score, 3)
