"""Tweede Kamer open data (the OData v4 API of gegevensmagazijn.tweedekamer.nl) in: pages -> records.

A recording is a folder of JSON files as they were saved from the API, in three shapes: an OData
response (``{"@odata.context": ..., "value": [...]}``), the ``value`` list saved on its own, or one
entity saved on its own (``Zaak(<id>)?$expand=...``). Which entity set a page holds is read from its
``@odata.context`` where there is one, else from the fields its records carry (:data:`SIGNATURES`),
so that pages saved without their envelope still read. Files that are no OData records (summaries
derived from them, texts, XML) are skipped and counted.

Expanded navigation properties (``Stemming?$expand=Besluit($expand=Agendapunt($expand=Zaak))``) are
flattened: every nested entity becomes a record of its own set, and the parent keeps a link to it
(:attr:`Recording.links`), so that a vote page also yields the decisions, agenda items and motions
it embeds. The same entity met several times (embedded in a hundred vote records) is one record:
the copy with the latest ``ApiGewijzigdOp`` wins. Deleted entities (``Verwijderd``) are dropped.

Every record has an IRI, :func:`record_iri`: the API's own URL of the entity, which is what the
graph's provenance points at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.metadata import InputError

ODATA_BASE = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"

# Navigation property -> the entity set it points to (the ones the graph uses; others are left as they are).
NAVIGATION = {
    "Besluit": "Besluit", "Agendapunt": "Agendapunt", "Activiteit": "Activiteit", "Zaak": "Zaak",
    "ZaakActor": "ZaakActor", "Document": "Document", "HuidigeDocumentVersie": "DocumentVersie",
    "Stemming": "Stemming", "Fractie": "Fractie", "Persoon": "Persoon", "FractieZetel": "FractieZetel",
    "FractieZetelPersoon": "FractieZetelPersoon",
}
SETS = frozenset(NAVIGATION.values())
# Fields only records of one set carry, for pages saved without their @odata.context (first match wins).
SIGNATURES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Stemming", frozenset({"ActorFractie", "FractieGrootte", "Soort"})),
    ("Besluit", frozenset({"BesluitSoort", "StemmingsSoort"})),
    ("Zaak", frozenset({"Kabinetsappreciatie", "Onderwerp"})),
    ("ZaakActor", frozenset({"Zaak_Id", "Relatie"})),
    ("Agendapunt", frozenset({"Rubriek", "Volgorde", "Onderwerp"})),
    ("Activiteit", frozenset({"DatumSoort", "Voortouwnaam"})),
    ("Document", frozenset({"DocumentNummer", "Soort"})),
    ("DocumentVersie", frozenset({"ExterneIdentifier", "Versienummer"})),
    ("Persoon", frozenset({"Achternaam", "Roepnaam"})),
    ("Fractie", frozenset({"AantalZetels", "NaamNL"})),
    ("FractieZetelPersoon", frozenset({"Van", "TotEnMet"})),
    ("FractieZetel", frozenset({"Gewicht", "Fractie_Id"})),
)
_CONTEXT_SET = re.compile(r"\$metadata#(\w+)")


def record_iri(entity_set: str, record_id: str) -> str:
    """The API's URL of one entity: ``.../Zaak(<id>)``. Ids are GUIDs, so no quoting is needed."""
    return f"{ODATA_BASE}/{entity_set}({record_id})"


@dataclass
class Recording:
    """The records of a recording, by entity set and id, and the links expansions gave."""

    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # (set, id, navigation property) -> ids of the linked records, in the order the pages gave them
    links: dict[tuple[str, str, str], list[str]] = field(default_factory=dict)
    files: int = 0  # JSON files read as OData pages
    skipped: list[Path] = field(default_factory=list)  # files that hold no OData records

    def of(self, entity_set: str) -> dict[str, dict[str, Any]]:
        return self.records.get(entity_set, {})

    def get(self, entity_set: str, record_id: str | None) -> dict[str, Any] | None:
        return self.records.get(entity_set, {}).get(record_id) if record_id else None

    def linked(self, entity_set: str, record_id: str, nav: str) -> list[dict[str, Any]]:
        target = NAVIGATION[nav]
        found = (self.get(target, i) for i in self.links.get((entity_set, record_id, nav), ()))
        return [r for r in found if r is not None]

    def add(self, entity_set: str, record: dict[str, Any]) -> None:
        """One record and, flattened, the records it embeds."""
        if entity_set not in SETS:
            return
        own: dict[str, Any] = {}
        record_id = record.get("Id")
        if not isinstance(record_id, str):
            return
        for key, value in record.items():
            target = NAVIGATION.get(key)
            if target is not None and isinstance(value, (dict, list)):
                children = [value] if isinstance(value, dict) else [v for v in value if isinstance(v, dict)]
                ids = self.links.setdefault((entity_set, record_id, key), [])
                for child in children:
                    self.add(target, child)
                    if isinstance(child.get("Id"), str) and child["Id"] not in ids:
                        ids.append(child["Id"])
            elif not isinstance(value, (dict, list)):
                own[key] = value
        known = self.records.setdefault(entity_set, {})
        old = known.get(record_id)
        if old is None or _changed(own) >= _changed(old):
            known[record_id] = own

    def drop_deleted(self) -> None:
        for records in self.records.values():
            for record_id in [i for i, r in records.items() if r.get("Verwijderd") is True]:
                del records[record_id]


def _changed(record: dict[str, Any]) -> str:
    # ISO timestamps in UTC (ApiGewijzigdOp) compare as text; GewijzigdOp carries an offset, so it is second best.
    return str(record.get("ApiGewijzigdOp") or record.get("GewijzigdOp") or "")


def entity_set_of(page: Any, records: list[dict[str, Any]]) -> str | None:
    """The entity set a page holds: from its @odata.context, else from the fields of its first record."""
    if isinstance(page, dict) and isinstance(page.get("@odata.context"), str):
        m = _CONTEXT_SET.search(page["@odata.context"])
        if m:
            return m.group(1)
    if not records:
        return None
    keys = set(records[0])
    return next((name for name, needed in SIGNATURES if needed <= keys), None)


def page_records(page: Any) -> list[dict[str, Any]]:
    """The entities of a page in any of the three shapes; [] for JSON that holds none."""
    if isinstance(page, list):
        return [r for r in page if isinstance(r, dict) and "Id" in r]
    if isinstance(page, dict):
        if isinstance(page.get("value"), list):
            return [r for r in page["value"] if isinstance(r, dict) and "Id" in r]
        if "Id" in page:
            return [page]
    return []


def json_files(paths: Iterable[Path]) -> list[Path]:
    """The .json files under ``paths`` (files or folders), sorted, each once."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*.json") if p.is_file())
        elif path.is_file():
            found.add(path)
        else:
            raise InputError(path, "no such file or folder")
    return sorted(found)


def read_page(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text: {e.reason} at byte {e.start}") from e
    except json.JSONDecodeError as e:
        raise InputError(path, f"malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from e
    except OSError as e:
        raise InputError(path, f"cannot be read: {e.strerror or e}") from e


def iter_pages(files: Iterable[Path]) -> Iterator[tuple[Path, str | None, list[dict[str, Any]]]]:
    for path in files:
        page = read_page(path)
        records = page_records(page)
        yield path, entity_set_of(page, records) if records else None, records


def read_recording(paths: Iterable[Path], on_file: Callable[[Path], None] | None = None) -> Recording:
    """Every OData record under ``paths``. A file that is no valid JSON is an InputError naming it."""
    recording = Recording()
    for path, entity_set, records in iter_pages(json_files(paths)):
        if entity_set not in SETS:
            recording.skipped.append(path)
        else:
            recording.files += 1
            for record in records:
                recording.add(entity_set, record)
        if on_file:
            on_file(path)
    recording.drop_deleted()
    return recording
