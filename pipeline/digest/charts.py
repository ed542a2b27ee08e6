"""The 14-day topic trend chart of the digest: a PNG drawn with matplotlib's Agg canvas (no display,
no pyplot global state, so it is safe in the scheduler's worker threads)."""

from __future__ import annotations

import io
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from pipeline.render import clip

MAX_LINES = 5
COLOURS = ("#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a")


def top_topics(counts: dict[str, list[int]], n: int = MAX_LINES) -> list[str]:
    """The topics with the most articles over the period (ties by id), at most n, none empty."""
    ranked = sorted((t for t, c in counts.items() if sum(c) > 0), key=lambda t: (-sum(counts[t]), t))
    return ranked[:n]


def trend_png(days: list[date], counts: dict[str, list[int]], names: dict[str, str]) -> bytes:
    """Lines of the daily article counts of the busiest topics; a PNG of 680 x 260 pixels."""
    figure = Figure(figsize=(6.8, 2.6), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_subplot(1, 1, 1)
    x = list(range(len(days)))
    for colour, topic in zip(COLOURS, top_topics(counts), strict=False):
        ax.plot(
            x,
            counts[topic],
            marker="o",
            markersize=3,
            linewidth=1.6,
            color=colour,
            label=clip(names.get(topic, topic), 40),
        )
    ax.set_xticks(x)
    ax.set_xticklabels([f"{d:%d/%m}" for d in days], fontsize=7, rotation=0)
    ax.tick_params(axis="y", labelsize=7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(bottom=0)
    ax.set_ylabel("Số bài/ngày", fontsize=8)
    ax.set_title(f"Xu hướng {len(days)} ngày theo lĩnh vực", fontsize=9, loc="left")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def sparkline(values: list[int]) -> str:
    """A text rendering of a series for the plain-text digest (▁▂▃▄▅▆▇█)."""
    bars = "▁▂▃▄▅▆▇█"
    top = max(values) if values else 0
    if top <= 0:
        return bars[0] * len(values)
    return "".join(bars[min(len(bars) - 1, round(v / top * (len(bars) - 1)))] for v in values)
