"""Content negotiation: an Accept header and the server's offer -> one media type.

Rules (RFC 9110, section 12.5.1), in the order they decide:

1. Each offered type gets the q-value of the *most specific* media range that matches it
   (``text/turtle`` beats ``text/*`` beats ``*/*``; a range with parameters that the offer
   also carries beats the same range without them). ``q=0`` means "not acceptable".
2. The offer with the highest q wins.
3. Among equal q, the offer named by the more specific range wins: ``Accept: text/turtle, */*``
   asks for Turtle even when the server lists JSON-LD first.
4. Remaining ties go to the server's order of ``offered`` (its preferred, default type first).

No header, or an empty one, means ``*/*``: the first offered type. Malformed ranges are ignored
rather than failing the request, as browsers and old clients send odd headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    params: tuple[tuple[str, str], ...]
    q: float

    def specificity(self, offer: MediaType) -> int:
        """How closely this range matches ``offer``; -1 when it does not match at all."""
        if self.type == "*":
            return 0 if self.subtype == "*" else -1  # "*/json" is not a valid range
        if self.type != offer.type:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != offer.subtype:
            return -1
        if not self.params:
            return 2
        # Parameters in the range must all be present, equal, in the offer. Everything this
        # server sends is UTF-8, so an offer without a charset carries charset=utf-8 implicitly.
        offered = {"charset": "utf-8", **dict(offer.params)}
        if all(offered.get(k) == v for k, v in self.params):
            return 3
        return -1


@dataclass(frozen=True)
class MediaType:
    type: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()


def _split_params(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    parts = [p.strip() for p in text.split(";")]
    head = parts[0].lower()
    params: list[tuple[str, str]] = []
    for p in parts[1:]:
        if not p:
            continue
        if "=" not in p:
            return None
        k, v = p.split("=", 1)
        params.append((k.strip().lower(), v.strip().strip('"')))
    return head, params


def parse_media_type(text: str) -> MediaType | None:
    """``'text/turtle; charset=utf-8'`` -> MediaType('text', 'turtle', (('charset', 'utf-8'),))."""
    split = _split_params(text)
    if split is None:
        return None
    head, params = split
    if head.count("/") != 1:
        return None
    t, s = (x.strip() for x in head.split("/"))
    if not t or not s:
        return None
    # charset values are case-insensitive; compare them lower-cased.
    norm = tuple((k, v.lower() if k == "charset" else v) for k, v in params)
    return MediaType(t, s, norm)


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed ranges are dropped."""
    ranges: list[MediaRange] = []
    for item in header.split(","):
        item = item.strip()
        if not item:
            continue
        split = _split_params(item)
        if split is None:
            continue
        head, params = split
        if head.count("/") != 1:
            # A bare "*" is sent by some old clients (Java's URLConnection); read it as */*.
            if head == "*":
                head = "*/*"
            else:
                continue
        t, s = (x.strip() for x in head.split("/"))
        if not t or not s:
            continue
        q = 1.0
        range_params: list[tuple[str, str]] = []
        bad = False
        for i, (k, v) in enumerate(params):
            if k == "q":
                try:
                    q = float(v)
                except ValueError:
                    bad = True
                    break
                if not 0.0 <= q <= 1.0:
                    bad = True
                # Everything after q is an accept-extension, not a media-type parameter.
                params = params[:i]
                break
        if bad:
            continue
        for k, v in params:
            range_params.append((k, v.lower() if k == "charset" else v))
        ranges.append(MediaRange(t, s, tuple(range_params), q))
    return ranges


def negotiate(accept_header: str | None, offered: Sequence[str]) -> str | None:
    """The best of ``offered`` for ``accept_header``, or None when none is acceptable.

    ``offered`` is in the server's order of preference; the returned string is one of its items,
    unchanged.
    """
    # Offers are fixed per endpoint and clients send few distinct headers: memoise the answer
    # (bounded in entries and key size, so odd headers cannot grow it much) instead of parsing
    # both on every request.
    if accept_header is not None and len(accept_header) > 1024:
        return _negotiate.__wrapped__(accept_header, tuple(offered))
    return _negotiate(accept_header, tuple(offered))


@lru_cache(maxsize=512)
def _negotiate(accept_header: str | None, offered: tuple[str, ...]) -> str | None:
    if not offered:
        return None
    if accept_header is None or not accept_header.strip():
        return offered[0]
    ranges = parse_accept(accept_header)
    if not ranges:
        # Only garbage: behave as if no header was sent rather than refusing the request.
        return offered[0]
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    for order, item in enumerate(offered):
        offer = parse_media_type(item)
        if offer is None:
            continue
        spec, q = -1, 0.0
        for r in ranges:
            s = r.specificity(offer)
            if s > spec:
                spec, q = s, r.q
        if spec < 0 or q <= 0.0:
            continue
        key = (q, spec, -order)
        if best is None or key > best:
            best, chosen = key, item
    return chosen


def base_type(content_type: str | None) -> str:
    """``'Application/SPARQL-Query; charset=UTF-8'`` -> ``'application/sparql-query'`` ('' if absent)."""
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type, lower-cased, or None."""
    if not content_type:
        return None
    mt = parse_media_type(content_type)
    if mt is None:
        return None
    return dict(mt.params).get("charset")
