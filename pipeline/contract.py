"""The one contract every interface shares (REST, CLI, exports): enumerations and actor ids.

Why one module: before it, ``type=PERSON`` was refused by REST while ``stance=condemns`` silently
matched nothing, and the CLI accepted other id forms than the API. Here each enumeration is checked
case-insensitively against its closed list and answered in its canonical spelling; an unknown value
raises :class:`ContractError`, whose message lists the allowed values (the API answers it 400, the
CLI prints it). Actors are named by a full IRI or by ``<type>/<key>`` (``country/armenia``).

No spaCy, no FastAPI: both the API and the pipeline import this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.extraction import EVENT_TYPES, STANCES
from pipeline.iris import TYPE_PATHS
from pipeline.sparql_text import is_absolute_iri

# URL type paths, as in /id/<type>/<key>: person, country, organisation, place, meeting, document.
ENTITY_TYPES: tuple[str, ...] = tuple(TYPE_PATHS.values())
RDF_EXPORT_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld")
NETWORK_EXPORT_FORMATS = ("gexf", "graphml", "cyjs")
EXPORT_FORMATS = RDF_EXPORT_FORMATS + NETWORK_EXPORT_FORMATS
__all__ = ["ENTITY_TYPES", "EVENT_TYPES", "STANCES", "EXPORT_FORMATS", "ContractError", "choose", "actor_iri"]

_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}")
KEY_PATTERN = "^" + _KEY.pattern + "$"
# IRIs as the schema documents them: plain ASCII with valid percent-encoding (the server takes any
# IRI its store can parse; this is the form every client can send).
_PATH_CHAR = r"([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
# What actor_iri takes, for OpenAPI (documents the contract; the functions here decide).
ACTOR_ID_PATTERN = (rf"^([A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]*(/{_PATH_CHAR}*)*|urn:({_PATH_CHAR}|/)*|"
                    rf"({'|'.join(ENTITY_TYPES)})/{_KEY.pattern})$")
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


class ContractError(ValueError):
    """A value outside the contract; the message names the parameter and what is allowed."""

    def __init__(self, what: str, message: str, allowed: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.what = what
        self.allowed = tuple(allowed)


def choose(value: str, allowed: Iterable[str], what: str) -> str:
    """``value`` matched case-insensitively against ``allowed``; returns the canonical spelling."""
    options = tuple(allowed)
    folded = value.strip().casefold()
    for option in options:
        if option.casefold() == folded:
            return option
    raise ContractError(what, f"unknown {what} {value!r}: use one of {', '.join(options)}", options)


def actor_iri(value: str, base: str, what: str = "actor") -> str:
    """An actor as a full IRI, or as ``<type>/<key>`` under ``base`` (type case-insensitive)."""
    value = value.strip()
    if "://" in value or value.startswith("urn:"):
        if not is_absolute_iri(value):
            raise ContractError(what, f"{what} {value!r} is not a valid absolute IRI")
        return value
    type_path, _, key = value.partition("/")
    if type_path.casefold() not in ENTITY_TYPES or not _KEY.fullmatch(key):
        raise ContractError(what, f"{what} must be an IRI or '<type>/<key>' such as 'country/armenia' "
                                  f"(type one of {', '.join(ENTITY_TYPES)}), got {value!r}", ENTITY_TYPES)
    return f"{base}/id/{type_path.casefold()}/{key}"
