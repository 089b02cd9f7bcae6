"""The term queries (``pipeline.term_queries``) as REST routes under ``/term``: one query each, plus one
label look-up for the resources they link. Input is checked as in ``api.rest``: actors as full IRIs or
'<type>/<key>', dates against a closed pattern; anything else is a 400 in the API's one error shape."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from api.deps import get_settings, get_store
from api.errors import ApiError
from api.models import Page, Ref
from api.rest import ERRORS, _actor_ref, _date, _refs
from pipeline import term_queries
from pipeline.contract import ACTOR_ID_PATTERN, DATE_PATTERN
from pipeline.network import interval
from pipeline.store.base import QueryError, StoreError


class PartyVotes(BaseModel):
    party: Ref
    votes: int = Field(description="Votes on motions it took part in (the records saying which motion each was on).")
    voted_for: int = Field(description="Votes in which most of its vote weight was for.")
    voted_against: int = Field(description="Votes in which most of its vote weight was against.")


class CountryMotion(BaseModel):
    iri: str
    identifier: str | None = Field(None, description="The Kamerstuk number, e.g. 21501-20-2194.")
    date: str | None = Field(None, description="Date submitted.")
    subject: str | None = Field(None, description="What the motion asks.")
    appraisal: str | None = Field(None, description="The cabinet's appraisal (Kabinetsappreciatie), e.g. Ontraden.")
    outcome: str | None = Field(None, description="adopted or rejected (its latest vote); absent when unknown.")
    yes: int | None = Field(None, description="Seats (or members) for, when the records cover every seat.")
    no: int | None = None


class ReportedMotion(BaseModel):
    motion: Ref
    identifier: str | None = None
    voted: str | None = Field(None, description="Date of the vote that adopted it.")
    letter: Ref
    date: str | None = Field(None, description="Date of the letter.")
    sentence: str | None = Field(None, description="The letter's sentence on the motion.")


class PartyAgreement(BaseModel):
    party: Ref
    votes: int = Field(description="Its votes on motions the cabinet advised for or against.")
    with_cabinet: int = Field(description="Votes as the cabinet advised.")
    share: float


def _rows(request: Request, query: str) -> list[dict[str, str | None]]:
    try:
        return get_store(request).rows(query)
    except QueryError as e:  # a bug in pipeline.term_queries, never user input: say so
        raise ApiError(500, "Query failed", str(e)) from e
    except StoreError as e:
        raise ApiError(503, "Store unavailable", str(e)) from e


def _dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    if date_from is not None:
        _date(date_from, "from")
    if date_to is not None:
        _date(date_to, "to")
    if date_from and date_to and interval(date_from)[0] > interval(date_to)[1]:
        raise ApiError(400, "Invalid parameters", f"from ({date_from}) is after to ({date_to}).")
    return date_from, date_to


def _page(items: list, request: Request | None = None, limit: int | None = None, offset: int = 0) -> dict:
    """A Page of ``items``: all of them, or (with ``request``) ``limit`` from ``offset`` and the next link."""
    if request is None or limit is None:
        return {"items": items, "total": len(items), "limit": len(items), "offset": 0, "next": None}
    nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit)) \
        if offset + limit < len(items) else None
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset,
            "next": nxt}


def term_router() -> APIRouter:
    router = APIRouter(prefix="/term", tags=["Term"], responses=ERRORS)
    foreign_q = Query(True, description="Only motions on foreign affairs (by dossier: Council, European Council, "
                                        "Middle East, Ukraine, NATO, human rights, ...; budget chapters V, XVII, X).")
    from_q = Query(None, alias="from", description="YYYY[-MM[-DD]], inclusive (date of the vote).",
                   json_schema_extra={"pattern": DATE_PATTERN})
    to_q = Query(None, description="YYYY[-MM[-DD]], inclusive.", json_schema_extra={"pattern": DATE_PATTERN})

    @router.get("/votes-per-party", summary="How each party voted on (foreign-affairs) motions",
                response_model=Page[PartyVotes])
    def votes_per_party(request: Request, foreign: bool = foreign_q, from_: str | None = from_q,
                        to: str | None = to_q) -> dict:
        rows = _rows(request, term_queries.votes_per_party(foreign, *_dates(from_, to)))
        refs = _refs(request, (r["party"] for r in rows))
        return _page([PartyVotes(party=refs.get(r["party"] or "", Ref(iri=r["party"] or "")),
                                 votes=int(r["votes"] or 0), voted_for=int(r["for"] or 0),
                                 voted_against=int(r["against"] or 0)) for r in rows])

    @router.get("/motions", summary="Motions on a country, with outcome and the cabinet's appraisal",
                response_model=Page[CountryMotion])
    def motions(request: Request,
                country: str = Query(description="Full IRI or '<type>/<key>', e.g. country/ukraine.",
                                     json_schema_extra={"pattern": ACTOR_ID_PATTERN}),
                from_: str | None = from_q, to: str | None = to_q,
                limit: int = Query(100, ge=1, le=10**6), offset: int = Query(0, ge=0, le=10**9)) -> dict:
        iri = _actor_ref(get_settings(request).base_iri, country, "country")[1:-1]
        rows = _rows(request, term_queries.motions_on(iri, *_dates(from_, to)))
        items = [CountryMotion(iri=r["motion"] or "", identifier=r["number"], date=r["date"], subject=r["subject"],
                               appraisal=r["appraisal"], outcome=r["outcome"],
                               yes=int(r["yes"]) if r["yes"] else None, no=int(r["no"]) if r["no"] else None)
                 for r in rows]
        return _page(items, request, min(limit, get_settings(request).result_limit), offset)

    @router.get("/reported-motions", summary="Adopted motions a later letter reports on",
                response_model=Page[ReportedMotion])
    def reported(request: Request, foreign: bool = Query(False, description=foreign_q.description)) -> dict:
        rows = _rows(request, term_queries.reported_on(foreign))
        refs = _refs(request, (x for r in rows for x in (r["motion"], r["letter"])))
        return _page([ReportedMotion(motion=refs.get(r["motion"] or "", Ref(iri=r["motion"] or "")),
                                     identifier=r["number"], voted=r["voted"],
                                     letter=refs.get(r["letter"] or "", Ref(iri=r["letter"] or "")),
                                     date=r["date"], sentence=r["sentence"]) for r in rows])

    @router.get("/cabinet-agreement", summary="The parties that most often vote as the cabinet advised",
                response_model=Page[PartyAgreement])
    def agreement(request: Request, foreign: bool = Query(False, description=foreign_q.description),
                  from_: str | None = from_q, to: str | None = to_q) -> dict:
        rows = _rows(request, term_queries.cabinet_agreement(foreign, *_dates(from_, to)))
        refs = _refs(request, (r["party"] for r in rows))
        return _page([PartyAgreement(party=refs.get(r["party"] or "", Ref(iri=r["party"] or "")),
                                     votes=int(r["votes"] or 0), with_cabinet=int(r["with_cabinet"] or 0),
                                     share=float(r["share"] or 0)) for r in rows])

    return router
