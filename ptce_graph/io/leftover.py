"""What a bundle's tables cannot carry, carried beside them: the ``non-repris`` table.

A pole described in Turtle may say more than the bundle's columns hold
(quotations, notes, labels of events, provenance...).  Converting it to a
bundle or a workbook keeps those triples in one more table, ``non-repris.csv``
(a ``non-repris`` sheet in a workbook): one row per triple, its subject,
predicate and object as N-Triples terms.  Reading the bundle back adds them to
the graph, so Turtle → bundle → Turtle is lossless; the writer says how many
triples of each kind went there, and ``strict`` refuses to write any.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.term import Node

from ptce_graph.errors import InputError
from ptce_graph.io.rdf import parse_rdf
from ptce_graph.io.serialize import to_ntriples
from ptce_graph.io.tables import Problems, RawTable
from ptce_graph.model import new_graph

__all__ = ["left_out", "merge_leftover", "leftover_rows", "leftover_counts", "leftover_graph", "describe_counts"]

Triple = tuple[Node, Node, Node]


def left_out(graph: Graph, carried: Graph) -> tuple[list[Triple], list[Triple]]:
    """What the tables lose and what they change: the triples of ``graph`` that ``carried`` (the graph
    the tables read back give) lacks, and those it has that ``graph`` lacks."""
    return [t for t in graph if t not in carried], [t for t in carried if t not in graph]


def merge_leftover(graph: Graph, extra: Iterable[Triple]) -> Graph:
    """Add the ``non-repris`` triples to the graph the tables give.

    A cell holds no language tag: a value the tables carry as plain text and the
    ``non-repris`` table as the same text with its tag (``"bâtiment"@fr``) is kept
    once, tagged, so that Turtle -> bundle -> Turtle gives the same graph.
    """
    for s, p, o in extra:
        graph.add((s, p, o))
        if isinstance(o, Literal) and o.language:
            graph.remove((s, p, Literal(str(o))))
    return graph


def leftover_rows(triples: Iterable[Triple]) -> list[list[object]]:
    """Rows (subject, predicate, object) of N-Triples terms, deterministic (canonical blank nodes)."""
    graph = new_graph()
    for t in triples:
        graph.add(t)
    rows: list[list[object]] = []
    for line in to_ntriples(graph).decode("utf-8").split("\n"):
        if line:
            subject, predicate, obj = line[:-2].split(" ", 2)
            rows.append([subject, predicate, obj])
    return rows


def leftover_counts(triples: Iterable[Triple], graph: Graph) -> Counter[str]:
    """How many triples per predicate (as a prefixed name where the graph knows the prefix)."""
    manager = graph.namespace_manager
    return Counter(manager.normalizeUri(t[1]) for t in triples)  # type: ignore[arg-type]


def describe_counts(counts: Counter[str]) -> str:
    """``12 skos:note, 3 rdfs:label`` (most frequent first)."""
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def leftover_graph(raw: RawTable | None, problems: Problems) -> Graph:
    """The triples a bundle's ``non-repris`` table holds, checked by the RDF reader (located errors)."""
    graph = new_graph()
    if raw is None or not raw.usable:
        return graph
    index = {name: i for i, name in enumerate(raw.columns) if name}
    lines, numbers = [], []
    for number, cells in raw.rows:
        parts = [cells[index[c]].strip() if index.get(c, len(cells)) < len(cells) else ""
                 for c in ("subject", "predicate", "object")]
        if not any(parts):
            continue
        lines.append(" ".join(parts) + " .\n")
        numbers.append(number)
    if not lines:
        return graph
    try:
        return parse_rdf("".join(lines).encode("utf-8"), format="nt", source=raw.source)
    except InputError as exc:
        row = numbers[exc.line - 1] if exc.line and exc.line <= len(numbers) else None
        problems.error(f"not an RDF triple ({exc.problem})", f"ce n'est pas un triplet RDF ({exc.problem})",
                       source=raw.source, sheet=raw.sheet, line=row,
                       expected=("subject, predicate and object as N-Triples terms, as ptce export writes them",
                                 "sujet, prédicat et objet en termes N-Triples, comme ptce export les écrit"))
        return graph
