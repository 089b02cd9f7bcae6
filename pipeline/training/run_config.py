"""Train one spaCy config on DocBins made in a scratch folder, and keep its best model.

Shared by the learned components' trainers (``entities.py``, ``sentences.py``): each builds its own
train and dev DocBins; this trains, copies ``model-best`` to ``output`` and returns the dev scores.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Counts = TypeVar("Counts")


def train_config(config: Path, output: Path, make_docbins: Callable[[Path, Path], Counts], seed: int = 0,
                 prefix: str = "diplokg-train-", overrides: dict | None = None) -> tuple[dict[str, float], Counts]:
    """``make_docbins(train_path, dev_path)`` writes the two DocBins and returns what it counted;
    ``overrides`` are config values set for this run (``{"training.max_steps": 10}``)."""
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        tmp_path = Path(tmp)
        counts = make_docbins(tmp_path / "train.spacy", tmp_path / "dev.spacy")
        spacy_train(config, tmp_path / "out", overrides={
            "paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "dev.spacy"),
            "system.seed": seed, **(overrides or {})})
        best = tmp_path / "out" / "model-best"
        meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(best, output)
    scores = {k: v for k, v in (meta.get("performance") or {}).items() if isinstance(v, int | float)}
    return scores, counts
