"""The comparison of the definitions: its JSON extends the report contract."""

from __future__ import annotations

import json

from ptce_graph.legal import compare_definitions
from ptce_graph.model import Link, Pole
from tests.legal.poles import AS_OF, fitting_pole


def only_mutualisation() -> Pole:
    pole = fitting_pole("seulement-mutualisation")
    pole.links = [
        Link(source="atelier", target="dupont", logic="mutualisation", kind="employer-group"),
        Link(source="quartier", target="commune", logic="partnership", kind="agreement"),
    ]
    return pole


def test_comparison_json_extends_the_report_contract() -> None:
    comparison = compare_definitions(only_mutualisation(), as_of=AS_OF)
    data = json.loads(comparison.to_json("en"))
    assert data["as_of"] == "2026-01-01"
    assert [d["definition"] for d in data["definitions"]] == [
        "labo-2010",
        "senate-2013",
        "law-2014",
        "decree-2015",
    ]
    for report in data["definitions"]:
        assert set(report) >= {"definition", "as_of", "poles"}
        for pole in report["poles"]:
            assert set(pole) >= {"pole", "label", "verdict", "clauses"}
            for clause in pole["clauses"].values():
                assert set(clause) >= {"status", "message", "focus"}
    [row] = data["comparison"]
    assert row["verdicts"] == {
        "labo-2010": "does-not-fit",
        "senate-2013": "does-not-fit",
        "law-2014": "fits",
        "decree-2015": "fits",
    }
    assert row["clauses"]["cooperation"] == {
        "labo-2010": "not-met",
        "senate-2013": "not-met",
        "law-2014": "met",
        "decree-2015": "met",
    }
    assert row["clauses"]["legal-person"]["law-2014"] is None
    assert any(
        d.get("better") == ["law-2014", "decree-2015"] and d["worse"] == "senate-2013"
        for d in row["differences"]
    )


