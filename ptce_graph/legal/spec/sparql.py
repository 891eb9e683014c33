"""SPARQL building blocks of the legal shapes, expanded when the shapes are generated.

The clause queries of ``shapes/*.ttl`` test the same few facts again and
again: is this actor a member of the pole, is it an ESS enterprise, a legal
person, an enterprise?  Each fact is written once here as a *macro* (a SPARQL
boolean expression over one variable) and expanded into the queries by
:mod:`ptce_graph.legal.spec.shapes_gen`, so that the four definition files stay
consistent.  The Turtle files hold the expanded queries: they are what
pyshacl (or any SHACL-SPARQL engine) runs, and what a reader checks.

Three-valued facts come in pairs (``ESS_YES`` / ``ESS_NO``, ``LP_YES`` /
``LP_NO``...): an actor for which neither holds is *unknown*, never silently
yes or no.  The rules are those of :func:`ptce_graph.ess.ess_status` and of
``shared/domain/definitions.md``; the legal forms' families and legal
personality come from ``ontology/legal-forms.ttl`` (added to the data graph by
the validation engine, see ``docs/validation.md``).

Macro syntax in a query: ``@NAME(?var)`` (or ``@NAME($this)``).  Tokens ``<<NAME>>`` are replaced
by the class lists of :data:`TOKENS`.
"""

from __future__ import annotations

import itertools
import re

from ptce_graph.model import PROGRAMMES

__all__ = ["expand", "MACROS", "TOKENS", "CONTEXT_IRI"]

#: The node of the data graph that carries the evaluation date
#: (``<CONTEXT_IRI> ptce:asOf "2026-11-26"^^xsd:date``).  Without it the
#: queries use the current date (SPARQL ``NOW()``).
CONTEXT_IRI = "https://w3id.org/ptce/shapes/evaluation-context"

#: Class lists used in several queries.
TOKENS: dict[str, str] = {
    # Actor kinds (ptce.ttl): an actor is of unknown kind when it has none of them.
    "ENTERPRISE_KINDS": "ptce:Enterprise, ptce:NonESSEnterprise, ptce:SoleProprietorship",
    "OTHER_KINDS": (
        "ptce:PublicBody, ptce:LocalAuthority, ptce:LocalAuthorityGrouping, ptce:KnowledgeBody, "
        "ptce:ResearchCentre, ptce:HigherEducationEstablishment, ptce:TrainingBody, ptce:ESSNetwork, "
        "ptce:Person, ptce:OtherBody"
    ),
    # The kinds the Labo de l'ESS 2010 names (besides the SMEs).
    "LABO_KINDS": (
        "ptce:LocalAuthority, ptce:LocalAuthorityGrouping, ptce:KnowledgeBody, ptce:ResearchCentre, "
        "ptce:HigherEducationEstablishment, ptce:TrainingBody"
    ),
    # Cooperation links by logic, with the subtype classes of each logic.
    "MUTUALISATION": (
        "ptce:MutualisationLink, ptce:EmployerGroup, ptce:SharedEmployees, ptce:SharedSkills, "
        "ptce:SharedPremises, ptce:SharedEquipment"
    ),
    "COOPERATION": (
        "ptce:InteractionLink, ptce:WorkingGroup, ptce:CoBuiltProject, ptce:CollectiveTool, "
        "ptce:AnimationLink, ptce:ConvivialEvent, ptce:TrainingSession"
    ),
    "PARTNERSHIP": "ptce:PartnershipLink, ptce:FormalAgreement",
    # The State's PTCE calls the model knows (one list: ptce_graph.model.PROGRAMMES).
    "STATE_PTCE_PROGRAMMES": ", ".join("ptce:" + str(iri).rsplit("#", 1)[1] for iri in PROGRAMMES.values()),
}
TOKENS["LOGICS"] = ", ".join((TOKENS["MUTUALISATION"], TOKENS["COOPERATION"], TOKENS["PARTNERSHIP"]))
TOKENS["LINK_CLASSES"] = "ptce:CooperationLink, " + TOKENS["LOGICS"]

# A date literal reduced to its ISO lexical form (timezone dropped): YYYY, YYYY-MM or YYYY-MM-DD.
_ISO_DATE = 'SUBSTR(REPLACE(STR(%(d)s), "(Z|[+-][0-9][0-9]:[0-9][0-9])$", ""), 1, 10)'
_ISO_OK = 'REGEX(%(d)s, "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")'

#: name -> SPARQL boolean expression over ``%(a)s``; ``%(t)s`` makes its variables unique.
MACROS: dict[str, str] = {
    # -- relation of an actor to the pole ($this) -------------------------------------------
    # any membership of the pole, whatever the relation
    "OF_POLE": "EXISTS { ?mb%(t)s org:organization $this ; org:member %(a)s }",
    # a membership recorded as member
    "MEMBER": "EXISTS { ?mb%(t)s org:organization $this ; org:member %(a)s ; ptce:relation ptce:Member }",
    # member, or a membership whose relation is not recorded (it may be a member)
    "MAYBE_MEMBER": (
        "EXISTS { ?mb%(t)s org:organization $this ; org:member %(a)s . "
        "FILTER NOT EXISTS { ?mb%(t)s ptce:relation ptce:Partner } }"
    ),
    "RELATION_UNKNOWN": "(!@MEMBER(%(a)s) && @MAYBE_MEMBER(%(a)s))",
    # only partner memberships
    "ONLY_PARTNER": "(@OF_POLE(%(a)s) && !@MAYBE_MEMBER(%(a)s))",
    # -- ESS status (article 1), exactly the rule of ptce_graph.ess.ess_status ---------------
    "ESS_YES": (
        "(EXISTS { %(a)s ptce:legalForm ?lf%(t)s . { ?lf%(t)s a ptce:StatutoryESSForm } UNION "
        "{ ?lf%(t)s a ptce:CommercialCompanyForm . %(a)s ptce:essMention ?em%(t)s . "
        "FILTER (?em%(t)s = true) } } || @COOPERATIVE_ESS(%(a)s))"
    ),
    # a cooperative (article 1 II 1°) whatever its company code, unless its form is outside the ESS
    # or it is a natural person recorded without a form
    "COOPERATIVE_ESS": (
        "(EXISTS { %(a)s ptce:cooperative ?co%(t)s . FILTER (?co%(t)s = true) } "
        "&& NOT EXISTS { %(a)s ptce:legalForm ?nf%(t)s . ?nf%(t)s a ptce:NonESSForm } "
        "&& !(EXISTS { %(a)s a ptce:Person } && NOT EXISTS { %(a)s ptce:legalForm ?pf%(t)s }))"
    ),
    "ESS_NO_FORM": (
        "(EXISTS { %(a)s ptce:legalForm ?lf%(t)s . { ?lf%(t)s a ptce:NonESSForm } UNION "
        "{ ?lf%(t)s a ptce:CommercialCompanyForm . %(a)s ptce:essMention ?em%(t)s . "
        "FILTER (?em%(t)s = false) } } "
        "|| (EXISTS { %(a)s a ptce:Person } && NOT EXISTS { %(a)s ptce:legalForm ?pf%(t)s }))"
    ),
    "ESS_NO": "(!@ESS_YES(%(a)s) && @ESS_NO_FORM(%(a)s))",
    "ESS_UNKNOWN": "(!@ESS_YES(%(a)s) && !@ESS_NO_FORM(%(a)s))",
    # -- kind of actor ----------------------------------------------------------------------
    "ENTERPRISE": "EXISTS { %(a)s a ?k%(t)s . FILTER (?k%(t)s IN (<<ENTERPRISE_KINDS>>)) }",
    "NON_ENTERPRISE": "EXISTS { %(a)s a ?k%(t)s . FILTER (?k%(t)s IN (<<OTHER_KINDS>>)) }",
    "ONLY_ENTERPRISE": "(@ENTERPRISE(%(a)s) && !@NON_ENTERPRISE(%(a)s))",
    "KIND_UNKNOWN": "(!@ENTERPRISE(%(a)s) && !@NON_ENTERPRISE(%(a)s))",
    # -- groupings of enterprises (decree 2015-431, art. 3 2°) --------------------------------
    # a grouping: its form groups enterprises (GIE, employer group, union), or its members are recorded
    "GROUPING": (
        "(EXISTS { %(a)s ptce:legalForm ?gf%(t)s . ?gf%(t)s a ptce:EnterpriseGroupingForm } "
        "|| EXISTS { %(a)s ptce:groupingMember ?gm%(t)s })"
    ),
    # the majority of its recorded members are / are certainly not outside the ESS (computed by validation
    # with ptce_graph.ess, see ptce_graph.legal.shacl.working)
    "GROUPING_MAJORITY_NON_ESS": (
        "EXISTS { %(a)s ptce:groupingNonESSMajority ?gn%(t)s . FILTER (?gn%(t)s = true) }"
    ),
    "GROUPING_MAJORITY_ESS": (
        "EXISTS { %(a)s ptce:groupingNonESSMajority ?ge%(t)s . FILTER (?ge%(t)s = false) }"
    ),
    # a non-ESS enterprise: an enterprise whose ESS status is no, or a grouping whose recorded members are
    # mostly outside the ESS (whatever its own form)
    "NON_ESS_ENTERPRISE": (
        "((@ENTERPRISE(%(a)s) && @ESS_NO(%(a)s) && !@GROUPING(%(a)s)) "
        "|| (@GROUPING(%(a)s) && @GROUPING_MAJORITY_NON_ESS(%(a)s)))"
    ),
    # certainly not a non-ESS enterprise: an ESS enterprise or an actor of another kind, or a grouping
    # whose recorded members are not mostly outside the ESS
    "NOT_NON_ESS_ENTERPRISE": (
        "((!@GROUPING(%(a)s) && (@ESS_YES(%(a)s) || (@NON_ENTERPRISE(%(a)s) && !@ENTERPRISE(%(a)s)))) "
        "|| (@GROUPING(%(a)s) && @GROUPING_MAJORITY_ESS(%(a)s)))"
    ),
    # decree 2015-431: the non-ESS enterprise is one of the legal persons the pole is made of
    # (a sole proprietorship or a natural person never counts)
    "DECREE_NON_ESS_ENTERPRISE": "(@NON_ESS_ENTERPRISE(%(a)s) && @LP_YES(%(a)s))",
    "DECREE_NOT_NON_ESS_ENTERPRISE": "(@NOT_NON_ESS_ENTERPRISE(%(a)s) || @LP_NO(%(a)s))",
    # -- legal personality (ptce:hasLegalPersonality of the legal form), else from the kind ----
    # a natural person or a sole proprietorship is never a legal person, whatever form is recorded
    "NATURAL_PERSON": "EXISTS { %(a)s a ?nk%(t)s . FILTER (?nk%(t)s IN (ptce:Person, ptce:SoleProprietorship)) }",
    "FORM_PERSONALITY": "EXISTS { %(a)s ptce:legalForm/ptce:hasLegalPersonality ?lp%(t)s }",
    "LP_YES": (
        "(!@NATURAL_PERSON(%(a)s) && (EXISTS { %(a)s ptce:legalForm/ptce:hasLegalPersonality ?lp%(t)s . "
        "FILTER (?lp%(t)s = true) }"
        " || (!@FORM_PERSONALITY(%(a)s) && EXISTS { %(a)s a ?pk%(t)s . "
        "FILTER (?pk%(t)s IN (ptce:PublicBody, ptce:LocalAuthority, ptce:LocalAuthorityGrouping)) })))"
    ),
    "LP_NO": (
        "(@NATURAL_PERSON(%(a)s) || (!@LP_YES(%(a)s) && EXISTS { %(a)s ptce:legalForm/ptce:hasLegalPersonality "
        "?ln%(t)s . FILTER (?ln%(t)s = false) }))"
    ),
    "LP_UNKNOWN": "(!@LP_YES(%(a)s) && !@LP_NO(%(a)s))",
    # -- Labo de l'ESS 2010 -----------------------------------------------------------------
    # « initiatives, entreprises et réseaux de l'ESS »: article 1 not required
    "LABO_ESS": (
        "(@ESS_YES(%(a)s) || EXISTS { %(a)s a ptce:ESSNetwork } || "
        "EXISTS { %(a)s ptce:declaresESS ?de%(t)s . FILTER (?de%(t)s = true) })"
    ),
    "LABO_ESS_NO": "(!@LABO_ESS(%(a)s) && @ESS_NO(%(a)s) && !@KIND_UNKNOWN(%(a)s))",
    # « PME socialement responsables, collectivités locales, centres de recherche et organismes de formation »
    "LABO_PARTNER": (
        "(EXISTS { %(a)s a ?lk%(t)s . FILTER (?lk%(t)s IN (<<LABO_KINDS>>)) } || @NON_ESS_ENTERPRISE(%(a)s))"
    ),
    "LABO_PARTNER_NO": (
        "(!@LABO_PARTNER(%(a)s) && !@KIND_UNKNOWN(%(a)s) && NOT EXISTS { %(a)s a ptce:PublicBody }"
        " && (!@ENTERPRISE(%(a)s) || @ESS_YES(%(a)s)))"
    ),
    # -- decree 2015: « une autre personne prévue à l'article 9 », a legal person ------------
    "DECREE_PARTNER": "(@NON_ENTERPRISE(%(a)s) && @LP_YES(%(a)s))",
    "DECREE_PARTNER_NO": "(@ONLY_ENTERPRISE(%(a)s) || @LP_NO(%(a)s))",
    # -- dates against the evaluation date ?asOf (bound by @AS_OF) ---------------------------
    # ended before ?asOf: the latest day the end date may stand for is before it
    "ENDED": (
        "EXISTS { %(a)s ptce:endDate ?ed%(t)s . BIND (" + _ISO_DATE % {"d": "?ed%(t)s"} + " AS ?es%(t)s) "
        "FILTER (" + _ISO_OK % {"d": "?es%(t)s"} + " && ?es%(t)s < SUBSTR(?asOf, 1, STRLEN(?es%(t)s))) }"
    ),
    # starts after ?asOf: the earliest day the start date may stand for is after it
    "NOT_BEGUN": (
        "EXISTS { %(a)s ptce:startDate ?sd%(t)s . BIND (" + _ISO_DATE % {"d": "?sd%(t)s"} + " AS ?ss%(t)s) "
        "FILTER (" + _ISO_OK % {"d": "?ss%(t)s"} + " && ?ss%(t)s > SUBSTR(?asOf, 1, STRLEN(?ss%(t)s))) }"
    ),
    "OVER": "(@ENDED(%(a)s) || @NOT_BEGUN(%(a)s))",
    # -- cooperation links ------------------------------------------------------------------
    # a link that joins two distinct actors of the pole
    "JOINS_ACTORS": (
        "EXISTS { %(a)s ptce:sourceActor ?ls%(t)s ; ptce:targetActor ?lt%(t)s . "
        "FILTER (?ls%(t)s != ?lt%(t)s && @OF_POLE(?ls%(t)s) && @OF_POLE(?lt%(t)s)) }"
    ),
    # a link that joins two distinct members of the pole
    "JOINS_MEMBERS": (
        "EXISTS { %(a)s ptce:sourceActor ?ls%(t)s ; ptce:targetActor ?lt%(t)s . "
        "FILTER (?ls%(t)s != ?lt%(t)s && @MEMBER(?ls%(t)s) && @MEMBER(?lt%(t)s)) }"
    ),
    # certainly joins no two distinct actors: an actor linked to itself
    "SELF_LINK": "EXISTS { %(a)s ptce:sourceActor ?ls%(t)s ; ptce:targetActor ?ls%(t)s }",
    # certainly not between two members: a self link, or an end that is only a partner
    "NOT_BETWEEN_MEMBERS": (
        "(@SELF_LINK(%(a)s) || EXISTS { %(a)s ptce:sourceActor|ptce:targetActor ?le%(t)s . "
        "FILTER (@ONLY_PARTNER(?le%(t)s)) })"
    ),
    "IS_MUTUALISATION": "EXISTS { %(a)s a ?lc%(t)s . FILTER (?lc%(t)s IN (<<MUTUALISATION>>)) }",
    "IS_COOPERATION": "EXISTS { %(a)s a ?lc%(t)s . FILTER (?lc%(t)s IN (<<COOPERATION>>)) }",
    "HAS_LOGIC": "EXISTS { %(a)s a ?lc%(t)s . FILTER (?lc%(t)s IN (<<LOGICS>>)) }",
    # -- funding ----------------------------------------------------------------------------
    # State support from a PTCE call, not after the evaluation year
    "STATE_PTCE_FUNDING": (
        "(EXISTS { %(a)s ptce:programme ?pg%(t)s . FILTER (?pg%(t)s IN (<<STATE_PTCE_PROGRAMMES>>) || "
        "EXISTS { ?pg%(t)s a ptce:StatePTCEProgramme }) } && NOT EXISTS { %(a)s ptce:year ?fy%(t)s . "
        "FILTER (SUBSTR(STR(?fy%(t)s), 1, 4) > SUBSTR(?asOf, 1, 4)) })"
    ),
}

#: Pattern that binds ``?asOf`` (YYYY-MM-DD) from the evaluation context, or today.
AS_OF = (
    "OPTIONAL { <" + CONTEXT_IRI + "> ptce:asOf ?asOfLiteral . }\n"
    "BIND (COALESCE(SUBSTR(STR(?asOfLiteral), 1, 10), SUBSTR(STR(NOW()), 1, 10)) AS ?asOf)"
)

_CALL = re.compile(r"@([A-Z_]+)\((\?[A-Za-z_][A-Za-z0-9_]*|\$this)\)")
_TOKEN = re.compile(r"<<([A-Z_]+)>>")


def expand(query: str) -> str:
    """Expand ``@MACRO(?var)`` calls, ``@AS_OF`` and ``<<TOKEN>>`` lists in a query."""
    counter = itertools.count(1)

    def call(match: re.Match[str]) -> str:
        name, var = match.group(1), match.group(2)
        if name not in MACROS:
            raise KeyError(f"unknown SPARQL macro @{name}")
        body = MACROS[name] % {"a": var, "t": f"_{next(counter)}"}
        return _CALL.sub(call, body)

    text = query.replace("@AS_OF", AS_OF)
    previous = None
    while previous != text:
        previous = text
        text = _CALL.sub(call, text)
    return _TOKEN.sub(lambda m: TOKENS[m.group(1)], text)
