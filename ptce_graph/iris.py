"""Persistent IRIs of PTCE data: the one pattern, minted here and read back here.

Every resource ptce_graph writes from a spreadsheet or from the Python model
gets an IRI minted *from ids*, never from row numbers, dates or random
numbers, so republishing the same data gives the same IRIs, and a
coordinator who renames a pole's label does not break links to it.  The
default base is the w3id.org permanent-identifier space
``https://w3id.org/ptce/id/`` (w3id.org redirects to wherever the data is
hosted; see ``docs/publishing.md`` for the redirect rules).  Ids are
percent-encoded as one path segment each (``"Coop A"`` → ``Coop%20A``).

==========================================  =========================================
IRI                                         resource
==========================================  =========================================
``{base}pole/{pole}``                       the pole
``{base}pole/{pole}/territory``             its territory
``{base}pole/{pole}/strategy``              its strategy document
``{base}pole/{pole}/actor/{actor}``         an actor, as involved in this pole
``{base}pole/{pole}/membership/{actor}``    the actor's membership of the pole
``{base}pole/{pole}/link/{link}``           a cooperation link (its id, or ``l-`` + a
                                            hash of its content when it has none)
``{base}pole/{pole}/project/{project}``     a project
``{base}pole/{pole}/funding/f-{hash}``      a funding line (hash of its content)
``{base}pole/{pole}/place/{place}``         a place
``{base}pole/{pole}/meeting/{meeting}``     a meeting, seminar or series
``{base}pole/{pole}/assessment/{obj}``      a référentiel objective assessment
``{base}pole/{pole}/tool/{tool}``           a collective tool
``{base}pole/{pole}/agent/{name}``          a funder or supporter that is not an actor
``{resource}/annotation/{column}``          an extra column of a bundle row
``{base}geo/{kind}/{code}``                 an INSEE area (commune, departement,
                                            region, epci), shared by all poles
``{base}genid/{32 hex}``                    a skolemised blank node
                                            (:func:`ptce_graph.io.bnodes.skolemize`)
==========================================  =========================================

:meth:`ptce_graph.model.Pole.to_graph` mints through the functions here (the
one table of kinds, :data:`CHILD_KINDS`), and :func:`parse_iri` reads an IRI
back into its kind and ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import URIRef

from ptce_graph.errors import InputError
from ptce_graph.namespaces import DATA

__all__ = [
    "DEFAULT_BASE",
    "SKOLEM_SEGMENT",
    "segment",
    "pole_iri",
    "child_iri",
    "actor_iri",
    "membership_iri",
    "link_iri",
    "project_iri",
    "territory_iri",
    "strategy_iri",
    "area_iri",
    "annotation_iri",
    "IriParts",
    "parse_iri",
    "CHILD_KINDS",
    "check_iri",
]

#: The namespace under which IRIs are minted from ids unless a base is given.
DEFAULT_BASE = str(DATA)
#: The path segment of skolemised blank nodes (:func:`ptce_graph.io.bnodes.skolemize`).
SKOLEM_SEGMENT = "genid/"
#: Kinds of resources minted under a pole's IRI, as they appear in the path.
CHILD_KINDS = ("actor", "membership", "link", "project", "funding", "place", "meeting", "assessment", "agent", "tool")
#: Kinds of INSEE areas, as they appear in the path.
AREA_KINDS = ("commune", "departement", "region", "epci")


class _Minted(Protocol):
    def minted_id(self) -> str: ...


def segment(identifier: str) -> str:
    """An id as one IRI path segment (percent-encoded, reversible).

    The ids ``.`` and ``..`` are encoded (``%2E``): as path segments they are
    dot-segments, which IRI resolvers (raptor, browsers, redirects) remove.
    """
    if not identifier:
        raise ValueError("an id cannot be empty")
    encoded = quote(identifier, safe="-._~")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def check_iri(value: object, *, what: str, expected: str = "an absolute IRI such as https://…") -> URIRef:
    """``value`` as a URIRef if it is an absolute IRI (RFC 3987, Oxigraph's strict check), else InputError.

    rdflib's URIRef only logs a warning for ``<a b>`` or ``x>y``; such an IRI
    must never reach a query, an upload or a file.
    """
    text = str(value)
    try:
        ox.NamedNode(text)
    except ValueError:
        raise InputError(
            f"{what} {text[:80]!r} is not an absolute IRI", source=what, expected=expected
        ) from None
    return URIRef(text)


def _check_base(base: str) -> str:
    if not re.match(r"^[a-z][a-z0-9+.-]*:", base) or not base.endswith(("/", "#")):
        raise ValueError(f"base {base!r} must be an absolute IRI ending with / or #")
    return base


def pole_iri(pole: str, *, base: str = DEFAULT_BASE, check_base: bool = True) -> URIRef:
    """``{base}pole/{pole}``; ValueError unless ``base`` is an absolute IRI ending with / or # (when
    ``check_base``: the model mints under whatever base it is given)."""
    return URIRef(f"{_check_base(base) if check_base else base}pole/{segment(pole)}")


def child_iri(pole: URIRef | str, kind: str, child: str | None = None) -> URIRef:
    """``{pole}/{kind}/{child}`` (``child`` percent-encoded), or ``{pole}/{kind}`` without a child.

    ``pole`` is the pole's IRI; ``kind`` one of :data:`CHILD_KINDS`, or
    ``territory`` and ``strategy``, which a pole has one of.
    """
    if kind not in CHILD_KINDS and not (child is None and kind in ("territory", "strategy")):
        raise ValueError(f"{kind!r} is not a kind of resource minted under a pole")
    return URIRef(f"{pole}/{kind}" if child is None else f"{pole}/{kind}/{segment(child)}")


def _child(pole: str, kind: str, child: str | None, base: str) -> URIRef:
    return child_iri(pole_iri(pole, base=base), kind, child)


def actor_iri(pole: str, actor: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/actor/{actor}``."""
    return _child(pole, "actor", actor, base)


def membership_iri(pole: str, actor: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/membership/{actor}``."""
    return _child(pole, "membership", actor, base)


def link_iri(pole: str, link: _Minted | str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/link/{id}``; a :class:`~ptce_graph.model.Link` without id gets its content hash."""
    return _child(pole, "link", link if isinstance(link, str) else link.minted_id(), base)


def project_iri(pole: str, project: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/project/{project}``."""
    return _child(pole, "project", project, base)


def territory_iri(pole: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/territory``."""
    return _child(pole, "territory", None, base)


def strategy_iri(pole: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/strategy``."""
    return _child(pole, "strategy", None, base)


def area_iri(kind: str, code: str, *, base: str = DEFAULT_BASE, check_base: bool = True) -> URIRef:
    """``{base}geo/{kind}/{code}`` for a commune, departement, region or epci (``check_base``: as
    :func:`pole_iri`)."""
    if kind not in AREA_KINDS:
        raise ValueError(f"area kind {kind!r} is not one of {', '.join(AREA_KINDS)}")
    return URIRef(f"{_check_base(base) if check_base else base}geo/{kind}/{segment(code)}")


def annotation_iri(resource: URIRef | str, column: str) -> URIRef:
    """``{resource}/annotation/{column}``: an extra column of the bundle row that describes ``resource``."""
    return URIRef(f"{resource}/annotation/{segment(column)}")


@dataclass(frozen=True)
class IriParts:
    """What an IRI of the pattern stands for.

    ``kind`` is ``pole``, ``territory``, ``strategy``, one of
    :data:`CHILD_KINDS`, ``area`` (then ``pole`` is None, ``area_kind`` and
    ``child`` hold the INSEE kind and code) or ``skolem`` (``child`` holds the
    hash).  Ids are decoded.
    """

    kind: str
    pole: str | None = None
    child: str | None = None
    area_kind: str | None = None


def parse_iri(iri: str, *, base: str = DEFAULT_BASE) -> IriParts | None:
    """Read an IRI minted under ``base`` back into its kind and ids, or None."""
    text = str(iri)
    if not text.startswith(base):
        return None
    path = text[len(base) :]
    parts = path.split("/")
    if path.startswith(SKOLEM_SEGMENT) and len(parts) == 2 and re.fullmatch(r"[0-9a-f]{32}", parts[1]):
        return IriParts("skolem", child=parts[1])
    if len(parts) == 3 and parts[0] == "geo" and parts[1] in AREA_KINDS and parts[2]:
        return IriParts("area", child=unquote(parts[2]), area_kind=parts[1])
    if len(parts) < 2 or parts[0] != "pole" or not parts[1]:
        return None
    pole = unquote(parts[1])
    if len(parts) == 2:
        return IriParts("pole", pole)
    if len(parts) == 3 and parts[2] in ("territory", "strategy"):
        return IriParts(parts[2], pole)
    if len(parts) == 4 and parts[2] in CHILD_KINDS and parts[3]:
        return IriParts(parts[2], pole, unquote(parts[3]))
    return None
