"""Without a Java runtime: no crash, a plain message, the structural checks, and
the ESS status of the Python model — never passed off as the reasoner's."""

from __future__ import annotations

import owlready2
import pytest

from ptce_graph.reasoning import JAVA_MISSING_MESSAGE, java_executable, reason

from .test_classify import EXPECTED, actor, check_classification


@pytest.fixture(params=["JAVA_EXE", "PATH"])
def no_java(request, monkeypatch: pytest.MonkeyPatch) -> None:
    """Java made unavailable, either way owlready2 could miss it."""
    if request.param == "JAVA_EXE":
        monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/bin/java")
    else:
        monkeypatch.setattr(owlready2, "JAVA_EXE", "java")
        monkeypatch.setenv("PATH", "")
    assert java_executable() is None


def test_no_java_means_structural_checks_said_plainly(no_java, coteaux, onto) -> None:
    result = reason(coteaux, ontology=onto)
    assert result.reasoner is None
    assert result.derivation == "structural"
    assert result.message == JAVA_MISSING_MESSAGE
    assert JAVA_MISSING_MESSAGE == ("Java runtime not found: install a JRE (Debian: default-jre-headless) "
                                    "to classify with HermiT")
    (note,) = [n for n in result.notes if n.code == "java-missing"]
    assert note.message_fr == ("environnement Java introuvable : installez un JRE (Debian : "
                               "default-jre-headless) pour classer avec HermiT")
    assert result.consistent is True
    check_classification(result)
    assert all(c.derivation == "structural" for c in result)
    assert result.render("en").startswith(
        "No OWL reasoner ran: structural checks only — no contradiction found\n  ! Java runtime not found")


def test_no_java_ess_status_is_the_python_models(no_java, coteaux, onto) -> None:
    from ptce_graph.model import poles_from_graph

    result = reason(coteaux, ontology=onto)
    (pole,) = poles_from_graph(coteaux)
    for a in pole.actors:
        assert result.ess_status(a.iri) is a.ess().status, a.id
        assert result.ess_status(a.iri) is EXPECTED[a.id][0]


def test_no_java_still_finds_what_contradicts_itself(no_java, load_fixture, onto) -> None:
    result = reason(load_fixture("contradictions/delta-form.ttl"), ontology=onto)
    assert result.reasoner is None and result.consistent is False
    (inc,) = result.inconsistencies
    assert inc.message("en").startswith("Commune Delta is a local authority (declared) and a commercial "
                                        "company")
    assert inc.confirmed_by == "structural"


def test_reasoner_none_needs_no_java_and_says_nothing_about_it(coteaux, onto) -> None:
    result = reason(coteaux, ontology=onto, reasoner=None)
    assert result.reasoner is None and not any(n.code == "java-missing" for n in result.notes)
    assert result.ess_status(actor("jardins")).value == "yes"


def test_an_unknown_reasoner_is_a_usage_error(coteaux) -> None:
    with pytest.raises(ValueError, match="unknown reasoner 'fact'"):
        reason(coteaux, reasoner="fact")
