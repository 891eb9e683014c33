"""The SPARQL structure reader of the batch engine: which queries may run for all focus nodes, and the rewrite.

The rewrite must change the plan, never the answers: the last tests run the
original query focus node by focus node (``$this`` pre-bound, as pyshacl
does) and the rewritten one for all focus nodes at once, on the same store.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ptce_graph.legal.shacl.sparql_structure import Plan, SparqlStructureError, analyse, rewrite, tokenize

EX = "http://example.org/"
QUERY = f"""SELECT DISTINCT $this ?value WHERE {{
  ?m <{EX}organization> $this ; <{EX}member> ?value .
  FILTER NOT EXISTS {{ ?value <{EX}form> ?f . ?f <{EX}family> <{EX}ESS> . }}
  FILTER (isIRI($this))
}}"""
POLES = f"?this a <{EX}Pole> ."


def test_tokens_drop_comments_and_white_space() -> None:
    tokens = tokenize('SELECT ?x # a comment\n WHERE { ?x a "s"@en-gb , 1.5 }')
    assert [(t.kind, t.text) for t in tokens] == [
        ("word", "SELECT"), ("var", "?x"), ("word", "WHERE"), ("punct", "{"), ("var", "?x"), ("word", "a"),
        ("string", '"s"'), ("langtag", "@en-gb"), ("punct", ","), ("number", "1.5"), ("punct", "}"),
    ]


def test_an_unexpected_character_is_a_structure_error() -> None:
    with pytest.raises(SparqlStructureError, match="unexpected character '~'"):
        tokenize("SELECT ~")


def test_a_query_reading_this_where_it_is_bound_is_batchable() -> None:
    shape = analyse(QUERY)
    assert shape.batchable and shape.reason == ""
    assert shape.projects_this


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("SELECT $this WHERE { { ?x <http://p> ?y . FILTER (?x = $this) } }",
         "an expression reads ?this in a nested group that does not bind it"),
        ("SELECT $this (COUNT(?x) AS ?n) WHERE { $this <http://p> ?x } GROUP BY $this",
         "aggregates or GROUP BY in the query"),
        ("SELECT $this WHERE { $this <http://p> ?x } LIMIT 1", "LIMIT or OFFSET"),
        ("SELECT $this WHERE { { SELECT ?x WHERE { ?x <http://p> $this } } }", "a sub-query does not project ?this"),
        ("SELECT $this WHERE { BIND (($this) AS ?this) }", "BIND assigns ?this"),
    ],
)
def test_a_query_that_would_change_meaning_runs_focus_node_by_focus_node(query: str, reason: str) -> None:
    shape = analyse(query)
    assert not shape.batchable
    assert shape.reason == reason


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT $this WHERE { GRAPH ?g { $this <http://p> ?x } }", "GRAPH is not handled"),
        ("SELECT $this WHERE { $this <http://p> [ <http://q> ?x ] }", "blank-node property lists"),
        ("SELECT $this WHERE { $this <http://p> ?x } VALUES ?x { 1 }", "unexpected 'VALUES'"),
    ],
)
def test_syntax_it_does_not_read_is_declined(query: str, message: str) -> None:
    with pytest.raises(SparqlStructureError, match=message):
        analyse(query)


def test_exists_patterns_are_chained_with_lateral() -> None:
    text = rewrite(analyse(QUERY))
    assert "LATERAL { ?f <http://example.org/family> <http://example.org/ESS> . }" in text
    assert "LATERAL" not in rewrite(analyse(QUERY), plan=Plan(lateral=False))


def test_focus_nodes_come_first_and_filters_on_this_alone_move_into_them() -> None:
    text = rewrite(analyse(QUERY), focus_targets=POLES)
    assert text.startswith(
        "SELECT DISTINCT $this ?value WHERE { { SELECT DISTINCT ?this WHERE { ?this a <http://example.org/Pole> . "
        "FILTER (isIRI($this)) } }"
    )
    assert text.count("isIRI") == 1


def test_this_is_projected_when_the_query_does_not() -> None:
    shape = analyse(f"SELECT ?value WHERE {{ $this <{EX}member> ?value . }}")
    assert not shape.projects_this
    assert rewrite(shape, focus_targets=POLES).startswith("SELECT ?value ?this WHERE")


def _store() -> ox.Store:
    data = f"""
    <{EX}p1> a <{EX}Pole> . <{EX}p2> a <{EX}Pole> . <{EX}p3> a <{EX}Pole> .
    <{EX}m1> <{EX}organization> <{EX}p1> ; <{EX}member> <{EX}a1> .
    <{EX}m2> <{EX}organization> <{EX}p1> ; <{EX}member> <{EX}a2> .
    <{EX}m3> <{EX}organization> <{EX}p2> ; <{EX}member> <{EX}a2> .
    <{EX}m4> <{EX}organization> <{EX}p3> ; <{EX}member> <{EX}a3> .
    <{EX}a1> <{EX}form> <{EX}coop> . <{EX}coop> <{EX}family> <{EX}ESS> .
    <{EX}a2> <{EX}form> <{EX}sarl> . <{EX}sarl> <{EX}family> <{EX}Company> .
    """
    store = ox.Store()
    store.load(data.encode(), format=ox.RdfFormat.TURTLE)
    return store


def _rows(results: ox.QuerySolutions) -> set[tuple[str, str]]:
    return {(str(s["this"]), str(s["value"])) for s in results}


def test_the_rewrite_gives_the_answers_of_pre_binding() -> None:
    store = _store()
    poles = [ox.NamedNode(f"{EX}p{i}") for i in (1, 2, 3)]
    expected: set[tuple[str, str]] = set()
    for pole in poles:  # pyshacl's way: the original query, $this pre-bound
        for s in store.query(QUERY, substitutions={ox.Variable("this"): pole}):
            expected.add((str(pole), str(s["value"])))
    assert expected == {(f"<{EX}p1>", f"<{EX}a2>"), (f"<{EX}p2>", f"<{EX}a2>"), (f"<{EX}p3>", f"<{EX}a3>")}
    batched = rewrite(analyse(QUERY), focus_targets=POLES)
    assert _rows(store.query(batched)) == expected
    assert _rows(store.query(rewrite(analyse(QUERY), focus_targets=POLES, plan=Plan(lateral=False)))) == expected


def test_an_estimate_orders_the_patterns_without_changing_the_answers() -> None:
    query = (f"SELECT $this ?m ?value WHERE {{ ?m <{EX}organization> $this . $this a <{EX}Pole> . "
             f"?m <{EX}member> ?value . }}")

    def estimate(triple, bound) -> float:  # noqa: ANN001 - the Plan's callback
        return 0.0 if "organization" in triple.verb else 100.0

    store = _store()
    plain = rewrite(analyse(query), focus_targets=POLES)
    ordered = rewrite(analyse(query), focus_targets=POLES, plan=Plan(lateral=True, estimate=estimate))
    # without statistics, the pattern with the fewest unbound variables first; with them, the cheapest
    assert plain.index("LATERAL { $this a <http://example.org/Pole>") < plain.index("organization>")
    assert ordered.index("organization>") < ordered.index("LATERAL { $this a <http://example.org/Pole>")
    assert _rows(store.query(ordered)) == _rows(store.query(plain)) == {
        (f"<{EX}p1>", f"<{EX}a1>"), (f"<{EX}p1>", f"<{EX}a2>"), (f"<{EX}p2>", f"<{EX}a2>"), (f"<{EX}p3>", f"<{EX}a3>")
    }
