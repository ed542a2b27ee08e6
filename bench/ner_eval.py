"""Names of places, organisations and people: underthesea's CRF NER against our gazetteer and patterns.

On sentences we wrote (bench/data/entities_gold.txt, entities marked [PER …], [LOC …], [ORG …]), prints
precision, recall and F1 per type for: underthesea.ner (CRF; "đồng chí Hoàng Văn Nghiệm" comes out as a
place), the gazetteer and patterns of nlp/ (places, organisations, people), and their combination as
`nlp.ner.combined` does it; then the time each takes on the same sentences. Usage:

    python bench/ner_eval.py [--errors]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from common import ROOT, corpus_dir  # noqa: F401 - first: puts the repository on the path

from nlp.ner import Entity, combined, core, crf_entities, pattern_entities
from nlp.text import normalize

GOLD = ROOT / "bench" / "data" / "entities_gold.txt"
_MARK = re.compile(r"\[(PER|LOC|ORG) ([^\]]+)\]")
TYPES = ("PER", "LOC", "ORG")


def read_gold(path: Path = GOLD) -> dict[str, list[tuple[str, set[tuple[str, str]]]]]:
    """Sentences with their gold entities, in two parts: those the patterns were tuned on ("tuned"),
    and those written last, after all tuning ("later", after the "# ---" line)."""
    parts: dict[str, list[tuple[str, set[tuple[str, str]]]]] = {"tuned": [], "later": []}
    part = "tuned"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ---"):
            part = "later"
        if not line.strip() or line.startswith("#"):
            continue
        gold = {(kind, core(kind, text)) for kind, text in _MARK.findall(line)}
        parts[part].append((normalize(_MARK.sub(lambda m: m.group(2), line)), gold))
    return parts


def score(
    sentences: list[tuple[str, set[tuple[str, str]]]],
    finder: Callable[[str], list[Entity]],
    errors: list[str],
) -> tuple[dict[str, Counter[str]], float]:
    counts: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    started = time.perf_counter()
    found_all = [finder(text) for text, _ in sentences]
    elapsed = time.perf_counter() - started
    for (text, gold), found in zip(sentences, found_all, strict=True):
        predicted = {(e.kind, core(e.kind, e.text)) for e in found if e.kind in TYPES}
        for kind, name in predicted | gold:
            key = (
                "tp"
                if (kind, name) in predicted and (kind, name) in gold
                else "fp"
                if (kind, name) in predicted
                else "fn"
            )
            counts[kind][key] += 1
            if key != "tp":
                errors.append(f"{key.upper()} {kind} {name!r} in: {text[:70]}")
    return counts, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    parts = read_gold()
    crf_entities("khởi động")  # load the models before timing
    pattern_entities("khởi động")
    for part, sentences in (("all", parts["tuned"] + parts["later"]), ("later only", parts["later"])):
        entities = sum(len(g) for _, g in sentences)
        print(f"\n{part}: {len(sentences)} sentences, {entities} entities")
        print(f"{'method':22} {'type':4} {'P':>6} {'R':>6} {'F1':>6}   time")
        for name, finder in (
            ("underthesea CRF NER", crf_entities),
            ("gazetteer + patterns", pattern_entities),
            ("combined", combined),
        ):
            errors: list[str] = []
            counts, elapsed = score(sentences, finder, errors)
            for kind in TYPES:
                c = counts[kind]
                p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
                r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
                f = 2 * p * r / (p + r) if p + r else 0.0
                print(f"{name:22} {kind:4} {p:6.3f} {r:6.3f} {f:6.3f}   {elapsed * 1000:.0f} ms")
            if args.errors and part == "all":
                print("\n".join(f"  {e}" for e in errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
