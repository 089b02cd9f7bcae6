"""Throughput and memory of the Dutch pipeline on the project's own corpus.

Reads ``data/corpus/*.txt`` raw (PDF-extraction artefacts included: that is what the
pipeline gets), repeats the letters until there are at least ``--min-words`` words, and
times ``nlp.pipe`` with one process and with ``--processes`` processes, next to a blank
``spacy.blank("nl")`` tokenizer on the same text as the ceiling.

    OMP_NUM_THREADS=1 /work/venv/bin/python benchmarks/bench_pipeline.py [--model PATH]

``--full`` measures the whole diplokg path instead of the bare model: text preparation, the
trained model, the gazetteer and every domain component, and the Extraction dataclasses
(``pipeline.run.extract_files``: one process, then a pool of ``--processes`` workers that each
load the pipeline once), on copies of the letters written to a temporary folder.

    OMP_NUM_THREADS=1 /work/venv/bin/python benchmarks/bench_pipeline.py --full
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy
from spacy.language import Language

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = REPO / "data" / "models" / "nl_diplokg"
DEFAULT_CORPUS = REPO / "data" / "corpus"


def load_pipeline(model: Path = DEFAULT_MODEL) -> Language:
    """The pipeline under test. Hook: swap in the full diplokg pipeline here."""
    return spacy.load(model)


def corpus_texts(corpus: Path, min_words: int) -> list[str]:
    """The corpus letters (one text per file), repeated until ``min_words`` words."""
    letters = [p.read_text(encoding="utf8") for p in sorted(corpus.glob("*.txt"))]
    if not letters:
        raise SystemExit(f"no .txt files in {corpus}")
    texts: list[str] = []
    words = 0
    while words < min_words:
        for text in letters:
            texts.append(text)
            words += len(text.split())
    return texts


def count_words(texts: Sequence[str]) -> int:
    """Whitespace words: the same unit for the pipeline and the tokenizer ceiling."""
    return sum(len(t.split()) for t in texts)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(who).ru_maxrss * scale / 1e6


def time_pipe(nlp: Language, texts: Sequence[str], n_process: int, batch_size: int, repeats: int) -> float:
    """Best wall time over ``repeats`` full passes (best-of: least disturbed by other jobs)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def python_heap_peak_mb(nlp: Language, texts: Sequence[str], batch_size: int) -> float:
    """tracemalloc peak of one single-process pass (Python-level allocations only; slows the run)."""
    tracemalloc.start()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def run(
    model: Path = DEFAULT_MODEL,
    corpus: Path = DEFAULT_CORPUS,
    min_words: int = 100_000,
    processes: int = 2,
    batch_size: int = 4,
    repeats: int = 3,
    heap: bool = False,
    loader: Callable[[Path], Language] = load_pipeline,
) -> dict[str, float]:
    """Measure and print; return the figures (words/s, seconds, MB)."""
    texts = corpus_texts(corpus, min_words)
    n_words = count_words(texts)
    out: dict[str, float] = {"words": n_words, "texts": len(texts), "rss_start_mb": peak_rss_mb()}

    ceiling = spacy.blank("nl")
    t = time_pipe(ceiling, texts, 1, batch_size, repeats)
    out["tokenizer_wps"] = n_words / t

    start = time.perf_counter()
    nlp = loader(model)
    out["load_s"] = time.perf_counter() - start
    out["rss_after_load_mb"] = peak_rss_mb()
    nlp(texts[0])  # warm-up: first call allocates the model's work buffers

    t = time_pipe(nlp, texts, 1, batch_size, repeats)
    out["pipeline_wps_1proc"] = n_words / t
    out["pipeline_s_1proc"] = t
    out["rss_peak_1proc_mb"] = peak_rss_mb()
    if heap:
        out["python_heap_peak_mb"] = python_heap_peak_mb(nlp, texts[: max(1, len(texts) // 10)], batch_size)
    if processes > 1:
        t = time_pipe(nlp, texts, processes, batch_size, repeats)
        out[f"pipeline_wps_{processes}proc"] = n_words / t
        out[f"pipeline_s_{processes}proc"] = t
        out["rss_peak_children_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN)

    print(f"model      {model}  ({', '.join(nlp.pipe_names)})")
    print(f"text       {len(texts)} letters from {corpus}, {n_words:,} words; batch_size={batch_size}")
    print(f"threads    OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}; best of {repeats}")
    print(f"load       {out['load_s']:.2f} s")
    print(f"tokenizer  {out['tokenizer_wps']:>10,.0f} words/s   (spacy.blank('nl'), ceiling)")
    print(
        f"pipeline   {out['pipeline_wps_1proc']:>10,.0f} words/s   1 process, "
        f"{out['pipeline_wps_1proc'] / out['tokenizer_wps']:.1%} of the ceiling"
    )
    if processes > 1:
        wps = out[f"pipeline_wps_{processes}proc"]
        print(
            f"pipeline   {wps:>10,.0f} words/s   {processes} processes, "
            f"{wps / out['tokenizer_wps']:.1%} of the ceiling, x{wps / out['pipeline_wps_1proc']:.2f} vs 1"
        )
    print(
        f"memory     peak RSS {out['rss_peak_1proc_mb']:.0f} MB (main process; "
        f"{out['rss_start_mb']:.0f} MB before loading, {out['rss_after_load_mb']:.0f} MB after)"
    )
    if processes > 1:
        print(f"           peak RSS of the largest worker process {out['rss_peak_children_mb']:.0f} MB")
    if heap:
        print(f"           Python heap peak (tracemalloc, 10% slice) {out['python_heap_peak_mb']:.1f} MB")
    return out


def time_full(paths: Sequence[Path], model: Path, n_process: int, repeats: int) -> tuple[float, float]:
    """Best wall time and best CPU time of this process for the whole diplokg path (prepare -> nlp ->
    from_doc) over ``paths``. With one process the CPU time is the work itself, whatever else the machine
    runs (a shared machine's wall clock varied 4,000-4,800 words/s between runs minutes apart)."""
    from pipeline.run import extract_files

    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeats):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        for result in extract_files(list(paths), model, n_process):
            if isinstance(result, Exception):
                raise SystemExit(str(result))
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu


def run_full(model: Path, corpus: Path, min_words: int, processes: int, repeats: int) -> dict[str, float]:
    """The whole pipeline, beside the tokenizer ceiling, measured in one run."""
    import tempfile

    texts = corpus_texts(corpus, min_words)
    n_words = count_words(texts)
    ceiling = n_words / time_pipe(spacy.blank("nl"), texts, 1, 4, repeats)
    letters = sorted(corpus.glob("*.txt"))
    out: dict[str, float] = {"words": n_words, "tokenizer_wps": ceiling}
    with tempfile.TemporaryDirectory(prefix="diplokg-bench-") as tmp:
        paths = []
        for i, _ in enumerate(texts):
            source = letters[i % len(letters)]
            target = Path(tmp) / f"{i:03d}_{source.name}"
            target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
            meta = source.with_name(source.name + ".meta.json")
            if meta.exists():
                target.with_name(target.name + ".meta.json").write_text(meta.read_text(encoding="utf-8"))
            paths.append(target)
        # Load time: paid by every pass of the pool (workers load their own pipeline), by the first one-process
        # pass only (the pipeline stays loaded in this process); reported separately.
        start = time.perf_counter()
        from pipeline.nlp import build_nlp

        build_nlp(model)
        out["load_s"] = time.perf_counter() - start
        t1, cpu1 = time_full(paths, model, 1, repeats)
        out["full_wps_1proc"] = n_words / t1
        out["full_wpcs_1proc"] = n_words / cpu1
        if processes > 1:
            tn, _ = time_full(paths, model, processes, repeats)
            out[f"full_wps_{processes}proc"] = n_words / tn
    out["rss_peak_mb"] = peak_rss_mb()
    print(f"model      {model} + diplokg components (prepare -> nlp -> from_doc)")
    print(f"text       {len(texts)} letters, {n_words:,} words; best of {repeats}; "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")
    # One process keeps its pipeline between passes (the best pass has no load in it); each pass of the pool
    # starts workers that load their own.
    print(f"load       {out['load_s']:.2f} s (once per process: in every pass of the pool, not in the best "
          f"one-process pass)")
    print(f"tokenizer  {ceiling:>10,.0f} words/s   (spacy.blank('nl'), ceiling)")
    print(f"diplokg    {out['full_wps_1proc']:>10,.0f} words/s   1 process, "
          f"{out['full_wps_1proc'] / ceiling:.1%} of the ceiling; {out['full_wpcs_1proc']:,.0f} words per CPU-second")
    if processes > 1:
        wps = out[f"full_wps_{processes}proc"]
        print(f"diplokg    {wps:>10,.0f} words/s   {processes} processes, {wps / ceiling:.1%} of the ceiling, "
              f"x{wps / out['full_wps_1proc']:.2f} vs 1")
    print(f"memory     peak RSS {out['rss_peak_mb']:.0f} MB (main process)")
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="pipeline directory")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt letters")
    parser.add_argument("--min-words", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=2, help="n_process for the second run (1: skip)")
    # Docs per batch. Each doc is a whole letter (~2,300 words): 64 letters per batch needed 2 GB
    # RSS and left the second process idle (45 letters = one batch); 4 gave the best figures.
    parser.add_argument("--batch-size", type=int, default=4, help="letters per nlp.pipe batch")
    parser.add_argument("--repeats", type=int, default=3, help="report the best of this many passes")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure the Python heap peak")
    parser.add_argument("--full", action="store_true", help="the whole diplokg path, not the bare model")
    args = parser.parse_args(argv)
    if args.full:
        run_full(args.model, args.corpus, args.min_words, args.processes, args.repeats)
        return
    run(
        args.model,
        args.corpus,
        args.min_words,
        args.processes,
        args.batch_size,
        args.repeats,
        heap=args.tracemalloc,
    )


if __name__ == "__main__":
    main()
