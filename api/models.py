"""Pydantic response models of the REST API: what OpenAPI shows, and what every list answers.

Every list is a :class:`Page`: ``items``, the ``total`` matching the filters, the ``limit`` and
``offset`` applied, and ``next`` (the URL of the following page, absent on the last). Items name
the resources they link with an :class:`Ref` (IRI, label, type), so a client needs no second
request to show them.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Ref(BaseModel):
    iri: str = Field(description="The resource's IRI (dereferenceable under /id/...).")
    label: str | None = Field(None, description="Its Dutch label when it has one, else any label.")
    type: str | None = Field(None, description="person, country, organisation, place, meeting, document or "
                                               "motion; absent when the graph does not say.")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="Items matching the filters, over all pages.")
    limit: int = Field(description="Page size applied (capped by the server's result limit).")
    offset: int
    next: str | None = Field(None, description="URL of the next page; absent on the last page.")


class Actor(Ref):
    wikidata: str | None = Field(None, description="owl:sameAs Wikidata entity, when curated.")


class Event(BaseModel):
    iri: str
    type: str = Field(description="Event type, e.g. SANCTION.")
    date: str | None = Field(None, description="ISO date of any precision (YYYY, YYYY-MM, YYYY-MM-DD).")
    description: str | None = None
    actors: list[Ref] = Field(default_factory=list)


class Position(BaseModel):
    iri: str
    stance: str = Field(description="Stance, e.g. CONDEMNS.")
    holder: Ref | None = None
    target: str | None = Field(None, description="What the stance is about, as written.")
    date: str | None = None
    document: Ref | None = Field(None, description="The document the position was read from.")


class Motion(BaseModel):
    iri: str
    identifier: str | None = None
    label: str | None = None
    date: str | None = Field(None, description="Date submitted.")
    subject: str | None = None
    submitters: list[Ref] = Field(default_factory=list)


class Document(BaseModel):
    iri: str
    graph: str = Field(description="The named graph holding the document's facts (dereferenceable).")
    identifier: str | None = None
    label: str | None = Field(None, description="The document's title.")
    type: str = "document"
    date: str | None = None
    kind: str | None = None


class Term(BaseModel):
    """An RDF term as in SPARQL JSON results: a label keeps its language, a date its datatype."""

    type: str = Field(description="uri, literal or bnode.")
    value: str
    lang: str | None = Field(None, description="The language tag of a literal, e.g. nl.")
    datatype: str | None = Field(None, description="The datatype IRI of a typed literal.")


class ActorDetail(Ref):
    properties: dict[str, list[Term]] = Field(description="Predicate IRI -> values (each once, as RDF terms).")
    events: list[Event]
    positions: list[Position]


class ErrorDetail(BaseModel):
    status: int
    title: str
    detail: str


class ErrorBody(BaseModel):
    """The API's one error shape (see api.errors)."""

    error: ErrorDetail
