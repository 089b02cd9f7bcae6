"""Motion extraction scored against the official metadata of the Kamerstuk XML publications.

    python benchmarks/eval_motions_official.py PATH [--jobs 2] [--limit N] [--misses 5]

PATH is a checkout of github.com/tommyvanderwal/motiematcher, or its bare git directory (as the
``fetch`` tool leaves it): the recording of the Tweede Kamer open data is read from there, never
committed here. Of its ``bronmateriaal-onbewerkt/cache/document_publications/*.xml``, those that carry
the official metadata (``DC.identifier``, ``OVERHEIDop.indiener``, ``DCTERMS.issued``) are the gold;
the motion extraction runs on the *plain text* of each (``cache/document_texts/<uuid>.json``), not on
the XML, so nothing of the markup helps it.

The prediction for a document is the motion the pipeline recognises as the document's own text
(``Motion.own``); a text whose own motion is not recognised counts as a miss of every field.
- id: the normalised identifier ("21501-02-2234") against DC.identifier without "kst-".
- submitters: surnames (initials dropped, case and accents ignored) against OVERHEIDop.indiener,
  per document as sets: P = right names / names given, R = right names / official names.
- date: against DCTERMS.issued.

Foreign affairs: the motions whose official dossier number (OVERHEIDop.dossiernummer) is a dossier of
foreign policy, European and Council affairs, development or defence (pipeline.term_queries.FOREIGN_DOSSIERS), or a
budget chapter V (Buitenlandse Zaken), XVII (Buitenlandse Handel en Ontwikkelingshulp) or X (Defensie)
of any year. The first table is that subset, the second all of them. Misses are grouped by cause.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.term_queries import FOREIGN_CHAPTERS, FOREIGN_DOSSIERS  # noqa: E402  (after the path is set)

CACHE = "bronmateriaal-onbewerkt/cache"


@dataclass
class Gold:
    uuid: str
    id: str
    submitters: list[str]  # as the metadata names them ("S.M. Beckerman")
    date: str
    dossier: str
    dossier_title: str

    @property
    def foreign(self) -> bool:
        chapter = self.dossier.rsplit("-", 1)[-1] if "-" in self.dossier else ""
        return self.dossier in FOREIGN_DOSSIERS or chapter in FOREIGN_CHAPTERS


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Result:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in ("id", "submitters", "date")})
    misses: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    docs: int = 0


# --- reading the recording ---------------------------------------------------------------------------
def cache_dir(path: Path, tmp: Path) -> Path:
    """The ``cache`` folder of a checkout, or of the bare git directory unpacked into ``tmp``."""
    if (path / CACHE).is_dir():
        return path / CACHE
    if not (path / "HEAD").is_file():
        sys.exit(f"{path}: neither a checkout of motiematcher (no {CACHE}/) nor its git directory")
    archive = tmp / "cache.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "--git-dir", str(path), "archive", "HEAD", f"{CACHE}/document_publications",
                        f"{CACHE}/document_texts"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / CACHE


def read_gold(xml: Path) -> Gold | None:
    root = etree.parse(str(xml)).getroot()
    meta: dict[str, list[str]] = defaultdict(list)
    for m in root.iter("meta"):
        meta[m.get("name", "")].append((m.get("content") or "").strip())
    ident = next((v for v in meta["DC.identifier"] if v.startswith("kst-")), None)
    if not (ident and meta["OVERHEIDop.indiener"] and meta["DCTERMS.issued"]):
        return None
    return Gold(xml.stem, ident.removeprefix("kst-"), meta["OVERHEIDop.indiener"], meta["DCTERMS.issued"][0],
                (meta["OVERHEIDop.dossiernummer"] or [""])[0], (meta["OVERHEIDop.dossiertitel"] or [""])[0])


def reserved_fingerprints():
    """The reserved-document fingerprints and the function that takes a text's, from ../shared/eval
    (None when that folder is not there: then nothing is left out, and the output says 0)."""
    import importlib.util
    import os

    script = Path(os.environ.get("DIPLOKG_SHARED", ROOT.parent / "shared")) / "eval" / "reserved_check.py"
    if not script.is_file():
        return None
    spec = importlib.util.spec_from_file_location("reserved_check", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return set((script.parent / "reserved.txt").read_text().split()), module.fingerprints


# --- comparing ---------------------------------------------------------------------------------------
TUSSENVOEGSELS = {"van", "de", "der", "den", "ter", "ten", "te", "in", "'t", "op", "von", "du", "la", "le", "el"}


def fold(name: str) -> str:
    """'M. van Nispen' -> 'van nispen'; 'Van Nispen' -> 'van nispen': initials out, accents and case folded."""
    words = [w for w in name.replace("’", "'").split() if not re.fullmatch(r"(?:[A-Za-z]{1,2}\.)+|\(.*\)", w)]
    text = unicodedata.normalize("NFKD", " ".join(words)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


def same_member(given: str, official: str) -> bool:
    """A signature names the member by surname, with a first name where two members share it
    ("Diederik van Dijk" for "D.J.H. (Diederik) van Dijk"): the extra words must be a first name, never
    a tussenvoegsel ("Van Dijk" is not "Dijk")."""
    g, o = fold(given), fold(official)
    if g == o:
        return True
    extra = g[: -len(o) - 1].split() if g.endswith(" " + o) else None
    return bool(extra) and not any(w in TUSSENVOEGSELS for w in extra)


def name_matches(given: list[str], official: list[str]) -> tuple[int, list[str], list[str]]:
    """Right names, and the official names missed and the given names extra (one-to-one, in order)."""
    left = list(official)
    extra = []
    for name in given:
        hit = next((o for o in left if same_member(name, o)), None)
        if hit is None:
            extra.append(name)
        else:
            left.remove(hit)
    return len(official) - len(left), left, extra


def printed_date(text: str, iso: str) -> bool:
    """Whether ``iso`` is printed in ``text`` as a Dutch date ("3 juli 2025")."""
    from pipeline.metadata import MONTHS

    year, month, day = iso.split("-")
    name = next(k for k, v in MONTHS.items() if v == int(month))
    return re.search(rf"\b{int(day)}\s+{name}\s+{year}\b", text, re.I) is not None


def score_doc(gold: Gold, motion, text: str, res: Result) -> None:
    """Add one document: ``motion`` is the extraction's own motion of the text, or None."""
    t = res.tallies
    res.docs += 1
    pred_id = motion.id if motion else None
    if pred_id == gold.id:
        t["id"].tp += 1
    else:
        t["id"].fn += 1
        t["id"].fp += pred_id is not None
        cause = ("own motion not recognised" if motion is None else
                 "other dossier" if pred_id.rsplit("-", 1)[0] != gold.id.rsplit("-", 1)[0] else "other number")
        res.misses["id"][cause].append(f"{gold.uuid}: {pred_id} for {gold.id}")
    given = list(motion.submitters) if motion else []
    right, missing, extra = name_matches(given, gold.submitters)
    t["submitters"].tp += right
    t["submitters"].fp += len(extra)
    t["submitters"].fn += len(missing)
    if missing or extra:
        printed = fold(text)
        if motion is None:
            cause = "own motion not recognised"
        elif not given:
            cause = "no names found"
        elif missing and extra and all(any(difflib.SequenceMatcher(None, fold(e), fold(m)).ratio() >= 0.8
                                           for m in missing) for e in extra):
            cause = "name misprinted in the text (one or two letters off)"
        elif missing and extra:
            cause = "wrong names"
        elif missing and not any(fold(m).split()[-1] in printed for m in missing):
            cause = "official name not printed in the text"
        elif missing:
            cause = "names missing"
        else:
            cause = "printed name not in the official list"
        res.misses["submitters"][cause].append(f"{gold.uuid}: missing {missing}, extra {extra}")
    pred_date = motion.date if motion else None
    if pred_date == gold.date:
        t["date"].tp += 1
    else:
        t["date"].fn += 1
        t["date"].fp += pred_date is not None
        cause = ("own motion not recognised" if motion is None
                 else ("no date" if printed_date(text, gold.date) else "no date, none printed")
                 if pred_date is None else "other date")
        res.misses["date"][cause].append(f"{gold.uuid}: {pred_date} for {gold.date}")


def report(title: str, res: Result, examples: int) -> None:
    print(f"\n## {title}: {res.docs} motions")
    print(f"{'field':<12}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>6}{'fn':>6}")
    for name, t in res.tallies.items():
        p, r, f = t.prf()
        print(f"{name:<12}{p:8.3f}{r:8.3f}{f:8.3f}{t.tp:7d}{t.fp:6d}{t.fn:6d}")
    for name, causes in res.misses.items():
        for cause, items in sorted(causes.items(), key=lambda kv: -len(kv[1])):
            print(f"  {name} miss, {cause}: {len(items)}")
            for item in items[:examples]:
                print(f"      {item}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", type=Path, help="checkout or bare git directory of tommyvanderwal/motiematcher")
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N documents (sorted by file name)")
    ap.add_argument("--misses", type=int, default=5, help="examples printed per cause of a miss")
    ap.add_argument("--model", default=None, help="pipeline model (default: the configured one)")
    args = ap.parse_args()

    from pipeline.config import load_settings
    from pipeline.run import extract_files

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cache = cache_dir(args.path.resolve(), tmp)
        golds = [g for x in sorted((cache / "document_publications").glob("*.xml")) if (g := read_gold(x))]
        if args.limit:
            golds = golds[: args.limit]
        texts = tmp / "texts"
        texts.mkdir()
        paths, texts_by_id = [], {}
        reserved = reserved_fingerprints()
        kept = []
        for g in golds:
            record = json.loads((cache / "document_texts" / f"{g.uuid}.json").read_text(encoding="utf-8"))
            if reserved is not None and reserved[1](record["content"]) & reserved[0]:
                continue  # shares a sentence with a document reserved for independent evaluation
            kept.append(g)
            texts_by_id[g.uuid] = record["content"]
            path = texts / f"{g.uuid}.txt"
            path.write_text(record["content"], encoding="utf-8")
            paths.append(path)
        dropped, golds = len(golds) - len(kept), kept
        model = args.model or str(load_settings().model_path)
        started = time.monotonic()
        results = list(extract_files(paths, model, n_process=args.jobs))
        seconds = time.monotonic() - started

    foreign, every = Result(), Result()
    failed = 0
    for g, x in zip(golds, results, strict=True):
        if isinstance(x, Exception):
            failed += 1
            own = None
        else:
            own = next((m for m in x.motions if m.own), None)
        score_doc(g, own, texts_by_id[g.uuid], every)
        if g.foreign:
            score_doc(g, own, texts_by_id[g.uuid], foreign)
    dossiers = Counter((g.dossier, g.dossier_title[:50]) for g in golds if g.foreign)
    print(f"{len(golds)} motions with official metadata ({dropped} left out: reserved for evaluation); "
          f"{sum(dossiers.values())} foreign-affairs; extraction {seconds:.0f} s with {args.jobs} process(es); "
          f"{failed} unreadable")
    print("foreign-affairs dossiers: " + "; ".join(f"{d} {t} ({n})" for (d, t), n in dossiers.most_common()))
    report("Foreign-affairs motions", foreign, args.misses)
    report("All motions", every, args.misses)


if __name__ == "__main__":
    main()
