"""Words per second on one long document against the same text as ordinary letters.

    OMP_NUM_THREADS=1 python benchmarks/bench_long.py [--words 100000]

The corpus letters (prepared) are run one by one, then concatenated, repeated to about ``--words``
words, as a single document, through the whole diplokg pipeline in this process. Prints both rates,
their ratio (issue #16 asks at least 0.8) and the seconds per component on the long document, so a
component that grows faster than the text shows at once.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from pipeline.config import DEFAULT_CORPUS, DEFAULT_MODEL
from pipeline.nlp import build_nlp, make_doc
from pipeline.text import prepare


def run(nlp, text: str, date: str | None, per_component: dict[str, float] | None = None) -> float:
    doc = make_doc(nlp, text, "bench", date, None)
    started = time.perf_counter()
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        if per_component is not None:
            per_component[name] += time.perf_counter() - t
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args()
    nlp = build_nlp(args.model)
    letters = [prepare(p) for p in sorted(DEFAULT_CORPUS.glob("*.txt"))]
    run(nlp, letters[0].text, letters[0].meta.date)  # warm-up (lookups, caches)
    words = sum(len(p.text.split()) for p in letters)
    seconds = sum(run(nlp, p.text, p.meta.date) for p in letters)
    ordinary = words / seconds
    one = "\n\n".join(p.text for p in letters)
    long_text = "\n\n".join([one] * max(1, round(args.words / words)))
    long_words = len(long_text.split())
    per_component: dict[str, float] = defaultdict(float)
    long_rate = long_words / run(nlp, long_text, letters[0].meta.date, per_component)
    print(f"ordinary letters  {words:>8,} words  {ordinary:>7,.0f} words/s")
    print(f"one long document {long_words:>8,} words  {long_rate:>7,.0f} words/s   ratio {long_rate / ordinary:.2f}")
    print("seconds per component on the long document:")
    for name, secs in sorted(per_component.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28} {secs:6.2f}")


if __name__ == "__main__":
    main()
