"""Persistent IRIs of published PTCE data: the pattern, minting and reading back.

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
``{base}geo/{kind}/{code}``                 an INSEE area (commune, departement,
                                            region, epci), shared by all poles
``{base}genid/{32 hex}``                    a skolemised blank node
                                            (:func:`ptce_graph.io.bnodes.skolemize`)
==========================================  =========================================

The functions here mint exactly what :meth:`ptce_graph.model.Pole.to_graph`
mints (a test checks it), and :func:`parse_iri` reads an IRI back into its
kind and ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from rdflib import URIRef

from ptce_graph.errors import InputError
from ptce_graph.io.bnodes import SKOLEM_SEGMENT
from ptce_graph.model import DEFAULT_BASE, Link, segment

__all__ = [
    "DEFAULT_BASE",
    "pole_iri",
    "actor_iri",
    "membership_iri",
    "link_iri",
    "project_iri",
    "territory_iri",
    "strategy_iri",
    "area_iri",
    "IriParts",
    "parse_iri",
    "CHILD_KINDS",
    "check_iri",
]

#: Kinds of resources minted under a pole's IRI, as they appear in the path.
CHILD_KINDS = ("actor", "membership", "link", "project", "funding", "place", "meeting", "assessment", "agent")
AREA_KINDS = ("commune", "departement", "region", "epci")


def check_iri(value: object, *, what: str, expected: str = "an absolute IRI such as https://…") -> URIRef:
    """``value`` as a URIRef if it is an absolute IRI (RFC 3987, Oxigraph's strict check), else InputError.

    rdflib's URIRef only logs a warning for ``<a b>`` or ``x>y``; such an IRI
    must never reach a query, an upload or a file.
    """
    import pyoxigraph as ox

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


def pole_iri(pole: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}``."""
    return URIRef(f"{_check_base(base)}pole/{segment(pole)}")


def _child(pole: str, kind: str, child: str | None, base: str) -> URIRef:
    tail = f"/{kind}" if child is None else f"/{kind}/{segment(child)}"
    return URIRef(str(pole_iri(pole, base=base)) + tail)


def actor_iri(pole: str, actor: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/actor/{actor}``."""
    return _child(pole, "actor", actor, base)


def membership_iri(pole: str, actor: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/membership/{actor}``."""
    return _child(pole, "membership", actor, base)


def link_iri(pole: str, link: Link | str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/link/{id}``; a :class:`Link` without id gets its content hash."""
    return _child(pole, "link", link.minted_id() if isinstance(link, Link) else link, base)


def project_iri(pole: str, project: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/project/{project}``."""
    return _child(pole, "project", project, base)


def territory_iri(pole: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/territory``."""
    return _child(pole, "territory", None, base)


def strategy_iri(pole: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}pole/{pole}/strategy``."""
    return _child(pole, "strategy", None, base)


def area_iri(kind: str, code: str, *, base: str = DEFAULT_BASE) -> URIRef:
    """``{base}geo/{kind}/{code}`` for a commune, departement, region or epci."""
    if kind not in AREA_KINDS:
        raise ValueError(f"area kind {kind!r} is not one of {', '.join(AREA_KINDS)}")
    return URIRef(f"{_check_base(base)}geo/{kind}/{segment(code)}")


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
