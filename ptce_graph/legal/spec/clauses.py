"""The clause rules of ``shared/domain/definitions.md`` as SHACL shape specifications.

One :class:`ShapeSpec` per (clause, outcome): the shapes whose results mean
*not met* (severity ``sh:Violation``), those whose results mean *unknown*
(``sh:Warning``), and notes (``sh:Info``) that explain a met clause without
changing it.  No result at all means *met*.  :mod:`.shapes_gen` writes them
to ``shapes/{definition}.ttl``; the report never reads this module (it reads
the Turtle), so the files are the single source the engine runs.

Every SPARQL constraint returns, as ``?value``, the actors, projects, links,
strategy dates or fundings it is about (or nothing for a pole-wide remark),
and its message says what is missing or wrong and what to fill in.  Messages
may hold ``{?value}`` (the list of what is concerned) and ``{?asOf}`` (the
evaluation date).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ptce_graph.legal.spec.definitions import get_definition

__all__ = ["Constraint", "ShapeSpec", "clause_shapes"]

@dataclass(frozen=True)
class Constraint:
    """One SPARQL constraint: a query (WHERE body) and its message in French and English."""

    slug: str
    where: str
    fr: str
    en: str
    select: str = "DISTINCT $this ?value"


@dataclass(frozen=True)
class ShapeSpec:
    """A shape of one clause: its outcome, names, and SPARQL or Core constraints."""

    clause: str
    outcome: str  # not-met | unknown | note | evidence
    name_fr: str
    name_en: str
    description_fr: str
    description_en: str
    message_fr: str
    message_en: str
    sparql: tuple[Constraint, ...] = ()
    # SHACL Core: a property shape on the pole, (path, turtle of its constraints)
    core_path: str | None = None
    core: str | None = None
    slug: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------
#  Shared query fragments
# ---------------------------------------------------------------------------

_ACTOR = "?membership org:organization $this ; org:member ?value ."
_NO_ACTOR = "FILTER NOT EXISTS { ?anyMembership org:organization $this ; org:member ?anyActor . }"
_NO_MEMBER = (
    "FILTER NOT EXISTS { ?anyMembership org:organization $this ; org:member ?anyActor ; "
    "ptce:relation ptce:Member . }"
)
_HAS_MEMBER = (
    "FILTER EXISTS { ?someMembership org:organization $this ; org:member ?someActor ; "
    "ptce:relation ptce:Member . }"
)


def _none_member(predicate: str) -> str:
    """No member (recorded as such) satisfies ``predicate`` (a macro name)."""
    return (
        "FILTER NOT EXISTS { ?goodMembership org:organization $this ; org:member ?good ; "
        f"ptce:relation ptce:Member . FILTER (@{predicate}(?good)) }}"
    )


def _none_actor(predicate: str) -> str:
    """No actor of the pole (member or partner) satisfies ``predicate``."""
    return (
        "FILTER NOT EXISTS { ?goodMembership org:organization $this ; org:member ?good . "
        f"FILTER (@{predicate}(?good)) }}"
    )


def _all_possible_members(predicate: str) -> str:
    """Every actor that is or may be a member satisfies ``predicate``."""
    return (
        "FILTER NOT EXISTS { ?otherMembership org:organization $this ; org:member ?other . "
        f"FILTER (@MAYBE_MEMBER(?other) && !@{predicate}(?other)) }}"
    )


def _all_actors(predicate: str) -> str:
    return (
        "FILTER NOT EXISTS { ?otherMembership org:organization $this ; org:member ?other . "
        f"FILTER (!@{predicate}(?other)) }}"
    )


_NO_MEMBER_FR = (
    "Aucun membre n'est consigné : indiquer quels acteurs sont membres du pôle "
    "(actors.csv, colonne relation = member ; ptce:relation ptce:Member)."
)
_NO_MEMBER_EN = (
    "No member is recorded: say which actors are members of the pole "
    "(actors.csv, column relation = member; ptce:relation ptce:Member)."
)
_NO_ACTOR_FR = "Aucun acteur n'est consigné : lister les membres et partenaires du pôle (actors.csv)."
_NO_ACTOR_EN = "No actor is recorded: list the pole's members and partners (actors.csv)."


def _members_unrecorded(good: str, what_fr: str, what_en: str) -> Constraint:
    """Unknown: the pole has actors but no recorded member, and no known actor satisfies ``good``.

    A pole's actor list without any member is incomplete (a pole is made of its
    members), so that nothing among the actors known qualifies shows nothing:
    the clause is unknown, not not-met.
    """
    return Constraint(
        "members-unrecorded",
        "BIND (1 AS ?one)\n    "
        + "FILTER EXISTS { ?anyMembership org:organization $this ; org:member ?anyActor . }\n    "
        + _NO_MEMBER
        + "\n    "
        + _none_actor(good),
        f"Aucun membre n'est consigné, et aucun des acteurs connus n'est {what_fr} : la liste des acteurs est "
        "incomplète. Indiquer les membres du pôle (actors.csv, colonne relation = member) et leurs "
        "caractéristiques.",
        f"No member is recorded, and none of the known actors is {what_en}: the list of actors is incomplete. "
        "Say which actors are members of the pole (actors.csv, column relation = member) and describe them.",
        select="$this",
    )


def _relation_unknown(what_fr: str, what_en: str) -> tuple[str, str]:
    return (
        f"{what_fr} sont liés au pôle sans que l'on sache s'ils en sont membres ou partenaires : {{?value}}. "
        "Renseigner leur relation au pôle (actors.csv, colonne relation).",
        f"{what_en} are linked to the pole but it is not recorded whether they are members or partners: "
        "{?value}. Fill in their relation to the pole (actors.csv, column relation).",
    )


# ---------------------------------------------------------------------------
#  Clause by clause
# ---------------------------------------------------------------------------

# A member's commune (?commune, code ?rawCode) lies in an area (?area) of the territory when the area is
# that commune (or its commune nouvelle), or the Code officiel géographique puts the commune in it
# (ptce:cog* facts the validation adds, ptce_graph.legal.shacl.working), or the data says so (ptce:partOf).
def _in_area(area: str) -> str:
    return (
        f"({area} = ?commune"
        f" || EXISTS {{ {area} a ptce:Commune ; ptce:inseeCode ?ac . FILTER (UCASE(STR(?ac)) = UCASE(STR(?rawCode))) }}"
        f" || EXISTS {{ {area} a ptce:Commune ; ptce:inseeCode ?an . ?commune ptce:cogCommune ?cn ."
        " FILTER (UCASE(STR(?an)) = ?cn) }"
        f" || EXISTS {{ {area} a ptce:Departement ; ptce:inseeCode ?ad . ?commune ptce:cogDepartement ?cd ."
        " FILTER (UCASE(STR(?ad)) = ?cd) }"
        f" || EXISTS {{ {area} a ptce:Region ; ptce:inseeCode ?ar . ?commune ptce:cogRegion ?cr ."
        ' FILTER (UCASE(STR(?ar)) = ?cr || UCASE(STR(?ar)) = CONCAT("R", ?cr)) }'
        f" || EXISTS {{ {area} a ptce:EPCI ; ptce:siren ?ae . ?commune ptce:cogEPCI ?ce . FILTER (STR(?ae) = ?ce) }}"
        f" || EXISTS {{ ?commune ptce:partOf+ {area} }})"
    )


# An area of the territory that cannot say whether the commune lies in it: a code the official geography
# does not know (unless the data places the commune in it), or a delegated commune of the member's commune
# nouvelle (the data does not say which part of the commune the member is in).
def _undecided_area(area: str) -> str:
    return (
        f"((NOT EXISTS {{ {area} ptce:cogKnown ?known . FILTER (?known = true) }}"
        f" && NOT EXISTS {{ ?commune ptce:partOf+ {area} }})"
        f" || EXISTS {{ {area} a ptce:Commune ; ptce:inseeCode ?uc ; ptce:cogCommune ?up ."
        " ?commune ptce:cogCommune ?up ."
        " FILTER (UCASE(STR(?uc)) != ?up && UCASE(STR(?uc)) != UCASE(STR(?rawCode))) })"
    )


# The actor ?value of the pole is located in a commune the official geography knows.
_TERRITORY_LOCATED = """
    $this ptce:territory ?territory .
    ?territory ptce:comprises ?someArea .
    ?value ptce:locatedIn ?commune .
    ?commune a ptce:Commune ; ptce:inseeCode ?rawCode ; ptce:cogDepartement ?located ."""

_TERRITORY_OUTSIDE = (
    "\n    FILTER NOT EXISTS { ?territory ptce:comprises ?area . FILTER (" + _in_area("?area") + ") }"
)
_NOT_UNDECIDED = (
    "\n    FILTER NOT EXISTS { ?territory ptce:comprises ?doubt . FILTER (" + _undecided_area("?doubt") + ") }"
)
_UNDECIDED = (
    "\n    ?territory ptce:comprises ?doubt .\n    FILTER (" + _undecided_area("?doubt") + ")"
)
_TERRITORY_INSIDE = (
    "\n    ?territory ptce:comprises ?area .\n    FILTER (" + _in_area("?area") + ")"
)

_WHERE_TO_FIX_FR = (
    "Vérifier leur commune (actors.csv, colonne commune) ou étendre le territoire (pole.csv, colonne "
    "codes_territoire) ; un acteur situé au dehors peut être partenaire plutôt que membre."
)
_WHERE_TO_FIX_EN = (
    "Check their commune (actors.csv, column commune) or extend the territory (pole.csv, column "
    "territory_codes); an actor located outside may be a partner rather than a member."
)


def _territory() -> list[ShapeSpec]:
    rel_fr, rel_en = (
        "Ces acteurs sont situés hors du territoire déclaré et l'on ne sait pas s'ils sont membres ou "
        "partenaires (un partenaire peut être situé au dehors) : {?value}. Renseigner leur relation au pôle "
        "(actors.csv, colonne relation).",
        "These actors are located outside the declared territory and it is not recorded whether they are "
        "members or partners (a partner may lie outside): {?value}. Fill in their relation to the pole "
        "(actors.csv, column relation).",
    )
    return [
        ShapeSpec(
            clause="territory",
            outcome="not-met",
            name_fr="territoire : membres situés au dehors",
            name_en="territory: members located outside",
            description_fr="Non remplie quand la commune d'un membre n'est dans aucune des unités du territoire "
            "déclaré (communes, EPCI, départements, régions), selon le Code officiel géographique de l'INSEE "
            "ou l'appartenance que les données déclarent (ptce:partOf).",
            description_en="Not met when a member's commune lies in none of the areas of the declared territory "
            "(communes, EPCI, départements, régions), according to INSEE's Code officiel géographique or the "
            "membership the data declares (ptce:partOf).",
            message_fr="Des membres sont situés hors du territoire déclaré du pôle.",
            message_en="Members are located outside the pole's declared territory.",
            sparql=(
                Constraint(
                    "outside",
                    "?membership org:organization $this ; org:member ?value ; ptce:relation ptce:Member ."
                    + _TERRITORY_LOCATED
                    + _TERRITORY_OUTSIDE
                    + _NOT_UNDECIDED,
                    "Ces membres sont situés hors du territoire déclaré du pôle : {?value}. " + _WHERE_TO_FIX_FR,
                    "These members are located outside the pole's declared territory: {?value}. "
                    + _WHERE_TO_FIX_EN,
                ),
            ),
        ),
        ShapeSpec(
            clause="territory",
            outcome="unknown",
            slug="no-territory",
            name_fr="territoire : aucun territoire déclaré",
            name_en="territory: no territory declared",
            description_fr="Inconnue quand le pôle ne déclare aucun territoire.",
            description_en="Unknown when the pole declares no territory.",
            message_fr="Aucun territoire n'est déclaré : renseigner le territoire du pôle et ses codes INSEE "
            "(pole.csv, colonnes territoire et codes_territoire ; ptce:territory).",
            message_en="No territory is declared: fill in the pole's territory and its INSEE codes "
            "(pole.csv, columns territory and territory_codes; ptce:territory).",
            core_path="ptce:territory",
            core="sh:minCount 1",
        ),
        ShapeSpec(
            clause="territory",
            outcome="unknown",
            name_fr="territoire : territoire sans code, codes indécidables ou acteurs de relation inconnue "
            "situés au dehors",
            name_en="territory: territory without codes, undecidable codes, or actors of unknown relation "
            "located outside",
            description_fr="Inconnue quand le territoire déclaré n'a aucune unité administrative, quand un "
            "membre n'est dans aucune unité connue mais qu'un code du territoire ne permet pas de le placer, "
            "ou quand un acteur situé au dehors peut être membre (sa relation n'est pas consignée).",
            description_en="Unknown when the declared territory has no administrative area, when a member lies "
            "in no known area but a code of the territory cannot place it, or when an actor located outside "
            "may be a member (its relation is not recorded).",
            message_fr="Le territoire du pôle ne peut pas être vérifié.",
            message_en="The pole's territory cannot be checked.",
            sparql=(
                Constraint(
                    "no-area",
                    "$this ptce:territory ?value .\n    FILTER NOT EXISTS { ?value ptce:comprises ?area . }",
                    "Le territoire déclaré n'a aucun code INSEE : renseigner ses communes, EPCI, "
                    "départements ou régions (pole.csv, colonne codes_territoire ; ptce:comprises).",
                    "The declared territory has no INSEE code: fill in its communes, EPCI, départements or "
                    "régions (pole.csv, column territory_codes; ptce:comprises).",
                ),
                Constraint(
                    "undecided",
                    _ACTOR
                    + "\n    FILTER (@MAYBE_MEMBER(?value))"
                    + _TERRITORY_LOCATED
                    + _TERRITORY_OUTSIDE
                    + _UNDECIDED,
                    "Ces membres ne sont dans aucune unité connue du territoire, mais un code du territoire ne "
                    "permet pas de les situer (code absent du Code officiel géographique à la date "
                    "d'évaluation, ou commune déléguée) : {?value}. Corriger les codes du territoire "
                    "(pole.csv, colonne codes_territoire) ; les avertissements de qualité disent lesquels.",
                    "These members lie in no known area of the territory, but a code of the territory cannot "
                    "place them (a code absent from the Code officiel géographique at the evaluation date, or a "
                    "delegated commune): {?value}. Correct the territory's codes (pole.csv, column "
                    "territory_codes); the data-quality warnings say which.",
                ),
                Constraint(
                    "relation-outside",
                    _ACTOR
                    + "\n    FILTER (@RELATION_UNKNOWN(?value))"
                    + _TERRITORY_LOCATED
                    + _TERRITORY_OUTSIDE
                    + _NOT_UNDECIDED,
                    rel_fr,
                    rel_en,
                ),
            ),
        ),
        ShapeSpec(
            clause="territory",
            outcome="note",
            name_fr="territoire : localisations non vérifiées",
            name_en="territory: locations not checked",
            description_fr="Remarque (sans effet sur le statut) : membres dont la localisation n'a pas pu "
            "être vérifiée.",
            description_en="Note (no effect on the status): members whose location could not be checked.",
            message_fr="La localisation de certains membres n'a pas pu être vérifiée.",
            message_en="The location of some members could not be checked.",
            sparql=(
                Constraint(
                    "unknown-commune",
                    "$this ptce:territory ?territory .\n    ?territory ptce:comprises ?someArea .\n    "
                    + _ACTOR
                    + "\n    FILTER (@MAYBE_MEMBER(?value))"
                    "\n    ?value ptce:locatedIn ?commune .\n    ?commune a ptce:Commune ; ptce:inseeCode ?rawCode ."
                    "\n    FILTER NOT EXISTS { ?commune ptce:cogDepartement ?located . }"
                    "\n    FILTER NOT EXISTS { ?territory ptce:comprises ?area . ?commune ptce:partOf+ ?area . }",
                    "La commune de ces membres n'est pas une commune du Code officiel géographique à la date "
                    "d'évaluation : leur localisation n'est pas vérifiée : {?value}. Corriger le code de leur "
                    "commune (actors.csv, colonne commune) ; les avertissements de qualité disent pourquoi.",
                    "The commune of these members is not a commune of the Code officiel géographique at the "
                    "evaluation date: their location is not checked: {?value}. Correct their commune's code "
                    "(actors.csv, column commune); the data-quality warnings say why.",
                ),
                Constraint(
                    "no-commune",
                    "$this ptce:territory ?territory .\n    "
                    + _ACTOR
                    + "\n    FILTER (@MAYBE_MEMBER(?value))"
                    "\n    FILTER NOT EXISTS { ?value ptce:locatedIn ?place . ?place a ptce:Commune ; "
                    "ptce:inseeCode ?placeCode . }",
                    "Commune non renseignée pour ces membres, dont la localisation n'est donc pas vérifiée : "
                    "{?value} (actors.csv, colonne commune).",
                    "No commune recorded for these members, whose location is therefore not checked: "
                    "{?value} (actors.csv, column commune).",
                ),
            ),
        ),
    ]


def _ess_enterprises(definition: str) -> list[ShapeSpec]:
    labo = definition == "labo-2010"
    if labo:
        counts, counts_no = "LABO_ESS", "LABO_ESS_NO"
        not_met = Constraint(
            "none-ess",
            _ACTOR
            + "\n    FILTER (@MAYBE_MEMBER(?value))\n    "
            + _HAS_MEMBER
            + "\n    "
            + _all_possible_members(counts_no),
            "Aucun membre n'est une entreprise, une initiative ou un réseau de l'ESS : chaque membre est "
            "hors "
            "ESS, et aucun n'est un réseau de l'ESS ni ne se déclare de l'ESS ({?value}). Ajouter comme "
            "membre "
            "une initiative, une entreprise ou un réseau de l'ESS, ou corriger les données (actors.csv, "
            "colonnes "
            "legal_form, kind, declares_ess).",
            "No member is an ESS enterprise, initiative or network: every member is outside the ESS, and "
            "none "
            "is an ESS network or declares itself part of the ESS ({?value}). Add an ESS initiative, "
            "enterprise "
            "or network as a member, or correct the data (actors.csv, columns legal_form, kind, "
            "declares_ess).",
        )
        unknowns: tuple[Constraint, ...] = (
            Constraint(
                "ess-status-unknown",
                _none_member(counts)
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@MAYBE_MEMBER(?value) && !@LABO_ESS(?value) && @ESS_UNKNOWN(?value))",
                "Aucun membre n'est une entreprise, une initiative ou un réseau de l'ESS connu, et le statut "
                "ESS de "
                "ces membres est inconnu : {?value}. Renseigner leur forme juridique (actors.csv, colonne "
                "legal_form ; pour une société commerciale, colonne ess_mention), ou indiquer qu'ils se "
                "déclarent de l'ESS (colonne declares_ess).",
                "No member is a known ESS enterprise, initiative or network, and the ESS status of these "
                "members "
                "is unknown: {?value}. Fill in their legal form (actors.csv, column legal_form; for a "
                "commercial "
                "company, column ess_mention), or say that they declare themselves part of the ESS (column "
                "declares_ess).",
            ),
            Constraint(
                "kind-unknown",
                _none_member(counts)
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@MAYBE_MEMBER(?value) && !@LABO_ESS(?value) && @ESS_NO(?value) "
                "&& @KIND_UNKNOWN(?value))",
                "Ces membres sont hors ESS au sens de l'article 1er, mais leur type d'acteur n'est pas "
                "renseigné "
                "(un réseau de l'ESS compterait) : {?value}. Renseigner leur type (actors.csv, colonne "
                "kind).",
                "These members are outside the ESS in the sense of article 1, but their kind is not recorded "
                "(an "
                "ESS network would count): {?value}. Fill in their kind (actors.csv, column kind).",
            ),
        )
        relation = _relation_unknown(
            "Ces initiatives, entreprises ou réseaux de l'ESS",
            "These ESS initiatives, enterprises or networks",
        )
    else:
        counts = "ESS_YES"
        not_met = Constraint(
            "none-ess",
            _ACTOR
            + "\n    FILTER (@MAYBE_MEMBER(?value))\n    "
            + _HAS_MEMBER
            + "\n    "
            + _all_possible_members("ESS_NO"),
            "Aucun membre n'est une entreprise de l'ESS au sens de l'article 1er : le statut ESS de chaque "
            "membre est « non » ({?value}). Ajouter comme membre une association, une coopérative, une "
            "mutuelle, une fondation ou une société commerciale immatriculée avec la mention ESS, ou "
            "corriger "
            "la forme juridique (actors.csv, colonnes legal_form et ess_mention).",
            'No member is an ESS enterprise in the sense of article 1: every member\'s ESS status is "no" '
            "({?value}). Add an association, a cooperative, a mutual, a foundation or a commercial company "
            "registered with the ESS mention as a member, or correct the legal form (actors.csv, columns "
            "legal_form and ess_mention).",
        )
        unknowns = (
            Constraint(
                "ess-status-unknown",
                _none_member(counts)
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@MAYBE_MEMBER(?value) && @ESS_UNKNOWN(?value))",
                "Aucun membre n'est une entreprise de l'ESS connue, et le statut ESS de ces membres est "
                "inconnu : "
                "{?value}. Renseigner leur forme juridique (actors.csv, colonne legal_form) et, pour une "
                "société "
                "commerciale, la mention ESS (colonne ess_mention).",
                "No member is a known ESS enterprise, and the ESS status of these members is unknown: "
                "{?value}. "
                "Fill in their legal form (actors.csv, column legal_form) and, for a commercial company, the "
                "ESS "
                "mention (column ess_mention).",
            ),
        )
        relation = _relation_unknown("Ces entreprises de l'ESS", "These ESS enterprises")
    return [
        ShapeSpec(
            clause="ess-enterprises",
            outcome="not-met",
            name_fr="entreprises de l'ESS : aucun membre de l'ESS",
            name_en="ESS enterprises: no ESS member",
            description_fr="Non remplie quand le pôle a des membres et qu'aucun ne peut compter.",
            description_en="Not met when the pole has members and none of them can count.",
            message_fr="Aucun membre du pôle ne relève de l'ESS.",
            message_en="No member of the pole belongs to the ESS.",
            sparql=(not_met,),
        ),
        ShapeSpec(
            clause="ess-enterprises",
            outcome="unknown",
            name_fr="entreprises de l'ESS : données manquantes",
            name_en="ESS enterprises: missing data",
            description_fr="Inconnue quand aucun membre ne compte mais que les données manquantes pourraient "
            "le "
            "changer (aucun membre consigné, statut ESS inconnu, relation inconnue).",
            description_en="Unknown when no member counts but the missing data could change it (no member "
            "recorded, unknown ESS status, unknown relation).",
            message_fr="On ne sait pas si un membre du pôle relève de l'ESS.",
            message_en="It is not known whether a member of the pole belongs to the ESS.",
            sparql=(
                Constraint(
                    "no-member",
                    "BIND (1 AS ?one)\n    " + _NO_MEMBER,
                    _NO_MEMBER_FR,
                    _NO_MEMBER_EN,
                    select="$this",
                ),
                *unknowns,
                Constraint(
                    "relation-unknown",
                    _none_member(counts)
                    + "\n    "
                    + _ACTOR
                    + f"\n    FILTER (@RELATION_UNKNOWN(?value) && @{counts}(?value))",
                    *relation,
                ),
            ),
        ),
    ]


def _other_enterprises(definition: str) -> list[ShapeSpec]:
    if definition == "decree-2015":
        not_met: tuple[Constraint, ...] = (
            Constraint(
                "no-member-non-ess",
                "BIND (1 AS ?one)\n    "
                "" + _HAS_MEMBER + "\n    " + _all_possible_members("DECREE_NOT_NON_ESS_ENTERPRISE"),
                "Aucun membre n'est une entreprise hors ESS : le décret exige, parmi les personnes morales "
                "qui "
                "constituent le pôle, une entreprise dont les statuts ne relèvent pas de l'ESS (ou un "
                "groupement "
                "d'entreprises majoritairement hors ESS) ; les partenaires ne comptent pas. Ajouter comme "
                "membre "
                "une société commerciale sans la mention ESS ou une autre entreprise hors ESS.",
                "No member is a non-ESS enterprise: the decree requires, among the legal persons the pole is "
                "made "
                "of, an enterprise whose statutes do not belong to the ESS (or a grouping of enterprises "
                "mostly "
                "outside the ESS); partners do not count. Add a commercial company without the ESS mention, "
                "or "
                "another non-ESS enterprise, as a member.",
                select="$this",
            ),
            Constraint(
                "partner-only",
                "BIND (1 AS ?one)\n    "
                ""
                + _HAS_MEMBER
                + "\n    "
                + _all_possible_members("DECREE_NOT_NON_ESS_ENTERPRISE")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@ONLY_PARTNER(?value) && @DECREE_NON_ESS_ENTERPRISE(?value))",
                "Ces entreprises hors ESS ne sont que partenaires du pôle ; elles compteraient si elles en "
                "étaient "
                "membres : {?value}.",
                "These non-ESS enterprises are only partners of the pole; they would count if they were "
                "members: "
                "{?value}.",
            ),
        )
        unknown: tuple[Constraint, ...] = (
            Constraint(
                "no-member",
                "BIND (1 AS ?one)\n    " + _NO_MEMBER,
                _NO_MEMBER_FR,
                _NO_MEMBER_EN,
                select="$this",
            ),
            Constraint(
                "may-be-non-ess",
                _none_member("DECREE_NON_ESS_ENTERPRISE")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@MAYBE_MEMBER(?value) && !@DECREE_NON_ESS_ENTERPRISE(?value) "
                "&& !@DECREE_NOT_NON_ESS_ENTERPRISE(?value) && !@GROUPING(?value))",
                "Aucun membre n'est une entreprise hors ESS connue, et l'on ne sait pas si ces membres en "
                "sont "
                "(type d'acteur, forme juridique ou mention ESS manquants) : {?value}. Renseigner les "
                "colonnes "
                "kind, legal_form et ess_mention de actors.csv.",
                "No member is a known non-ESS enterprise, and it is not known whether these members are "
                "(kind, "
                "legal form or ESS mention missing): {?value}. Fill in the columns kind, legal_form and "
                "ess_mention of actors.csv.",
            ),
            _grouping_members_unrecorded("DECREE_NON_ESS_ENTERPRISE", "DECREE_NOT_NON_ESS_ENTERPRISE",
                                         _none_member, "MAYBE_MEMBER"),
            Constraint(
                "relation-unknown",
                _none_member("DECREE_NON_ESS_ENTERPRISE")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@RELATION_UNKNOWN(?value) && @DECREE_NON_ESS_ENTERPRISE(?value))",
                *_relation_unknown("Ces entreprises hors ESS", "These non-ESS enterprises"),
            ),
        )
        notes: tuple[Constraint, ...] = (
            Constraint(
                "not-legal-persons",
                _none_member("DECREE_NON_ESS_ENTERPRISE")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@MAYBE_MEMBER(?value) && @NON_ESS_ENTERPRISE(?value) && @LP_NO(?value))",
                "Ces membres sont des entreprises hors ESS, mais pas des personnes morales (entreprise "
                "individuelle ou personne physique) : le décret ne les compte pas parmi les personnes morales "
                "qui constituent le pôle : {?value}.",
                "These members are non-ESS enterprises, but not legal persons (a sole proprietorship or a "
                "natural person): the decree does not count them among the legal persons the pole is made "
                "of: {?value}.",
            ),
        )
        scope_fr, scope_en = "membre", "member"
    else:
        not_met = (
            Constraint(
                "no-non-ess",
                "?someMembership org:organization $this ; org:member ?someActor .\n    "
                + _HAS_MEMBER
                + "\n    "
                + _all_actors("NOT_NON_ESS_ENTERPRISE"),
                "Aucun acteur du pôle (membre ou partenaire) n'est une entreprise hors ESS : les entreprises "
                "de "
                "l'ESS du pôle ne s'associent à aucune autre entreprise. Ajouter l'entreprise hors ESS avec "
                "laquelle le pôle coopère (société commerciale sans la mention ESS, entreprise "
                "individuelle…).",
                "No actor of the pole (member or partner) is a non-ESS enterprise: the pole's ESS "
                "enterprises join "
                "no other enterprise. Add the non-ESS enterprise the pole cooperates with (commercial "
                "company "
                "without the ESS mention, sole proprietorship…).",
                select="DISTINCT $this",
            ),
        )
        unknown = (
            Constraint(
                "no-actor", "BIND (1 AS ?one)\n    " + _NO_ACTOR, _NO_ACTOR_FR, _NO_ACTOR_EN, select="$this"
            ),
            _members_unrecorded("NON_ESS_ENTERPRISE", "une entreprise hors ESS", "a non-ESS enterprise"),
            _grouping_members_unrecorded("NON_ESS_ENTERPRISE", "NOT_NON_ESS_ENTERPRISE", _none_actor, "OF_POLE"),
            Constraint(
                "may-be-non-ess",
                _none_actor("NON_ESS_ENTERPRISE")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (!@NON_ESS_ENTERPRISE(?value) && !@NOT_NON_ESS_ENTERPRISE(?value) "
                "&& !@GROUPING(?value))",
                "Aucun acteur n'est une entreprise hors ESS connue, et l'on ne sait pas si ces acteurs en "
                "sont "
                "(type d'acteur, forme juridique ou mention ESS manquants) : {?value}. Renseigner les "
                "colonnes "
                "kind, legal_form et ess_mention de actors.csv.",
                "No actor is a known non-ESS enterprise, and it is not known whether these actors are (kind, "
                "legal form or ESS mention missing): {?value}. Fill in the columns kind, legal_form and "
                "ess_mention of actors.csv.",
            ),
        )
        notes = ()
        scope_fr, scope_en = "acteur", "actor"
    shapes = [
        ShapeSpec(
            clause="other-enterprises",
            outcome="not-met",
            name_fr="autres entreprises : aucune entreprise hors ESS",
            name_en="other enterprises: no non-ESS enterprise",
            description_fr=f"Non remplie quand aucun {scope_fr} ne peut être une entreprise hors ESS.",
            description_en=f"Not met when no {scope_en} can be a non-ESS enterprise.",
            message_fr="Le pôle ne s'associe à aucune entreprise hors ESS.",
            message_en="The pole joins no non-ESS enterprise.",
            sparql=not_met,
        ),
        ShapeSpec(
            clause="other-enterprises",
            outcome="unknown",
            name_fr="autres entreprises : données manquantes",
            name_en="other enterprises: missing data",
            description_fr=f"Inconnue quand aucun {scope_fr} n'est une entreprise hors ESS connue mais que "
            f"des "
            "données manquent pour le dire.",
            description_en=f"Unknown when no {scope_en} is a known non-ESS enterprise but data is missing to "
            "tell.",
            message_fr="On ne sait pas si le pôle s'associe à une entreprise hors ESS.",
            message_en="It is not known whether the pole joins a non-ESS enterprise.",
            sparql=unknown,
        ),
    ]
    if notes:
        shapes.append(
            ShapeSpec(
                clause="other-enterprises",
                outcome="note",
                name_fr="autres entreprises : entreprises qui ne sont pas des personnes morales",
                name_en="other enterprises: enterprises that are not legal persons",
                description_fr="Remarque (sans effet sur le statut) : membres hors ESS que le décret ne compte "
                "pas, faute d'être des personnes morales.",
                description_en="Note (no effect on the status): non-ESS members the decree does not count, "
                "as they are not legal persons.",
                message_fr="Des entreprises hors ESS ne comptent pas : elles ne sont pas des personnes morales.",
                message_en="Some non-ESS enterprises do not count: they are not legal persons.",
                sparql=notes,
            )
        )
    return shapes


def _grouping_members_unrecorded(counts: str, counts_no: str, none: Callable[[str], str], scope: str) -> Constraint:
    """Unknown: a grouping of enterprises of the pole whose members are not recorded (or mostly unknown).

    Decree 2015-431 (art. 3 2°) counts a grouping of enterprises as a non-ESS enterprise « dès lors que la
    majorité de ses membres ne relèvent pas de l'économie sociale et solidaire »: without its members, it
    is not known whether it counts.
    """
    return Constraint(
        "grouping-members",
        none(counts)
        + "\n    "
        + _ACTOR
        + f"\n    FILTER (@{scope}(?value) && @GROUPING(?value) && !@{counts}(?value) && !@{counts_no}(?value))",
        "Ces groupements d'entreprises (GIE, groupement d'employeurs, union) ne comptent comme entreprise hors "
        "ESS que si la majorité de leurs membres ne relèvent pas de l'ESS (décret n° 2015-431, article 3, 2°), "
        "et leurs membres ne sont pas consignés, ou trop de leurs statuts ESS sont inconnus pour le dire : "
        "{?value}. Consigner les entreprises membres du groupement (actors.csv, colonne membre_de) et leur "
        "forme juridique.",
        "These groupings of enterprises (economic interest grouping, employer group, union) count as a "
        "non-ESS enterprise only if the majority of their members do not belong to the ESS (decree no. "
        "2015-431, article 3, 2°), and their members are not recorded, or too many of their ESS statuses are "
        "unknown to tell: {?value}. Record the grouping's member enterprises (actors.csv, column member_of) "
        "and their legal form.",
    )


def _partners(definition: str) -> list[ShapeSpec]:
    if definition == "decree-2015":
        not_met: tuple[Constraint, ...] = (
            Constraint(
                "no-member-partner",
                "BIND (1 AS ?one)\n    "
                "" + _HAS_MEMBER + "\n    " + _all_possible_members("DECREE_PARTNER_NO"),
                "Aucun membre n'est une personne morale autre qu'une entreprise (collectivité ou groupement, "
                "centre de recherche, établissement d'enseignement supérieur, organisme de formation, "
                "réseau, "
                "autre organisme) : le décret exige « une autre personne prévue à l'article 9 » parmi les "
                "personnes morales qui constituent le pôle ; les partenaires et les personnes physiques ne "
                "comptent pas.",
                "No member is a legal person other than an enterprise (local authority or grouping, research "
                "centre, higher-education establishment, training body, network, other body): the decree "
                "requires "
                "« une autre personne prévue à l'article 9 » among the legal persons the pole is made of; "
                "partners and natural persons do not count.",
                select="$this",
            ),
            Constraint(
                "partner-only",
                "BIND (1 AS ?one)\n    "
                + _HAS_MEMBER
                + "\n    "
                + _all_possible_members("DECREE_PARTNER_NO")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@ONLY_PARTNER(?value) && @DECREE_PARTNER(?value))",
                "Ces acteurs ne sont que partenaires du pôle ; ils compteraient s'ils en étaient membres : "
                "{?value}.",
                "These actors are only partners of the pole; they would count if they were members: "
                "{?value}.",
            ),
        )
        unknown: tuple[Constraint, ...] = (
            Constraint(
                "no-member",
                "BIND (1 AS ?one)\n    " + _NO_MEMBER,
                _NO_MEMBER_FR,
                _NO_MEMBER_EN,
                select="$this",
            ),
            Constraint(
                "may-count",
                _none_member("DECREE_PARTNER")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@MAYBE_MEMBER(?value) && !@DECREE_PARTNER(?value) "
                "&& !@DECREE_PARTNER_NO(?value))",
                "On ne sait pas si ces membres comptent : leur type d'acteur ou leur personnalité morale est "
                "inconnu : {?value}. Renseigner leur type (actors.csv, colonne kind) et leur forme juridique "
                "(colonne legal_form).",
                "It is not known whether these members count: their kind or their legal personality is "
                "unknown: "
                "{?value}. Fill in their kind (actors.csv, column kind) and their legal form (column "
                "legal_form).",
            ),
            Constraint(
                "relation-unknown",
                _none_member("DECREE_PARTNER")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (@RELATION_UNKNOWN(?value) && @DECREE_PARTNER(?value))",
                *_relation_unknown(
                    "Ces collectivités, organismes ou autres personnes morales",
                    "These local authorities, bodies or other legal persons",
                ),
            ),
        )
    elif definition == "labo-2010":
        not_met = (
            Constraint(
                "none",
                "?someMembership org:organization $this ; org:member ?someActor .\n    "
                + _HAS_MEMBER
                + "\n    "
                + _all_actors("LABO_PARTNER_NO"),
                "Aucun acteur n'est une PME hors ESS, une collectivité ou un groupement, un centre de "
                "recherche, "
                "un établissement d'enseignement supérieur ou un organisme de formation ; la définition de "
                "2010 "
                "n'a pas de catégorie générale (une personne physique, un réseau ou un autre organisme ne "
                "compte "
                "pas). Ajouter l'acteur de cette sorte auquel le pôle est associé (membre ou partenaire).",
                "No actor is a non-ESS SME, a local authority or grouping, a research centre, a "
                "higher-education "
                "establishment or a training body; the 2010 definition has no catch-all (a natural person, a "
                "network or another body does not count). Add the actor of that sort the pole is associated "
                "with "
                "(member or partner).",
                select="DISTINCT $this",
            ),
        )
        unknown = (
            Constraint(
                "no-actor", "BIND (1 AS ?one)\n    " + _NO_ACTOR, _NO_ACTOR_FR, _NO_ACTOR_EN, select="$this"
            ),
            _members_unrecorded(
                "LABO_PARTNER",
                "une PME hors ESS, une collectivité, un centre de recherche ou un organisme de formation",
                "a non-ESS SME, a local authority, a research centre or a training body",
            ),
            Constraint(
                "may-count",
                _none_actor("LABO_PARTNER")
                + "\n    "
                + _ACTOR
                + "\n    FILTER (!@LABO_PARTNER(?value) && !@LABO_PARTNER_NO(?value))",
                "On ne sait pas si ces acteurs comptent (type d'acteur ou statut ESS manquant, ou personne "
                "publique sans précision) : {?value}. Renseigner les colonnes kind, legal_form et "
                "ess_mention de "
                "actors.csv.",
                "It is not known whether these actors count (kind or ESS status missing, or a public body "
                "without detail): {?value}. Fill in the columns kind, legal_form and ess_mention of "
                "actors.csv.",
            ),
        )
    else:
        not_met = (
            Constraint(
                "only-enterprises",
                "?someMembership org:organization $this ; org:member ?someActor .\n    "
                + _HAS_MEMBER
                + "\n    "
                + _all_actors("ONLY_ENTERPRISE"),
                "Tous les acteurs du pôle sont des entreprises : aucun n'est une collectivité ou un "
                "groupement, un "
                "centre de recherche, un établissement d'enseignement supérieur, un organisme de formation "
                "ni une "
                "autre personne. Ajouter l'acteur non entreprise avec lequel le pôle est en lien (membre ou "
                "partenaire).",
                "Every actor of the pole is an enterprise: none is a local authority or grouping, a research "
                "centre, a higher-education establishment, a training body or any other person. Add the "
                "non-enterprise actor the pole works with (member or partner).",
                select="DISTINCT $this",
            ),
        )
        unknown = (
            Constraint(
                "no-actor", "BIND (1 AS ?one)\n    " + _NO_ACTOR, _NO_ACTOR_FR, _NO_ACTOR_EN, select="$this"
            ),
            _members_unrecorded(
                "NON_ENTERPRISE", "autre chose qu'une entreprise", "anything other than an enterprise"
            ),
            Constraint(
                "kind-unknown",
                _none_actor("NON_ENTERPRISE") + "\n    " + _ACTOR + "\n    FILTER (@KIND_UNKNOWN(?value))",
                "Aucun acteur n'est connu pour ne pas être une entreprise, et le type de ces acteurs n'est "
                "pas "
                "renseigné : {?value}. Renseigner la colonne kind de actors.csv (local-authority, "
                "research-centre, training-body…).",
                "No actor is known not to be an enterprise, and the kind of these actors is not recorded: "
                "{?value}. Fill in the column kind of actors.csv (local-authority, research-centre, "
                "training-body…).",
            ),
        )
    return [
        ShapeSpec(
            clause="partners",
            outcome="not-met",
            name_fr="autres parties prenantes : aucune",
            name_en="other stakeholders: none",
            description_fr="Non remplie quand aucun acteur du pôle ne peut être l'une des autres parties "
            "prenantes "
            "que la définition nomme.",
            description_en="Not met when no actor of the pole can be one of the other stakeholders the "
            "definition "
            "names.",
            message_fr="Le pôle n'est en lien avec aucune des autres parties prenantes que la définition "
            "nomme.",
            message_en="The pole works with none of the other stakeholders the definition names.",
            sparql=not_met,
        ),
        ShapeSpec(
            clause="partners",
            outcome="unknown",
            name_fr="autres parties prenantes : données manquantes",
            name_en="other stakeholders: missing data",
            description_fr="Inconnue quand aucun acteur ne compte mais que des données manquent pour le "
            "dire.",
            description_en="Unknown when no actor counts but data is missing to tell.",
            message_fr="On ne sait pas si le pôle est en lien avec les autres parties prenantes que la "
            "définition "
            "nomme.",
            message_en="It is not known whether the pole works with the other stakeholders the definition "
            "names.",
            sparql=unknown,
        ),
    ]


_STRATEGY_NO_CURRENT = "FILTER NOT EXISTS { $this ptce:strategy ?current . FILTER (!@OVER(?current)) }"


def _strategy() -> list[ShapeSpec]:
    return [
        ShapeSpec(
            clause="strategy",
            outcome="not-met",
            name_fr="stratégie : terminée ou pas encore commencée",
            name_en="strategy: ended or not yet begun",
            description_fr="Non remplie quand chaque stratégie consignée a pris fin avant la date "
            "d'évaluation "
            "(au dernier jour que sa date de fin peut désigner) ou ne commence qu'après elle.",
            description_en="Not met when every recorded strategy ended before the evaluation date (on the "
            "latest "
            "day its end date may stand for) or only begins after it.",
            message_fr="La stratégie commune du pôle n'est pas en cours à la date d'évaluation.",
            message_en="The pole's common strategy is not in force at the evaluation date.",
            sparql=(
                Constraint(
                    "ended",
                    "@AS_OF\n    "
                    + _STRATEGY_NO_CURRENT
                    + "\n    $this ptce:strategy ?strategy .\n    FILTER (@ENDED(?strategy))"
                    "\n    ?strategy ptce:endDate ?value .\n    BIND (ptce:endDate AS ?path)",
                    "La stratégie commune du pôle a pris fin ({?value}) avant la date d'évaluation ({?asOf}) "
                    ": "
                    "elle n'est plus « continue ». Consigner la stratégie en cours (pole.csv, colonnes "
                    "strategy, "
                    "strategy_start, strategy_end) ou évaluer à une date antérieure (--as-of).",
                    "The pole's common strategy ended ({?value}) before the evaluation date ({?asOf}): it is "
                    "no "
                    'longer "continuous". Record the current strategy (pole.csv, columns strategy, '
                    "strategy_start, strategy_end) or evaluate at an earlier date (--as-of).",
                    select="DISTINCT $this ?value ?path ?asOf",
                ),
                Constraint(
                    "not-begun",
                    "@AS_OF\n    " + _STRATEGY_NO_CURRENT + "\n    $this ptce:strategy ?strategy .\n    "
                    "FILTER (@NOT_BEGUN(?strategy) && !@ENDED(?strategy))"
                    "\n    ?strategy ptce:startDate ?value .\n    BIND (ptce:startDate AS ?path)",
                    "La stratégie commune du pôle ne commence qu'après la date d'évaluation ({?asOf}) : elle "
                    "débute le {?value}. Évaluer à une date ultérieure (--as-of) ou corriger la date de "
                    "début "
                    "(pole.csv, colonne strategy_start).",
                    "The pole's common strategy only begins after the evaluation date ({?asOf}): it starts "
                    "on "
                    "{?value}. Evaluate at a later date (--as-of) or correct the start date (pole.csv, "
                    "column "
                    "strategy_start).",
                    select="DISTINCT $this ?value ?path ?asOf",
                ),
            ),
        ),
        ShapeSpec(
            clause="strategy",
            outcome="unknown",
            slug="no-strategy",
            name_fr="stratégie : aucune stratégie consignée",
            name_en="strategy: no strategy recorded",
            description_fr="Inconnue quand le pôle ne consigne aucune stratégie commune.",
            description_en="Unknown when the pole records no common strategy.",
            message_fr="Aucune stratégie commune n'est consignée : renseigner la charte, la convention ou le "
            "document stratégique du pôle et sa date de début (pole.csv, colonnes strategy et "
            "strategy_start ; ptce:strategy).",
            message_en="No common strategy is recorded: fill in the pole's charter, agreement or strategy "
            "document and its start date (pole.csv, columns strategy and strategy_start; "
            "ptce:strategy).",
            core_path="ptce:strategy",
            core="sh:minCount 1",
        ),
        ShapeSpec(
            clause="strategy",
            outcome="unknown",
            name_fr="stratégie : date de début manquante",
            name_en="strategy: start date missing",
            description_fr="Inconnue quand aucune stratégie n'est en cours avec une date de début, mais "
            "qu'une "
            "stratégie consignée sans date de début pourrait l'être.",
            description_en="Unknown when no strategy is in force with a start date, but a strategy recorded "
            "without a start date could be.",
            message_fr="La stratégie consignée n'a pas de date de début.",
            message_en="The recorded strategy has no start date.",
            sparql=(
                Constraint(
                    "no-start",
                    "@AS_OF\n    FILTER NOT EXISTS { $this ptce:strategy ?ok . ?ok ptce:startDate ?okStart . "
                    "FILTER (!@OVER(?ok)) }"
                    "\n    $this ptce:strategy ?value .\n    FILTER NOT EXISTS "
                    "{ ?value ptce:startDate ?start . }"
                    "\n    FILTER (!@OVER(?value))",
                    "La stratégie consignée n'a pas de date de début : la renseigner (pole.csv, colonne "
                    "strategy_start ; ptce:startDate).",
                    "The recorded strategy has no start date: fill it in (pole.csv, column strategy_start; "
                    "ptce:startDate).",
                ),
            ),
        ),
    ]


_LINK = "?value ptce:pole $this ; a ?linkClass . FILTER (?linkClass IN (<<LINK_CLASSES>>))"
_LINKS_RECORDED = (
    "FILTER EXISTS { ?someLink ptce:pole $this ; a ?someClass . FILTER (?someClass IN (<<LINK_CLASSES>>)) }"
)
_NO_LINK = (
    "FILTER NOT EXISTS { ?someLink ptce:pole $this ; a ?someClass . "
    "FILTER (?someClass IN (<<LINK_CLASSES>>)) }"
)
_NO_LINK_FR = (
    "Aucun lien de coopération n'est consigné : renseigner les liens de mutualisation, d'interaction, "
    "d'animation ou de partenariat entre les acteurs du pôle (links.csv)."
)
_NO_LINK_EN = (
    "No cooperation link is recorded: fill in the mutualisation, interaction, animation or partnership links "
    "between the pole's actors (links.csv)."
)


def _cooperation(definition: str) -> list[ShapeSpec]:
    if definition in ("labo-2010", "senate-2013"):
        words_fr = (
            "« de coopération et de mutualisation »"
            if definition == "labo-2010"
            else "« de mutualisation et de coopération »"
        )
        # Both a mutualisation and a cooperation (interaction or animation) link are required.
        mut_ok = "EXISTS { ?m ptce:pole $this . FILTER (@IS_MUTUALISATION(?m) && @JOINS_ACTORS(?m)) }"
        coop_ok = "EXISTS { ?c ptce:pole $this . FILTER (@IS_COOPERATION(?c) && @JOINS_ACTORS(?c)) }"
        mut_possible = (
            "EXISTS { ?mp ptce:pole $this ; a ?mpc . FILTER (?mpc IN (<<LINK_CLASSES>>)) "
            "FILTER ((@IS_MUTUALISATION(?mp) || !@HAS_LOGIC(?mp)) && !@SELF_LINK(?mp)) }"
        )
        coop_possible = (
            "EXISTS { ?cp ptce:pole $this ; a ?cpc . FILTER (?cpc IN (<<LINK_CLASSES>>)) "
            "FILTER ((@IS_COOPERATION(?cp) || !@HAS_LOGIC(?cp)) && !@SELF_LINK(?cp)) }"
        )
        not_met: tuple[Constraint, ...] = (
            Constraint(
                "only-mutualisation",
                "BIND (1 AS ?one)\n    "
                "" + _LINKS_RECORDED + f"\n    FILTER ({mut_possible} && !{coop_possible})",
                f"Le pôle n'a que de la mutualisation : aucun lien d'interaction ou d'animation (la "
                f"coopération) "
                f"entre deux acteurs du pôle n'est consigné, or la définition exige {words_fr} — les deux ; "
                f"le "
                "partenariat ne compte pas. Consigner les groupes de travail, projets co-construits, outils "
                "collectifs, événements ou formations communs (links.csv, logic = interaction ou animation).",
                "The pole has only mutualisation: no interaction or animation link (cooperation) between two "
                f"actors of the pole is recorded, whereas the definition requires {words_fr} — both; "
                "partnership does not count. Record the working groups, co-built projects, collective tools, "
                "events or trainings shared (links.csv, logic = interaction or animation).",
                select="$this",
            ),
            Constraint(
                "only-cooperation",
                "BIND (1 AS ?one)\n    "
                "" + _LINKS_RECORDED + f"\n    FILTER (!{mut_possible} && {coop_possible})",
                "Le pôle n'a que de la coopération : aucun lien de mutualisation (compétences, salariés, "
                "locaux ou "
                f"équipements partagés) entre deux acteurs du pôle n'est consigné, or la définition exige "
                f"{words_fr} — les deux. Consigner ce que les acteurs mettent en commun (links.csv, logic = "
                "mutualisation).",
                "The pole has only cooperation: no mutualisation link (shared skills, employees, premises or "
                f"equipment) between two actors of the pole is recorded, whereas the definition requires "
                f"{words_fr} — both. Record what the actors share (links.csv, logic = mutualisation).",
                select="$this",
            ),
            Constraint(
                "neither",
                "BIND (1 AS ?one)\n    "
                "" + _LINKS_RECORDED + f"\n    FILTER (!{mut_possible} && !{coop_possible})",
                "Aucun lien de mutualisation ni de coopération (interaction ou animation) entre deux acteurs "
                "du "
                "pôle : les liens consignés sont de partenariat, qui ne compte pas dans cette définition, ou "
                f"joignent un acteur à lui-même ; la définition exige {words_fr}.",
                "No mutualisation or cooperation (interaction or animation) link between two actors of the "
                "pole: "
                "the recorded links are partnerships, which do not count in this definition, or join an "
                "actor "
                f"to itself; the definition requires {words_fr}.",
                select="$this",
            ),
        )
        unknown: tuple[Constraint, ...] = (
            Constraint(
                "no-link", "BIND (1 AS ?one)\n    " + _NO_LINK, _NO_LINK_FR, _NO_LINK_EN, select="$this"
            ),
            Constraint(
                "undecided-links",
                f"FILTER (!({mut_ok} && {coop_ok}) && {mut_possible} && {coop_possible})\n    "
                + _LINK
                + "\n    FILTER (!@SELF_LINK(?value) && (!@HAS_LOGIC(?value) || "
                "((@IS_MUTUALISATION(?value) || "
                "@IS_COOPERATION(?value)) && !@JOINS_ACTORS(?value))))",
                "La mutualisation et la coopération ne sont pas toutes deux établies : la logique de ces "
                "liens "
                "n'est pas renseignée, ou l'un de leurs acteurs n'est pas consigné comme membre ou "
                "partenaire du "
                "pôle : {?value}. Renseigner la colonne logic de links.csv et la relation des acteurs "
                "(actors.csv).",
                "Mutualisation and cooperation are not both established: the logic of these links is not "
                "recorded, or one of their actors is not recorded as a member or partner of the pole: "
                "{?value}. "
                "Fill in the column logic of links.csv and the actors' relation (actors.csv).",
            ),
        )
        description = (
            "un lien de mutualisation et un lien d'interaction ou d'animation entre deux acteurs du pôle",
            "a mutualisation link and an interaction or animation link between two actors of the pole",
        )
    elif definition == "decree-2015":
        met = (
            "FILTER NOT EXISTS { ?good ptce:pole $this . "
            "FILTER (@HAS_LOGIC(?good) && @JOINS_MEMBERS(?good)) }"
        )
        not_met = (
            Constraint(
                "not-between-members",
                _LINKS_RECORDED + "\n    FILTER NOT EXISTS { ?possible ptce:pole $this ; a ?possibleClass . "
                "FILTER (?possibleClass IN (<<LINK_CLASSES>>)) FILTER (!@NOT_BETWEEN_MEMBERS(?possible)) "
                "}\n    " + _LINK,
                "Aucun lien de coopération ne joint deux membres du pôle : les liens consignés touchent un "
                "partenaire ou joignent un acteur à lui-même ({?value}), or le décret vise la mutualisation, "
                "la "
                "coopération ou le partenariat « entre ses membres ». Consigner les liens entre membres "
                "(links.csv) ou la relation des acteurs (actors.csv).",
                "No cooperation link joins two members of the pole: the recorded links involve a partner or "
                "join "
                "an actor to itself ({?value}), whereas the decree requires mutualisation, cooperation or "
                "partnership « entre ses membres » (between its members). Record the links between members "
                "(links.csv) or the actors' relation (actors.csv).",
            ),
        )
        unknown = (
            Constraint(
                "no-link", "BIND (1 AS ?one)\n    " + _NO_LINK, _NO_LINK_FR, _NO_LINK_EN, select="$this"
            ),
            Constraint(
                "undecided-links",
                met + "\n    " + _LINK + "\n    FILTER (!@NOT_BETWEEN_MEMBERS(?value))",
                "Ces liens joindraient deux membres si la relation de leurs acteurs était connue, ou leur "
                "logique "
                "n'est pas renseignée : {?value}. Renseigner la relation des acteurs (actors.csv, colonne "
                "relation) et la logique des liens (links.csv, colonne logic).",
                "These links would join two members if their actors' relation were known, or their logic is "
                "not "
                "recorded: {?value}. Fill in the actors' relation (actors.csv, column relation) and the "
                "links' "
                "logic (links.csv, column logic).",
            ),
        )
        description = (
            "un lien de mutualisation, d'interaction, d'animation ou de partenariat entre deux membres",
            "a mutualisation, interaction, animation or partnership link between two members",
        )
    else:
        met = (
            "FILTER NOT EXISTS { ?good ptce:pole $this . FILTER (@HAS_LOGIC(?good) && @JOINS_ACTORS(?good)) }"
        )
        not_met = (
            Constraint(
                "self-links",
                _LINKS_RECORDED + "\n    FILTER NOT EXISTS { ?possible ptce:pole $this ; a ?possibleClass . "
                "FILTER (?possibleClass IN (<<LINK_CLASSES>>)) FILTER (!@SELF_LINK(?possible)) "
                "}\n    " + _LINK,
                "Les liens de coopération consignés ne joignent pas deux acteurs distincts du pôle (chacun "
                "lie un "
                "acteur à lui-même) : {?value}. Consigner les liens entre acteurs (links.csv, colonnes "
                "source et "
                "target).",
                "The recorded cooperation links do not join two distinct actors of the pole (each links an "
                "actor "
                "to itself): {?value}. Record the links between actors (links.csv, columns source and "
                "target).",
            ),
        )
        unknown = (
            Constraint(
                "no-link", "BIND (1 AS ?one)\n    " + _NO_LINK, _NO_LINK_FR, _NO_LINK_EN, select="$this"
            ),
            Constraint(
                "undecided-links",
                met + "\n    " + _LINK + "\n    FILTER (!@SELF_LINK(?value))",
                "Ces liens ne comptent pas encore : leur logique n'est pas renseignée, ou l'un de leurs "
                "acteurs "
                "n'est pas consigné comme membre ou partenaire du pôle : {?value}. Renseigner la colonne "
                "logic de "
                "links.csv et la relation des acteurs (actors.csv).",
                "These links do not count yet: their logic is not recorded, or one of their actors is not "
                "recorded as a member or partner of the pole: {?value}. Fill in the column logic of "
                "links.csv "
                "and the actors' relation (actors.csv).",
            ),
        )
        description = (
            "un lien de mutualisation, d'interaction, d'animation ou de partenariat entre deux acteurs "
            "du pôle",
            "a mutualisation, interaction, animation or partnership link between two actors of the pole",
        )
    return [
        ShapeSpec(
            clause="cooperation",
            outcome="not-met",
            name_fr="coopération : liens insuffisants",
            name_en="cooperation: insufficient links",
            description_fr=f"Non remplie quand des liens sont consignés mais qu'aucun ne peut donner "
            f"{description[0]}.",
            description_en=f"Not met when links are recorded but none can give {description[1]}.",
            message_fr="Les liens consignés ne répondent pas à la clause de coopération.",
            message_en="The recorded links do not meet the cooperation clause.",
            sparql=not_met,
        ),
        ShapeSpec(
            clause="cooperation",
            outcome="unknown",
            name_fr="coopération : données manquantes",
            name_en="cooperation: missing data",
            description_fr="Inconnue quand aucun lien n'est consigné, ou quand des données manquent pour "
            "dire si "
            f"les liens donnent {description[0]}.",
            description_en="Unknown when no link is recorded, or when data is missing to tell whether the "
            "links "
            f"give {description[1]}.",
            message_fr="On ne sait pas si le pôle répond à la clause de coopération.",
            message_en="It is not known whether the pole meets the cooperation clause.",
            sparql=unknown,
        ),
    ]


_PROJECT = "?value ptce:pole $this ; a ptce:Project ."
_PROJECTS_RECORDED = "FILTER EXISTS { ?someProject ptce:pole $this ; a ptce:Project . }"
_NO_PROJECT = "FILTER NOT EXISTS { ?someProject ptce:pole $this ; a ptce:Project . }"
_NO_PROJECT_FR = "Aucun projet n'est consigné : renseigner les projets du pôle (projects.csv)."
_NO_PROJECT_EN = "No project is recorded: fill in the pole's projects (projects.csv)."
_KINDS = (
    "ptce:SocialInnovation, ptce:TechnologicalInnovation, "
    "ptce:SocialAndTechnologicalInnovation, ptce:NoInnovation"
)


def _innovation(definition: str) -> list[ShapeSpec]:
    senate = definition == "senate-2013"
    counting = (
        "ptce:SocialInnovation, ptce:SocialAndTechnologicalInnovation"
        if senate
        else "ptce:SocialInnovation, ptce:TechnologicalInnovation, ptce:SocialAndTechnologicalInnovation"
    )
    failing = "ptce:NoInnovation, ptce:TechnologicalInnovation" if senate else "ptce:NoInnovation"
    none_counts = (
        "FILTER NOT EXISTS { ?good ptce:pole $this ; a ptce:Project ; ptce:innovation ?goodKind . "
        f"FILTER (?goodKind IN ({counting})) }}"
    )
    if senate:
        not_met_fr = (
            "Aucun projet consigné n'est d'innovation sociale : les projets sont sans innovation ou "
            "d'innovation "
            "seulement technologique ({?value}), que le texte du Sénat (« projets socio-économiques "
            "innovants ») "
            "ne retient pas. Consigner un projet socialement innovant (projects.csv, innovation = social ou "
            "both)."
        )
        not_met_en = (
            "No recorded project is socially innovative: the projects have no innovation or only "
            "technological "
            "innovation ({?value}), which the Senate text (« projets socio-économiques innovants ») does not "
            "count. Record a socially innovative project (projects.csv, innovation = social or both)."
        )
    else:
        not_met_fr = (
            "Aucun projet consigné n'est innovant : chacun est déclaré sans innovation ({?value}). Consigner "
            "un "
            "projet socialement ou technologiquement innovant (projects.csv, colonne innovation)."
        )
        not_met_en = (
            "No recorded project is innovative: each is declared without innovation ({?value}). Record a "
            "socially "
            "or technologically innovative project (projects.csv, column innovation)."
        )
    return [
        ShapeSpec(
            clause="innovation",
            outcome="not-met",
            name_fr="innovation : aucun projet innovant",
            name_en="innovation: no innovative project",
            description_fr="Non remplie quand des projets sont consignés et qu'aucun n'a une innovation qui "
            "compte dans cette définition.",
            description_en="Not met when projects are recorded and none has an innovation that counts in "
            "this "
            "definition.",
            message_fr="Aucun projet du pôle n'est innovant au sens de la définition.",
            message_en="No project of the pole is innovative in the sense of the definition.",
            sparql=(
                Constraint(
                    "not-innovative",
                    none_counts
                    + "\n    "
                    + _PROJECTS_RECORDED
                    + "\n    FILTER NOT EXISTS { ?other ptce:pole $this ; a ptce:Project . FILTER NOT EXISTS "
                    f"{{ ?other ptce:innovation ?otherKind . FILTER (?otherKind IN ({failing})) }} }}\n    "
                    + _PROJECT,
                    not_met_fr,
                    not_met_en,
                ),
            ),
        ),
        ShapeSpec(
            clause="innovation",
            outcome="unknown",
            name_fr="innovation : données manquantes",
            name_en="innovation: missing data",
            description_fr="Inconnue quand aucun projet n'est consigné, ou quand aucun projet ne compte et "
            "que "
            "l'innovation de certains n'est pas renseignée.",
            description_en="Unknown when no project is recorded, or when no project counts and the "
            "innovation of "
            "some is not recorded.",
            message_fr="On ne sait pas si les projets du pôle sont innovants.",
            message_en="It is not known whether the pole's projects are innovative.",
            sparql=(
                Constraint(
                    "no-project",
                    "BIND (1 AS ?one)\n    " + _NO_PROJECT,
                    _NO_PROJECT_FR,
                    _NO_PROJECT_EN,
                    select="$this",
                ),
                Constraint(
                    "innovation-missing",
                    none_counts
                    + "\n    "
                    + _PROJECT
                    + "\n    FILTER NOT EXISTS { ?value ptce:innovation ?kind . "
                    f"FILTER (?kind IN ({_KINDS})) }}",
                    "Innovation non renseignée pour ces projets : {?value}. Indiquer social, technological, "
                    "both "
                    "ou none (projects.csv, colonne innovation).",
                    "Innovation not recorded for these projects: {?value}. Say social, technological, both "
                    "or none "
                    "(projects.csv, column innovation).",
                ),
            ),
        ),
    ]


def _sustainable_development() -> list[ShapeSpec]:
    return [
        ShapeSpec(
            clause="sustainable-development",
            outcome="not-met",
            name_fr="développement local durable : aucun projet",
            name_en="sustainable local development: none",
            description_fr="Non remplie quand des projets sont consignés et que chacun est déclaré non "
            "porteur "
            "d'un développement local durable.",
            description_en="Not met when projects are recorded and each is declared not to bear sustainable "
            "local "
            "development.",
            message_fr="Aucun projet du pôle n'est porteur d'un développement local durable.",
            message_en="No project of the pole bears sustainable local development.",
            sparql=(
                Constraint(
                    "none",
                    "FILTER NOT EXISTS "
                    "{ ?good ptce:pole $this ; a ptce:Project ; ptce:sustainableLocalDevelopment "
                    "?yes . FILTER (?yes = true) }\n    "
                    + _PROJECTS_RECORDED
                    + "\n    FILTER NOT EXISTS { ?other ptce:pole $this ; a ptce:Project . "
                    "FILTER NOT EXISTS "
                    "{ ?other ptce:sustainableLocalDevelopment ?no . FILTER (?no = false) } }"
                    "\n    " + _PROJECT,
                    "Aucun projet consigné n'est porteur d'un développement local durable : chacun est "
                    "déclaré "
                    "« non » ({?value}). Consigner un projet porteur d'un développement local durable "
                    "(projects.csv, "
                    "colonne sustainable_local_development).",
                    'No recorded project bears sustainable local development: each is declared "no" '
                    "({?value}). Record a project that bears sustainable local development (projects.csv, "
                    "column "
                    "sustainable_local_development).",
                ),
            ),
        ),
        ShapeSpec(
            clause="sustainable-development",
            outcome="unknown",
            name_fr="développement local durable : données manquantes",
            name_en="sustainable local development: missing data",
            description_fr="Inconnue quand aucun projet n'est consigné, ou quand aucun n'est déclaré porteur "
            "d'un "
            "développement local durable et que certains ne sont pas renseignés.",
            description_en="Unknown when no project is recorded, or when none is declared to bear "
            "sustainable "
            "local development and some are not filled in.",
            message_fr="On ne sait pas si les projets du pôle sont porteurs d'un développement local "
            "durable.",
            message_en="It is not known whether the pole's projects bear sustainable local development.",
            sparql=(
                Constraint(
                    "no-project",
                    "BIND (1 AS ?one)\n    " + _NO_PROJECT,
                    _NO_PROJECT_FR,
                    _NO_PROJECT_EN,
                    select="$this",
                ),
                Constraint(
                    "missing",
                    "FILTER NOT EXISTS "
                    "{ ?good ptce:pole $this ; a ptce:Project ; ptce:sustainableLocalDevelopment "
                    "?yes . FILTER (?yes = true) }\n    "
                    + _PROJECT
                    + "\n    FILTER NOT EXISTS { ?value ptce:sustainableLocalDevelopment ?flag . "
                    "FILTER (?flag = true || ?flag = false) }",
                    "Développement local durable non renseigné pour ces projets : {?value}. Indiquer yes ou "
                    "no "
                    "(projects.csv, colonne sustainable_local_development).",
                    "Sustainable local development not recorded for these projects: {?value}. Say yes or no "
                    "(projects.csv, column sustainable_local_development).",
                ),
            ),
        ),
    ]


def _legal_person() -> list[ShapeSpec]:
    return [
        ShapeSpec(
            clause="legal-person",
            outcome="not-met",
            name_fr="personne morale : pas de droit privé",
            name_en="legal person: not under private law",
            description_fr="Non remplie quand la forme juridique du pôle est connue et ne confère pas la "
            "personnalité morale de droit privé.",
            description_en="Not met when the pole's legal form is known and does not confer private-law "
            "legal "
            "personality.",
            message_fr="Le pôle n'est pas une personne morale de droit privé.",
            message_en="The pole is not a private-law legal person.",
            sparql=(
                Constraint(
                    "not-private-law",
                    "FILTER NOT EXISTS { $this ptce:legalForm/ptce:legalPersonality ptce:PrivateLaw . }\n    "
                    "$this ptce:legalForm ?value .\n    ?value ptce:legalPersonality ?personality .\n    "
                    "BIND (ptce:legalForm AS ?path)",
                    "Le pôle n'est pas une personne morale de droit privé : sa forme juridique est {?value}. "
                    "Le "
                    "décret exige une association, une coopérative (SCIC…) ou une autre personne morale de "
                    "droit "
                    "privé ; corriger la forme juridique du pôle (pole.csv, colonne legal_form) si elle est "
                    "inexacte.",
                    "The pole is not a private-law legal person: its legal form is {?value}. The decree "
                    "requires "
                    "an association, a cooperative (SCIC…) or another private-law legal person; correct the "
                    "pole's "
                    "legal form (pole.csv, column legal_form) if it is wrong.",
                    select="DISTINCT $this ?value ?path",
                ),
            ),
        ),
        ShapeSpec(
            clause="legal-person",
            outcome="unknown",
            slug="no-form",
            name_fr="personne morale : forme juridique du pôle manquante",
            name_en="legal person: the pole's legal form missing",
            description_fr="Inconnue quand la forme juridique du pôle n'est pas consignée.",
            description_en="Unknown when the pole's legal form is not recorded.",
            message_fr="La forme juridique du pôle n'est pas consignée : la renseigner s'il est une personne "
            "morale (pole.csv, colonne legal_form ; ptce:legalForm).",
            message_en="The pole's legal form is not recorded: fill it in if the pole is a legal person "
            "(pole.csv, "
            "column legal_form; ptce:legalForm).",
            core_path="ptce:legalForm",
            core="sh:minCount 1",
        ),
        ShapeSpec(
            clause="legal-person",
            outcome="unknown",
            name_fr="personne morale : forme juridique non reconnue",
            name_en="legal person: legal form not recognised",
            description_fr="Inconnue quand la forme juridique du pôle ne dit pas sa personnalité juridique.",
            description_en="Unknown when the pole's legal form does not tell its legal personality.",
            message_fr="La forme juridique du pôle n'est pas reconnue.",
            message_en="The pole's legal form is not recognised.",
            sparql=(
                Constraint(
                    "unrecognised",
                    "FILTER NOT EXISTS { $this ptce:legalForm/ptce:legalPersonality ?known . }\n    "
                    "$this ptce:legalForm ?value .\n    BIND (ptce:legalForm AS ?path)",
                    "La forme juridique du pôle ({?value}) n'est pas reconnue : utiliser une forme nommée "
                    "(association, cooperative, scic…) ou un code de catégorie juridique INSEE à 4 chiffres "
                    "(pole.csv, colonne legal_form).",
                    "The pole's legal form ({?value}) is not recognised: use a named form (association, "
                    "cooperative, scic…) or a 4-digit INSEE legal category code (pole.csv, column "
                    "legal_form).",
                    select="DISTINCT $this ?value ?path",
                ),
            ),
        ),
    ]


# A count per pole (the subquery returns $this, as SHACL requires of subqueries; no row when the count is 0).
_COUNT = (
    "{ SELECT $this (COUNT(DISTINCT ?x) AS ?%s) WHERE { ?xm org:organization $this ; org:member ?x . "
    "FILTER (%s) } GROUP BY $this }"
)


def _three_legal_persons() -> list[ShapeSpec]:
    possible = _COUNT % ("possible", "@MAYBE_MEMBER(?x) && !@LP_NO(?x)")
    sure = (
        "OPTIONAL "
        + _COUNT % ("sureCount", "@MEMBER(?x) && @LP_YES(?x)")
        + "\n    BIND (COALESCE(?sureCount, 0) AS ?sure)"
    )
    return [
        ShapeSpec(
            clause="three-legal-persons",
            outcome="not-met",
            name_fr="trois personnes morales : moins de trois",
            name_en="three legal persons: fewer than three",
            description_fr="Non remplie quand, même en comptant les membres dont la personnalité est "
            "inconnue, "
            "moins de trois membres sont des personnes morales.",
            description_en="Not met when, even counting the members whose personality is unknown, fewer than "
            "three members are legal persons.",
            message_fr="Le pôle n'est pas constitué de trois personnes morales ou plus.",
            message_en="The pole is not made up of three or more legal persons.",
            sparql=(
                Constraint(
                    "fewer",
                    _HAS_MEMBER
                    + "\n    "
                    + possible
                    + "\n    FILTER (?possible < 3)\n    "
                    + _ACTOR
                    + "\n    FILTER (@MAYBE_MEMBER(?value) && !@LP_NO(?value))",
                    "Moins de trois membres sont des personnes morales : seuls comptent {?value}. Le décret "
                    "exige "
                    "trois personnes morales ou plus (une personne physique ou une entreprise individuelle "
                    "n'en "
                    "est pas une) : ajouter des membres personnes morales.",
                    "Fewer than three members are legal persons: only {?value} count. The decree requires "
                    "three or "
                    "more legal persons (a natural person or a sole proprietorship is not one): add legal "
                    "persons "
                    "as members.",
                ),
                Constraint(
                    "none",
                    "BIND (1 AS ?one)\n    "
                    "" + _HAS_MEMBER + "\n    FILTER NOT EXISTS { ?xm org:organization $this ; "
                    "org:member ?x . FILTER (@MAYBE_MEMBER(?x) && !@LP_NO(?x)) }",
                    "Aucun membre n'est une personne morale (personnes physiques ou entreprises "
                    "individuelles) : "
                    "le décret exige trois personnes morales ou plus parmi les membres.",
                    "No member is a legal person (natural persons or sole proprietorships): the decree "
                    "requires "
                    "three or more legal persons among the members.",
                    select="$this",
                ),
            ),
        ),
        ShapeSpec(
            clause="three-legal-persons",
            outcome="unknown",
            name_fr="trois personnes morales : données manquantes",
            name_en="three legal persons: missing data",
            description_fr="Inconnue quand moins de trois membres sont des personnes morales connues mais "
            "que les "
            "données manquantes pourraient en ajouter.",
            description_en="Unknown when fewer than three members are known legal persons but the missing "
            "data "
            "could add some.",
            message_fr="On ne sait pas si le pôle est constitué de trois personnes morales ou plus.",
            message_en="It is not known whether the pole is made up of three or more legal persons.",
            sparql=(
                Constraint(
                    "no-member",
                    "BIND (1 AS ?one)\n    " + _NO_MEMBER,
                    _NO_MEMBER_FR,
                    _NO_MEMBER_EN,
                    select="$this",
                ),
                Constraint(
                    "undecided",
                    sure
                    + "\n    "
                    + possible
                    + "\n    FILTER (?sure < 3 && ?possible >= 3)\n    "
                    + _ACTOR
                    + "\n    FILTER (@MAYBE_MEMBER(?value) && (@LP_UNKNOWN(?value) || "
                    "(@RELATION_UNKNOWN(?value) && @LP_YES(?value))))",
                    "Moins de trois membres sont des personnes morales connues ; on ne sait pas si ces "
                    "acteurs "
                    "comptent (personnalité morale inconnue, ou relation au pôle non consignée) : {?value}. "
                    "Renseigner leur forme juridique et leur type (actors.csv, colonnes legal_form et kind) "
                    "et "
                    "leur relation (colonne relation).",
                    "Fewer than three members are known legal persons; it is not known whether these actors "
                    "count "
                    "(legal personality unknown, or relation to the pole not recorded): {?value}. Fill in "
                    "their "
                    "legal form and kind (actors.csv, columns legal_form and kind) and their relation "
                    "(column "
                    "relation).",
                ),
            ),
        ),
    ]


_HISTORY_COMPLETE = "EXISTS { $this ptce:fundingHistoryComplete ?complete . FILTER (?complete = true) }"


def _not_previously_funded() -> list[ShapeSpec]:
    no_state = (
        "@AS_OF\n    FILTER NOT EXISTS { ?stateFunding ptce:pole $this ; a ptce:Funding . "
        "FILTER (@STATE_PTCE_FUNDING(?stateFunding)) }"
    )
    return [
        ShapeSpec(
            clause="not-previously-funded",
            outcome="not-met",
            name_fr="soutien antérieur de l'État : déjà soutenu",
            name_en="earlier State support: already funded",
            description_fr="Non remplie quand le pôle consigne un financement d'un appel à projets ou à "
            "manifestation d'intérêt PTCE de l'État, d'une année qui n'est pas postérieure à la date "
            "d'évaluation.",
            description_en="Not met when the pole records funding from a State PTCE call for projects or for "
            "expressions of interest, of a year not after the evaluation date.",
            message_fr="Le pôle a déjà été soutenu par l'État à la suite d'un appel à projets PTCE.",
            message_en="The pole was already supported by the State after a PTCE call.",
            sparql=(
                Constraint(
                    "state-funded",
                    "@AS_OF\n    ?value ptce:pole $this ; a ptce:Funding .\n    FILTER "
                    "(@STATE_PTCE_FUNDING(?value))",
                    "Le pôle a déjà bénéficié d'un soutien de l'État à la suite d'un précédent appel à "
                    "projets PTCE : {?value}. Le décret réserve les appels aux projets qui n'ont pas déjà été "
                    "soutenus.",
                    "The pole already received State support after an earlier PTCE call for projects: "
                    "{?value}. The decree reserves the calls to projects that have not already been supported.",
                ),
            ),
        ),
        ShapeSpec(
            clause="not-previously-funded",
            outcome="unknown",
            name_fr="soutien antérieur de l'État : historique incomplet",
            name_en="earlier State support: history incomplete",
            description_fr="Inconnue quand aucun financement de l'État au titre d'un appel PTCE n'est consigné "
            "mais que le pôle ne déclare pas son historique de financement complet.",
            description_en="Unknown when no State funding from a PTCE call is recorded but the pole does not "
            "declare its funding history complete.",
            message_fr="L'historique de financement du pôle n'est pas déclaré complet.",
            message_en="The pole's funding history is not declared complete.",
            sparql=(
                Constraint(
                    "no-funding",
                    "BIND (1 AS ?one)\n    FILTER NOT EXISTS { ?funding ptce:pole $this ; a ptce:Funding . }"
                    f"\n    FILTER (!{_HISTORY_COMPLETE})",
                    "Aucun financement n'est consigné : on ne sait pas si le pôle a déjà été soutenu par "
                    "l'État. Renseigner son historique de financement (funding.csv), même sans soutien de "
                    "l'État (ressources propres, cotisations, bénévolat, autres financeurs), et déclarer "
                    "qu'il est complet (pole.csv, colonne historique_financements_complet = oui).",
                    "No funding is recorded: it is not known whether the pole was already supported by the "
                    "State. Fill in its funding history (funding.csv), even without State support (own "
                    "resources, membership fees, volunteering, other funders), and declare it complete "
                    "(pole.csv, column funding_history_complete = yes).",
                    select="$this",
                ),
                Constraint(
                    "history-incomplete",
                    no_state
                    + f"\n    FILTER (!{_HISTORY_COMPLETE})"
                    + "\n    ?value ptce:pole $this ; a ptce:Funding .",
                    "Les financements consignés ne viennent pas d'un appel PTCE de l'État ({?value}), mais "
                    "l'historique de financement n'est pas déclaré complet : un soutien antérieur de l'État "
                    "peut manquer. Compléter funding.csv et déclarer l'historique complet (pole.csv, colonne "
                    "historique_financements_complet = oui).",
                    "The recorded funding does not come from a State PTCE call ({?value}), but the funding "
                    "history is not declared complete: earlier State support may be missing. Complete "
                    "funding.csv and declare the history complete (pole.csv, column funding_history_complete "
                    "= yes).",
                ),
            ),
        ),
    ]


# ---------------------------------------------------------------------------
#  Evidence: what makes each clause met
# ---------------------------------------------------------------------------

_MEMBER_VALUE = "?membership org:organization $this ; org:member ?value ; ptce:relation ptce:Member ."


def _shows(slug: str, where: str, fr: str, en: str, select: str = "DISTINCT $this ?value") -> Constraint:
    return Constraint(slug, where, fr, en, select=select)


def _evidence_constraints(definition: str, clause: str) -> tuple[Constraint, ...]:
    """The queries whose values are what makes ``clause`` met under ``definition`` (actors, links...)."""
    labo, senate, decree = definition == "labo-2010", definition == "senate-2013", definition == "decree-2015"
    if clause == "territory":
        located = (
            "\n    $this ptce:territory ?territory .\n    ?value ptce:locatedIn ?commune .\n    "
            "?commune a ptce:Commune ; ptce:inseeCode ?rawCode ."
        )
        return (
            _shows("declared", "$this ptce:territory ?territory .\n    ?territory ptce:comprises ?value .",
                   "Territoire déclaré : {?value}.", "Declared territory: {?value}."),
            _shows("inside", _MEMBER_VALUE + located + _TERRITORY_INSIDE,
                   "Membres situés dans le territoire : {?value}.",
                   "Members located in the territory: {?value}."),
        )
    if clause == "ess-enterprises":
        macro = "LABO_ESS" if labo else "ESS_YES"
        what = ("Membres qui sont des entreprises, initiatives ou réseaux de l'ESS",
                "Members that are ESS enterprises, initiatives or networks") if labo else (
            "Membres qui sont des entreprises de l'ESS au sens de l'article 1er",
            "Members that are ESS enterprises in the sense of article 1")
        return (_shows("members", _MEMBER_VALUE + f"\n    FILTER (@{macro}(?value))",
                       what[0] + " : {?value}.", what[1] + ": {?value}."),)
    if clause == "other-enterprises":
        if decree:
            return (_shows("members", _MEMBER_VALUE + "\n    FILTER (@DECREE_NON_ESS_ENTERPRISE(?value))",
                           "Membres, personnes morales, qui sont des entreprises hors ESS (ou des groupements "
                           "majoritairement hors ESS) : {?value}.",
                           "Members, legal persons, that are non-ESS enterprises (or groupings mostly outside "
                           "the ESS): {?value}."),)
        return (_shows("actors", _ACTOR + "\n    FILTER (@NON_ESS_ENTERPRISE(?value))",
                       "Entreprises hors ESS associées au pôle : {?value}.",
                       "Non-ESS enterprises the pole joins: {?value}."),)
    if clause == "partners":
        if decree:
            return (_shows("members", _MEMBER_VALUE + "\n    FILTER (@DECREE_PARTNER(?value))",
                           "Membres, personnes morales, autres que des entreprises : {?value}.",
                           "Members, legal persons, other than enterprises: {?value}."),)
        macro = "LABO_PARTNER" if labo else "NON_ENTERPRISE"
        return (_shows("actors", _ACTOR + f"\n    FILTER (@{macro}(?value))",
                       "Autres parties prenantes en lien avec le pôle : {?value}.",
                       "Other stakeholders the pole works with: {?value}."),)
    if clause == "strategy":
        return (_shows("in-force", "@AS_OF\n    $this ptce:strategy ?value .\n    ?value ptce:startDate ?start ."
                       "\n    FILTER (!@OVER(?value))",
                       "Stratégie en cours à la date d'évaluation : {?value}.",
                       "Strategy in force at the evaluation date: {?value}."),)
    if clause == "cooperation":
        if labo or senate:
            return (
                _shows("mutualisation", "?value ptce:pole $this .\n    FILTER (@IS_MUTUALISATION(?value) && "
                       "@JOINS_ACTORS(?value))",
                       "Liens de mutualisation : {?value}.", "Mutualisation links: {?value}."),
                _shows("cooperation", "?value ptce:pole $this .\n    FILTER (@IS_COOPERATION(?value) && "
                       "@JOINS_ACTORS(?value))",
                       "Liens de coopération (interaction, animation) : {?value}.",
                       "Cooperation links (interaction, animation): {?value}."),
            )
        joins = "JOINS_MEMBERS" if decree else "JOINS_ACTORS"
        return (_shows("links", f"?value ptce:pole $this .\n    FILTER (@HAS_LOGIC(?value) && @{joins}(?value))",
                       "Liens qui comptent : {?value}.", "Links that count: {?value}."),)
    if clause == "innovation":
        counting = (
            "ptce:SocialInnovation, ptce:SocialAndTechnologicalInnovation" if senate
            else "ptce:SocialInnovation, ptce:TechnologicalInnovation, ptce:SocialAndTechnologicalInnovation"
        )
        kinds = f"\n    ?value ptce:innovation ?kind .\n    FILTER (?kind IN ({counting}))"
        return (_shows("projects", _PROJECT + kinds, "Projets innovants : {?value}.",
                       "Innovative projects: {?value}."),)
    if clause == "sustainable-development":
        return (_shows("projects", _PROJECT + "\n    ?value ptce:sustainableLocalDevelopment ?flag .\n    "
                       "FILTER (?flag = true)",
                       "Projets porteurs d'un développement local durable : {?value}.",
                       "Projects bearing sustainable local development: {?value}."),)
    if clause == "legal-person":
        return (_shows("form", "$this ptce:legalForm ?value .\n    ?value ptce:legalPersonality ptce:PrivateLaw .",
                       "Forme juridique du pôle, personne morale de droit privé : {?value}.",
                       "The pole's legal form, a private-law legal person: {?value}."),)
    if clause == "three-legal-persons":
        return (_shows("members", _MEMBER_VALUE + "\n    FILTER (@LP_YES(?value))",
                       "Membres personnes morales : {?value}.", "Members that are legal persons: {?value}."),)
    if clause == "not-previously-funded":
        no_state = (
            "@AS_OF\n    FILTER NOT EXISTS { ?stateFunding ptce:pole $this ; a ptce:Funding . "
            "FILTER (@STATE_PTCE_FUNDING(?stateFunding)) }"
        )
        return (
            _shows("complete", f"BIND (1 AS ?one)\n    FILTER ({_HISTORY_COMPLETE})",
                   "Le pôle déclare son historique de financement complet (pole.csv, colonne "
                   "historique_financements_complet).",
                   "The pole declares its funding history complete (pole.csv, column funding_history_complete).",
                   select="$this"),
            _shows("funding", no_state + "\n    ?value ptce:pole $this ; a ptce:Funding .",
                   "Financements consignés, dont aucun ne vient d'un appel PTCE de l'État : {?value}.",
                   "Recorded funding, none of it from a State PTCE call: {?value}."),
        )
    raise KeyError(clause)


def _evidence(definition: str, clause: str) -> ShapeSpec:
    return ShapeSpec(
        clause=clause,
        outcome="evidence",
        name_fr=f"{clause} : preuves",
        name_en=f"{clause}: evidence",
        description_fr="Preuve (sans effet sur le statut) : ce qui, dans les données, remplit la clause.",
        description_en="Evidence (no effect on the status): what in the data meets the clause.",
        message_fr="Ce qui remplit la clause.",
        message_en="What meets the clause.",
        sparql=_evidence_constraints(definition, clause),
    )


def clause_shapes(definition: str) -> list[ShapeSpec]:
    """The shape specifications of one definition, clause by clause, in the definition's order.

    Which clauses a definition has is read from ``ontology/definitions.ttl``
    (:func:`~ptce_graph.legal.spec.definitions.get_definition`); this module
    says how each clause is checked.
    """
    builders = {
        "territory": lambda: _territory(),
        "ess-enterprises": lambda: _ess_enterprises(definition),
        "other-enterprises": lambda: _other_enterprises(definition),
        "partners": lambda: _partners(definition),
        "strategy": lambda: _strategy(),
        "cooperation": lambda: _cooperation(definition),
        "innovation": lambda: _innovation(definition),
        "sustainable-development": lambda: _sustainable_development(),
        "legal-person": lambda: _legal_person(),
        "three-legal-persons": lambda: _three_legal_persons(),
        "not-previously-funded": lambda: _not_previously_funded(),
    }
    specs: list[ShapeSpec] = []
    for clause in get_definition(definition).clause_ids:
        specs.extend(builders[clause]())
        specs.append(_evidence(definition, clause))
    return specs
