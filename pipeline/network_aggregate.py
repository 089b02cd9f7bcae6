"""The weighted network: one edge per actor pair and relation kind, folded from the per-fact multigraph.

:func:`pipeline.network.build_network` gives one edge per fact (per event; per stance and date for
positions), up to ten parallel edges for a pair. A desktop tool either draws that as a bundle or
merges it itself, summing weights the file does not carry and keeping one edge's dates. Here the
facts are still known, so :func:`aggregate` folds them:

- one edge per (source, target, kind), keyed by the kind (``g.edges[u, v, "event"]``). Event edges
  (co-participation) are undirected (``directed`` False); build_network's query gives their two
  actors in IRI order, so A-B and B-A are already one pair. Other kinds run holder -> target,
  person -> organisation, submitter -> motion (``directed`` True).
- ``weight``: the number of facts behind the edge (events, positions, posts, submitted motions), the
  sum of the folded edges' weights.
- time: ``dates`` (the distinct ISO dates, space-separated). When every fact is dated, ``start`` and
  ``end`` (first and last day) and ``spells``: the disjoint day intervals the facts cover, which
  GEXF writes as spells so Gephi's timeline shows the edge only when something happened. An edge
  with an undated fact is always present, as it is in the multigraph.
- what: event edges ``event_type`` (the most frequent), ``event_types`` (counts, "HOSTILITIES:2
  MEETING:1") and ``events`` (IRIs); position edges ``stance`` (the most frequent), ``stances``
  and ``positions``; role edges ``role`` and ``posts``; every edge ``documents`` (the union) and
  ``label``. Ties go to the earlier value in the closed lists of pipeline.contract.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from pipeline.contract import EVENT_TYPES, STANCES


def aggregate(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One edge per (source, target, kind) of ``g``, with ``weight`` = the number of facts folded in."""
    out = nx.MultiDiGraph()
    out.graph.update(g.graph)
    out.add_nodes_from((n, dict(data)) for n, data in g.nodes(data=True))
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for u, v, data in g.edges(data=True):
        groups.setdefault((u, v, data["kind"]), []).append(data)
    for (u, v, kind), facts in groups.items():
        out.add_edge(u, v, key=kind, **_fold(kind, facts))
    return out


def _fold(kind: str, facts: list[dict[str, Any]]) -> dict[str, Any]:
    weight = sum(d.get("weight", 1) for d in facts)
    data: dict[str, Any] = {"kind": kind, "weight": weight, "directed": facts[0].get("directed", True)}
    what = kind
    if kind == "event":
        data["event_type"], data["event_types"], what = _tally(
            ((d.get("event_type"), d.get("weight", 1)) for d in facts), EVENT_TYPES)
        data["events"] = " ".join(sorted({d["event"] for d in facts if d.get("event")}))
    elif kind == "position":
        data["stance"], data["stances"], what = _tally(
            ((d.get("stance"), d.get("weight", 1)) for d in facts), STANCES)
        data["positions"] = weight
    elif kind == "role":
        data["role"] = next((d["role"] for d in facts if d.get("role")), None)
        data["posts"] = weight
        what = data["role"] or kind
    data["documents"] = " ".join(sorted({doc for d in facts for doc in str(d.get("documents", "")).split()}))
    dates = sorted({d["date"] for d in facts if d.get("date")})
    data["dates"] = " ".join(dates)
    if all(d.get("start") and d.get("end") for d in facts):
        spells = _disjoint((d["start"], d["end"]) for d in facts)
        data["start"], data["end"] = spells[0][0], spells[-1][1]
        data["spells"] = spells
    # Caption: what, then when (one date, or the first and last).
    when = dates[0] if len(dates) == 1 else f"{dates[0]}..{dates[-1]}" if dates else ""
    data["label"] = f"{what} ({when})" if when else what
    return {k: v for k, v in data.items() if v not in (None, "")}  # GraphML/GEXF take no None


def _tally(values: Iterable[tuple[str | None, int]], order: Sequence[str]) -> tuple[str | None, str, str]:
    """(most frequent value, "A:3 B:1", caption "A ×3, B") over weighted values; ties in ``order``."""
    counts: Counter[str] = Counter()
    for value, n in values:
        if value:
            counts[value] += n
    rank = {v: i for i, v in enumerate(order)}
    ranked = sorted(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), v))
    caption = ", ".join(v if counts[v] == 1 else f"{v} ×{counts[v]}" for v in ranked)
    return (ranked[0] if ranked else None), " ".join(f"{v}:{counts[v]}" for v in ranked), caption


def _disjoint(spans: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Closed day intervals (ISO text sorts as dates) merged where they overlap: Gephi refuses
    overlapping spells on one edge."""
    merged: list[tuple[str, str]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
