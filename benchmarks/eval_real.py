"""Scores of `diplokg extract` on every evaluation set: rules alone, learned components alone, and both.

    python benchmarks/eval_real.py                  # all sets, the three ablations
    python benchmarks/eval_real.py --sets real-dev  # one set

Sets: the five-letter corpus (../shared/eval/dev-gold), the synthetic sets in data/, and the real
documents of data/real with the gold of data/annotation (dev and test splits of rounds 1-2, dev2 and test2 of
round 3, dev3 of round 4, dev4 of round 5, dev5 of round 6; the test splits are scored only: this prints their
totals and nothing of their documents). Prints one F1 table, with the words per second of each run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DIPLOKG_SHARED", ROOT.parent / "shared"))
SCORER = SHARED / "eval" / "score.py"
METRICS = ("entities", "entities_typed", "linking", "roles", "motions", "motion_submitters", "motion_dates",
           "events", "positions", "positions_sentence")


def real_split(split: str, tmp: Path) -> tuple[Path, Path]:
    """A folder of the split's texts and one of their gold (links), as `diplokg extract` and score.py take them."""
    splits = json.loads((ROOT / "data" / "annotation" / "splits.json").read_text(encoding="utf-8"))
    texts, gold = tmp / f"{split}-texts", tmp / f"{split}-gold"
    texts.mkdir()
    gold.mkdir()
    for doc in splits[split]:
        for suffix in (".txt", ".txt.meta.json"):
            (texts / f"{doc}{suffix}").symlink_to(ROOT / "data" / "real" / "docs" / f"{doc}{suffix}")
        (gold / f"{doc}.json").symlink_to(ROOT / "data" / "annotation" / "gold" / f"{doc}.json")
    (gold / "aliases.json").symlink_to(SHARED / "eval" / "dev-gold" / "aliases.json")  # the scorer's name table
    return texts, gold


def score(texts: Path, gold: Path, components: str, tmp: Path) -> dict[str, float]:
    """F1 per metric, and the words per second of the extract command (wall clock, two processes,
    loading the pipeline included: what a user waits for)."""
    out = Path(tempfile.mkdtemp(dir=tmp))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in texts.glob("*.txt"))
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(texts), "--json", str(out), "-j", "2",
                    "--components", components], cwd=ROOT, check=True, capture_output=True)
    seconds = time.monotonic() - started
    report = subprocess.run([sys.executable, str(SCORER), str(gold), str(out)], capture_output=True, text=True,
                            check=True).stdout
    f1 = {line.split()[0]: float(line.split("F1=")[1].split()[0]) for line in report.splitlines()
          if line.startswith("  ") and "F1=" in line}
    return {**f1, "words/s": words / seconds}


def main() -> None:
    sets = {"corpus": (ROOT / "data" / "corpus", SHARED / "eval" / "dev-gold"),
            "heldout": (ROOT / "data" / "heldout", ROOT / "data" / "heldout" / "gold"),
            "dev-synthetic": (ROOT / "data" / "dev-synthetic", ROOT / "data" / "dev-synthetic" / "gold"),
            "unseen": (ROOT / "data" / "unseen", ROOT / "data" / "unseen" / "gold"),
            "real-dev": None, "real-test": None, "real-dev2": None, "real-test2": None, "real-dev3": None,
            "real-dev4": None, "real-dev5": None}
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", nargs="+", default=list(sets), choices=list(sets))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eval-real-") as tmp_name:
        tmp = Path(tmp_name)
        rows = []
        for name in args.sets:
            texts, gold = sets[name] or real_split(name.removeprefix("real-"), tmp)
            for components, label in (("rules", "rules"), ("learned", "learned"), ("both", "rules + learned")):
                rows.append((f"{name} ({label})", score(texts, gold, components, tmp)))
        short = [m.replace("entities_typed", "typed").replace("motion_submitters", "submitters")
                 .replace("motion_dates", "m.dates").replace("positions_sentence", "pos.sent") for m in METRICS]
        print(f"| set | {' | '.join(short)} | words/s |")
        print("|---|" + "---|" * (len(METRICS) + 1))
        for label, f1 in rows:
            print(f"| {label} | " + " | ".join(f"{f1.get(m, 0):.3f}" for m in METRICS) + f" | {f1['words/s']:,.0f} |")
        print("\nwords/s: wall clock of `diplokg extract -j 2` on the set, loading the pipeline included")


if __name__ == "__main__":
    main()
