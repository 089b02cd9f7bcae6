"""The real-text corpus and its annotations: provenance per file, reserved documents out, gold well-formed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

REAL = ROOT / "data" / "real" / "docs"
ANNOTATION = ROOT / "data" / "annotation"
PROVENANCE_FIELDS = {"title", "date", "kind", "kamerstuk", "source_url", "site", "excerpt", "terms", "retrieved",
                     "collected_by"}
RESERVED_CHECK = SHARED / "eval" / "reserved_check.py"


def test_no_reserved_document_is_in_the_repository() -> None:
    if not RESERVED_CHECK.exists():
        pytest.skip(f"{RESERVED_CHECK} is not here")
    proc = subprocess.run([sys.executable, str(RESERVED_CHECK), str(ROOT / "data")], capture_output=True, text=True)
    assert proc.returncode == 0, f"reserved documents in data/: {proc.stdout}"


def test_every_real_document_says_where_it_comes_from() -> None:
    texts = sorted(REAL.glob("*.txt"))
    assert len(texts) >= 300
    for text in texts:
        meta = json.loads(text.with_name(text.name + ".meta.json").read_text(encoding="utf-8"))
        assert PROVENANCE_FIELDS <= set(meta), text.name
        assert meta["source_url"].startswith("http") and meta["terms"], text.name


def test_splits_are_disjoint_and_the_test_split_is_large_enough() -> None:
    splits = json.loads((ANNOTATION / "splits.json").read_text(encoding="utf-8"))
    parts = [set(splits[k]) for k in ("train", "train2", "dev", "test", "dev2", "test2", "dev3", "dev4", "dev5")]
    assert sum(len(p) for p in parts) == len(set().union(*parts))
    assert len(splits["test"]) >= 30 and set(splits["double"]) <= set(splits["train"])
    # every document of a split has its text and its gold
    for doc in set().union(*parts):
        assert (REAL / f"{doc}.txt").exists() and (ANNOTATION / "gold" / f"{doc}.json").exists(), doc


def _gold_files() -> list[Path]:
    return sorted((ANNOTATION / "gold").glob("*.json")) + sorted((ANNOTATION / "second").glob("*.json"))


def test_annotations_follow_the_schema_and_quote_their_text() -> None:
    files = _gold_files()
    assert len(files) >= 170
    types = {"PERSON", "COUNTRY", "ORGANISATION", "PLACE", "MEETING", "DOCUMENT"}
    stances = {"SUPPORTS", "OPPOSES", "CALLS_FOR", "CONDEMNS", "WELCOMES", "CONCERNED", "REGRETS"}
    events = {"MEETING", "STATEMENT", "SANCTION", "CEASEFIRE", "HOSTILITIES", "ELECTION", "CALL", "VISIT", "OTHER"}
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["doc"] == path.stem and gold["annotation"]["annotator"], path
        text = re.sub(r"\s+", " ", (REAL / f"{path.stem}.txt").read_text(encoding="utf-8"))
        assert all(e["type"] in types for e in gold["entities"]), path
        assert all(e["type"] in events for e in gold["events"]), path
        assert all(p["stance"] in stances for p in gold["positions"]), path
        for fact in gold["positions"] + gold["events"]:
            assert re.sub(r"\s+", " ", fact["sentence"]) in text, (path, fact["sentence"][:60])
