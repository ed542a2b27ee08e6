"""How a story is scored as a pressing issue, and how a topic's day compares with its own past.

Pure functions (no storage): the detection job and the alert rules feed them counts.

Growth and bursts: the day's count of a topic's articles (originals, copies left out) is tested against
the topic's own baseline, the mean daily count over the previous `baseline_days` days, as a Poisson
count. The rate is smoothed (half an article spread over one extra day) so a topic that was silent is
not infinitely surprising: with a silent baseline, 1 article gives p ≈ 0.03, 3 articles p ≈ 6·10⁻⁶.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scipy.stats import poisson

from pipeline.render import vnum

PRIOR_COUNT = 0.5
PRIOR_DAYS = 1.0
MAX_SURPRISE = 12.0

# Score parts (points). Each is explained in the text with the values it came from.
VOLUME_WEIGHT = 2.0  # x log2(1 + articles), copies counted half
OUTLET_WEIGHT = 1.5  # per outlet beyond the first
TODAY_WEIGHT = 0.5  # per article of the story published on the day
GROWTH_WEIGHT = 0.5  # x -log10(p) of the topic's day against its baseline …
GROWTH_CAP = 3.0  # … at most this
NEGATIVE_WEIGHT = 2.0  # x share of the story's articles with a negative tone
SEVERITY_WEIGHT = 1.0  # x (topic severity - 1), severity 1..3
LOCAL_POINTS = 1.5  # when an article concerns the province
GRASSROOTS_WEIGHT = 1.5  # x log2(1 + the collaborators' reports weighed by spread and mood) …
GRASSROOTS_CAP = 6.0  # … at most this
SPREAD_WEIGHT = {"ca_biet": 1.0, "nhieu_nguoi": 2.0, "lan_rong": 3.0}
MOOD_WEIGHT = {"dong_tinh": 0.5, "ban_khoan": 1.0, "buc_xuc": 1.5}


@dataclass(frozen=True)
class Baseline:
    """A topic's count on the day against its daily counts over the previous days (oldest first)."""

    topic_id: str
    today: int
    history: tuple[int, ...]

    @property
    def mean(self) -> float:
        return sum(self.history) / len(self.history) if self.history else 0.0

    @property
    def rate(self) -> float:
        """Smoothed expected count for the day."""
        return (sum(self.history) + PRIOR_COUNT) / (len(self.history) + PRIOR_DAYS)

    @property
    def p_value(self) -> float:
        """P(X >= today) for X ~ Poisson(rate): how improbable the day is for this topic."""
        if self.today <= 0:
            return 1.0
        return float(poisson.sf(self.today - 1, self.rate))

    @property
    def z(self) -> float:
        return (self.today - self.rate) / math.sqrt(self.rate)

    @property
    def surprise(self) -> float:
        """-log10 of the p-value (0 = ordinary day), capped."""
        p = self.p_value
        return MAX_SURPRISE if p <= 10**-MAX_SURPRISE else max(0.0, min(MAX_SURPRISE, -math.log10(p)))

    def is_burst(self, *, max_p_value: float, min_articles: int) -> bool:
        return self.today >= min_articles and self.p_value < max_p_value

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic_today": self.today,
            "baseline_days": len(self.history),
            "baseline_mean": round(self.mean, 3),
            "baseline_rate": round(self.rate, 3),
            "p_value": float(f"{self.p_value:.3g}"),
            "z": round(self.z, 2),
        }


@dataclass(frozen=True)
class GrassrootsFacts:
    """The collaborators' reports matched to a story or a topic's day (the second signal)."""

    report_ids: tuple[int, ...]
    today: int  # heard on the day
    spread: dict[str, int]  # ca_biet | nhieu_nguoi | lan_rong -> reports
    mood: dict[str, int]  # dong_tinh | ban_khoan | buc_xuc -> reports
    units: tuple[str, ...]
    weight: float  # the sum of report_weight over the reports

    @property
    def reports(self) -> int:
        return len(self.report_ids)

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "today": self.today,
            "spread": dict(self.spread),
            "mood": dict(self.mood),
            "weight": round(self.weight, 2),
            "units": list(self.units),
            "report_ids": list(self.report_ids),
        }


def report_weight(spread: str, mood: str) -> float:
    """One report weighed by how widespread (1–3) and how heated (0.5–1.5) its collaborator judged it:
    a single agreeing remark counts 0.5, a widespread outcry 4.5."""
    return SPREAD_WEIGHT.get(spread, 1.0) * MOOD_WEIGHT.get(mood, 1.0)


def grassroots_points(g: GrassrootsFacts) -> float:
    return min(GRASSROOTS_CAP, GRASSROOTS_WEIGHT * math.log2(1 + g.weight))


@dataclass(frozen=True)
class StoryFacts:
    """What the score of a story is computed from."""

    articles: int
    copies: int
    articles_today: int
    outlets: tuple[str, ...]
    negative: int
    severity: int
    local: bool
    baseline: Baseline
    extra: dict[str, Any] = field(default_factory=dict)
    grassroots: GrassrootsFacts | None = None  # the collaborators' reports, when there are any


def score_parts(facts: StoryFacts) -> dict[str, float]:
    originals = facts.articles - facts.copies
    volume = originals + 0.5 * facts.copies
    share_negative = facts.negative / facts.articles if facts.articles else 0.0
    parts = {
        "volume": VOLUME_WEIGHT * math.log2(1 + volume),
        "outlets": OUTLET_WEIGHT * max(0, len(facts.outlets) - 1),
        "today": TODAY_WEIGHT * facts.articles_today,
        "growth": min(GROWTH_CAP, GROWTH_WEIGHT * facts.baseline.surprise),
        "negativity": NEGATIVE_WEIGHT * share_negative,
        "severity": SEVERITY_WEIGHT * (facts.severity - 1),
        "local": LOCAL_POINTS if facts.local else 0.0,
    }
    if facts.grassroots is not None and facts.grassroots.reports:
        parts["grassroots"] = grassroots_points(facts.grassroots)
    return {k: round(v, 1) for k, v in parts.items()}


def score_story(facts: StoryFacts) -> tuple[float, dict[str, Any]]:
    """The score (the sum of its parts, as shown) and its explanation: factors, values and a sentence."""
    parts = score_parts(facts)
    score = round(sum(parts.values()), 1)
    explanation: dict[str, Any] = {
        "articles": facts.articles,
        "copies": facts.copies,
        "articles_today": facts.articles_today,
        "outlet_count": len(facts.outlets),
        "outlets": list(facts.outlets),
        "negative": facts.negative,
        "severity": facts.severity,
        "local": facts.local,
        **facts.baseline.as_dict(),
        "parts": parts,
        **facts.extra,
    }
    if facts.grassroots is not None and facts.grassroots.reports:
        explanation["grassroots"] = facts.grassroots.as_dict()
    explanation["text"] = explain(score, explanation)
    return score, explanation


def _p(p: float) -> str:
    return "p < 0,0001" if p < 0.0001 else f"p = {vnum(p, 4)}"


_SPREAD_NAMES = {"lan_rong": "lan rộng", "nhieu_nguoi": "nhiều người", "ca_biet": "cá biệt"}
_MOOD_NAMES = {"buc_xuc": "bức xúc", "ban_khoan": "băn khoăn", "dong_tinh": "đồng tình"}


def _grassroots_item(points: float, g: dict[str, Any]) -> str:
    spread = ", ".join(f"{n} {_SPREAD_NAMES[k]}" for k in _SPREAD_NAMES if (n := g.get("spread", {}).get(k)))
    mood = ", ".join(f"{n} {_MOOD_NAMES[k]}" for k in _MOOD_NAMES if (n := g.get("mood", {}).get(k)))
    return (
        f"dư luận cơ sở {vnum(points)} ({g.get('reports', 0)} báo cáo của cộng tác viên, "
        f"{g.get('today', 0)} trong ngày; mức độ: {spread or '—'}; thái độ: {mood or '—'})"
    )


def explain(score: float, e: dict[str, Any]) -> str:
    """The plain Vietnamese explanation of a score: each factor with its points and the values behind it."""
    parts = e.get("parts", {})
    if not e.get("articles") and "grassroots" in parts:  # a topic only the collaborators report
        items = [
            _grassroots_item(parts["grassroots"], e.get("grassroots", {})),
            f"mức độ nghiêm trọng {vnum(parts.get('severity', 0.0))} (cấp {e.get('severity', 2)}/3)",
            f"liên quan địa phương {vnum(parts.get('local', 0.0))}",
        ]
        return f"Điểm {vnum(score)} = " + " + ".join(items) + "; báo chí chưa phản ánh."
    copies = f", {e['copies']} bài đăng lại" if e.get("copies") else ""
    items = [
        f"số bài {vnum(parts.get('volume', 0.0))} ({e.get('articles', 0)} bài{copies})",
        f"số cơ quan báo chí {vnum(parts.get('outlets', 0.0))} ({e.get('outlet_count', 0)} cơ quan)",
        f"bài mới trong ngày {vnum(parts.get('today', 0.0))} ({e.get('articles_today', 0)} bài)",
    ]
    if "p_value" in e:
        items.append(
            f"tăng so với {e.get('baseline_days', 0)} ngày trước {vnum(parts.get('growth', 0.0))} "
            f"(lĩnh vực có {e['topic_today']} bài trong ngày, trung bình "
            f"{vnum(float(e['baseline_mean']), 2)} bài/ngày, {_p(float(e['p_value']))})"
        )
    items.append(
        f"mức độ tiêu cực {vnum(parts.get('negativity', 0.0))} "
        f"({e.get('negative', 0)}/{e.get('articles', 0)} bài có sắc thái tiêu cực)"
    )
    items.append(f"mức độ nghiêm trọng {vnum(parts.get('severity', 0.0))} (cấp {e.get('severity', 2)}/3)")
    items.append(
        f"liên quan địa phương {vnum(parts.get('local', 0.0))}"
        + ("" if e.get("local") else " (không đề cập trực tiếp đến tỉnh)")
    )
    if "grassroots" in parts:
        items.append(_grassroots_item(parts["grassroots"], e.get("grassroots", {})))
    return f"Điểm {vnum(score)} = " + " + ".join(items) + "."


def baseline_of(topic_id: str, daily: Sequence[int], today: int) -> Baseline:
    return Baseline(topic_id=topic_id, today=today, history=tuple(daily))
