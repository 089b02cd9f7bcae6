"""Quality floors: the shipped pipeline on the dev gold, scored by ../shared/eval/score.py.

The floors sit a little under what the pipeline measured when they were set (README: *A short
tour*), so a regression fails CI while noise in unrelated changes does not. The same scorer runs on
documents nobody tuned on: `data/heldout` (see its README) has floors of its own.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.run import collect_inputs, extract_files
from tests.conftest import CORPUS, ROOT, SHARED

SCORER = SHARED / "eval" / "score.py"
DEV_GOLD = SHARED / "eval" / "dev-gold"
HELDOUT = ROOT / "data" / "heldout"  # synthetic; inspected since, so a second development set
DEV_SYNTHETIC = ROOT / "data" / "dev-synthetic"  # synthetic, written for development: errors inspected
UNSEEN = ROOT / "data" / "unseen"  # synthetic; scored only, never inspected: the generalisation measure

# Measured with data/models/nl_diplokg when set: dev entities 0.907, typed 0.898, linking 0.911, roles 0.867,
# motions/submitters/dates 1.0, events 0.622, positions 0.692, positions_sentence 0.759;
# held-out entities 0.932, typed 0.926, linking 0.906, roles 0.899, motions 1.0, events 0.596, positions 0.793,
# positions_sentence 0.845; dev-synthetic entities 0.882, typed 0.866, linking 0.892, roles 0.750, motions 1.0,
# events 0.614, positions 0.793, positions_sentence 0.829 (dev events 0.616 after the last trigger change).
# entities 0.88 and typed 0.86, not 0.89 / 0.88: the learned recogniser finds places and bodies this gold does
# not list ('Minsk', 'Latijns-Amerika', 'Midden-Oosten'), costing 0.016 here and gaining 0.017 on the real
# dev split (README, "Real documents ...").
DEV_FLOORS = {
    "entities": 0.88, "entities_typed": 0.86, "linking": 0.89, "roles": 0.84,
    "motions": 0.95, "motion_submitters": 0.95, "motion_dates": 0.95,
    # events 0.57, not 0.60: the learned sentence classifier costs 0.033 here, and gains 0.08 on the
    # 36 real documents of the dev split (README, "Learned and rules")
    "events": 0.57, "positions": 0.67, "positions_sentence": 0.74,
}
HELDOUT_FLOORS = {
    "entities": 0.91, "entities_typed": 0.90, "linking": 0.88, "roles": 0.87,
    "motions": 0.95, "motion_submitters": 0.95, "events": 0.57, "positions": 0.77, "positions_sentence": 0.82,
}
DEV_SYNTHETIC_FLOORS = {
    "entities": 0.86, "entities_typed": 0.84, "linking": 0.87, "roles": 0.72,
    "motions": 0.95, "motion_submitters": 0.95, "events": 0.58, "positions": 0.77, "positions_sentence": 0.80,
}
# Measured on data/unseen when it was written: entities 0.789, typed 0.783, linking 0.843, roles 0.629,
# motions 0.875, submitters 0.909, events 0.444, positions 0.739, positions_sentence 0.891; at the end of that
# session (rules from the other sets only, never from this one): roles 0.667, events 0.551, positions 0.761,
# the rest the same.
UNSEEN_FLOORS = {
    "entities": 0.76, "entities_typed": 0.75, "linking": 0.80, "roles": 0.63, "motions": 0.85,
    "motion_submitters": 0.85, "events": 0.51, "positions": 0.73, "positions_sentence": 0.86,
}


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"{SCORER} not found: the eval kit lives in ../shared")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(inputs: Path, gold: Path, out: Path) -> dict:
    score = _scorer()
    paths = collect_inputs([inputs])
    for path, extraction in zip(paths, extract_files(paths, load_settings().model_path), strict=True):
        (out / f"{path.stem}.json").write_text(json.dumps(extraction.to_eval_json(), ensure_ascii=False))
    alias_file = gold / "aliases.json"
    names = score.Names(json.loads(alias_file.read_text()) if alias_file.exists() else {})
    per_doc = {}
    for gold_file in sorted(gold.glob("*.json")):
        if gold_file.name == "aliases.json":
            continue
        system_file = out / gold_file.name
        system = json.loads(system_file.read_text()) if system_file.exists() else {}
        per_doc[gold_file.stem] = score.score_doc(json.loads(gold_file.read_text()), system, names)
    return score.total(per_doc)


@pytest.mark.slow
def test_dev_gold_floors(tmp_path):
    totals = _score(CORPUS, DEV_GOLD, tmp_path)
    below = {k: totals[k]["f1"] for k, floor in DEV_FLOORS.items() if totals[k]["f1"] < floor}
    assert not below, f"below the floors {DEV_FLOORS}: {below}"


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "floors"), [(HELDOUT, HELDOUT_FLOORS), (DEV_SYNTHETIC, DEV_SYNTHETIC_FLOORS),
                                                (UNSEEN, UNSEEN_FLOORS)], ids=["heldout", "dev-synthetic", "unseen"])
def test_synthetic_set_floors(tmp_path, folder, floors):
    gold = folder / "gold"
    if not gold.exists():
        pytest.skip(f"no gold in {gold}")
    totals = _score(folder, gold, tmp_path)
    below = {k: totals[k]["f1"] for k, floor in floors.items() if totals[k]["f1"] < floor}
    assert not below, f"below the floors {floors}: {below}"


# The dev split of the annotated real documents (data/annotation/splits.json), measured at the end of
# the session that made it: entities 0.762, typed 0.757, linking 0.864, roles 0.690, motions 0.875,
# submitters 0.868, dates 0.923, events 0.400, positions 0.490, positions_sentence 0.569; in the next
# session: entities 0.876, typed 0.854, linking 0.964, roles 0.891, events 0.557, positions 0.589,
# positions_sentence 0.643. The test split has no floors: it is scored only, never a target
# (benchmarks/eval_real.py prints it).
REAL_DEV_FLOORS = {
    "entities": 0.87, "entities_typed": 0.85, "linking": 0.95, "roles": 0.87, "motions": 0.85,
    "motion_submitters": 0.84, "motion_dates": 0.90, "events": 0.58, "positions": 0.57, "positions_sentence": 0.64,
}


@pytest.mark.slow
def test_real_dev_floors(tmp_path):
    splits = json.loads((ROOT / "data" / "annotation" / "splits.json").read_text(encoding="utf-8"))
    texts, gold = tmp_path / "texts", tmp_path / "gold"
    texts.mkdir()
    gold.mkdir()
    for doc in splits["dev"]:
        for suffix in (".txt", ".txt.meta.json"):
            (texts / f"{doc}{suffix}").symlink_to(ROOT / "data" / "real" / "docs" / f"{doc}{suffix}")
        (gold / f"{doc}.json").symlink_to(ROOT / "data" / "annotation" / "gold" / f"{doc}.json")
    if DEV_GOLD.exists():
        (gold / "aliases.json").symlink_to(DEV_GOLD / "aliases.json")
    out = tmp_path / "out"
    out.mkdir()
    totals = _score(texts, gold, out)
    below = {k: totals[k]["f1"] for k, floor in REAL_DEV_FLOORS.items() if totals[k]["f1"] < floor}
    assert not below, f"below the floors {REAL_DEV_FLOORS}: {below}"
