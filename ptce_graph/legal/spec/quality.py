"""Data-quality shapes (``shapes/data-quality.ttl``): what is not a legal matter.

Identifiers with a checksum, INSEE code formats, periods that end before they
start, links that do not join two actors of their pole, an ESS mention on a
form that is not a commercial company, missing names and kinds.  Their results
are warnings shown beside the verdict, never part of it.  :mod:`.shapes_gen`
writes them out; messages may hold ``{$this}`` (the resource) and ``{?value}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ptce_graph.legal.spec.clauses import Constraint

__all__ = ["QualitySpec", "QUALITY_SHAPES", "luhn_sum"]


@dataclass(frozen=True)
class QualitySpec:
    slug: str
    target: str  # Turtle of the target predicates
    name_fr: str
    name_en: str
    description_fr: str
    description_en: str
    message_fr: str
    message_en: str
    path: str | None = None  # a property shape (SHACL Core) when set
    core: str | None = None
    sparql: tuple[Constraint, ...] = ()


def _digit(var: str, i: int) -> str:
    return f"xsd:integer(SUBSTR(STR({var}), {i}, 1))"


def luhn_sum(var: str, length: int) -> str:
    """SPARQL sum of the Luhn algorithm over a ``length``-digit string (multiple of 10 when valid)."""
    terms = []
    for i in range(1, length + 1):
        d = _digit(var, i)
        if (length - i) % 2 == 1:  # every second digit from the right is doubled
            terms.append(f"IF({d} * 2 > 9, {d} * 2 - 9, {d} * 2)")
        else:
            terms.append(d)
    return " + ".join(terms)


def _digit_sum(var: str, length: int) -> str:
    return " + ".join(_digit(var, i) for i in range(1, length + 1))


def _not_multiple(expr: str, n: int) -> str:
    # SPARQL 1.1 has no modulo: x - n * FLOOR(x / n)
    return f"({expr}) - {n} * FLOOR(({expr}) / {n}) != 0"


_COMMUNE = "^((0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5])[0-9]{3}|97[1-8][0-9]{2}|98[4-9][0-9]{2})$"
_DEPARTEMENT = "^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$"

_LINK_TARGETS = " , ".join(
    "ptce:" + c
    for c in (
        "CooperationLink",
        "MutualisationLink",
        "InteractionLink",
        "AnimationLink",
        "PartnershipLink",
    )
)

QUALITY_SHAPES: tuple[QualitySpec, ...] = (
    QualitySpec(
        "siret-format",
        "sh:targetSubjectsOf ptce:siret",
        "SIRET : format",
        "SIRET: format",
        "Un SIRET a quatorze chiffres.",
        "A SIRET has fourteen digits.",
        "Le SIRET de {$this} n'a pas quatorze chiffres : {?value}.",
        "The SIRET of {$this} does not have fourteen digits: {?value}.",
        path="ptce:siret",
        core='sh:pattern "^[0-9]{14}$"',
    ),
    QualitySpec(
        "siret-checksum",
        "sh:targetSubjectsOf ptce:siret",
        "SIRET : clé de contrôle",
        "SIRET: check digit",
        "Un SIRET passe l'algorithme de Luhn (La Poste, SIREN 356000000 : somme des chiffres multiple de 5).",
        "A SIRET passes the Luhn algorithm (La Poste, SIREN 356000000: digit sum a multiple of 5).",
        "Le SIRET de {$this} est invalide (clé de contrôle) : {?value}.",
        "The SIRET of {$this} is invalid (check digit): {?value}.",
        sparql=(
            Constraint(
                "luhn",
                '$this ptce:siret ?value .\n    FILTER (REGEX(STR(?value), "^[0-9]{14}$"))\n    '
                f"BIND ({luhn_sum('?value', 14)} AS ?luhn)\n    BIND ({_digit_sum('?value', 14)} AS "
                f"?digits)\n    "
                f"FILTER ({_not_multiple('?luhn', 10)})\n    "
                f'FILTER (!(STRSTARTS(STR(?value), "356000000") && !({_not_multiple("?digits", 5)})))\n    '
                "BIND (ptce:siret AS ?path)",
                "Le SIRET de {$this} est invalide (clé de contrôle) : {?value}. Le vérifier sur l'annuaire "
                "des "
                "entreprises (actors.csv, colonne siret).",
                "The SIRET of {$this} is invalid (check digit): {?value}. Check it in the business register "
                "(actors.csv, column siret).",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "siren-format",
        "sh:targetSubjectsOf ptce:siren",
        "SIREN : format",
        "SIREN: format",
        "Un SIREN a neuf chiffres.",
        "A SIREN has nine digits.",
        "Le SIREN de {$this} n'a pas neuf chiffres : {?value}.",
        "The SIREN of {$this} does not have nine digits: {?value}.",
        path="ptce:siren",
        core='sh:pattern "^[0-9]{9}$"',
    ),
    QualitySpec(
        "siren-checksum",
        "sh:targetSubjectsOf ptce:siren",
        "SIREN : clé de contrôle",
        "SIREN: check digit",
        "Un SIREN passe l'algorithme de Luhn.",
        "A SIREN passes the Luhn algorithm.",
        "Le SIREN de {$this} est invalide (clé de contrôle) : {?value}.",
        "The SIREN of {$this} is invalid (check digit): {?value}.",
        sparql=(
            Constraint(
                "luhn",
                '$this ptce:siren ?value .\n    FILTER (REGEX(STR(?value), "^[0-9]{9}$"))\n    '
                f"BIND ({luhn_sum('?value', 9)} AS ?luhn)\n    FILTER ({_not_multiple('?luhn', 10)})\n    "
                "BIND (ptce:siren AS ?path)",
                "Le SIREN de {$this} est invalide (clé de contrôle) : {?value}. Le vérifier sur l'annuaire "
                "des "
                "entreprises.",
                "The SIREN of {$this} is invalid (check digit): {?value}. Check it in the business register.",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "commune-code",
        "sh:targetClass ptce:Commune",
        "commune : code INSEE",
        "commune: INSEE code",
        "Une commune a un et un seul code officiel géographique à cinq caractères (2A/2B en Corse, 97x "
        "outre-mer).",
        "A commune has one five-character official geographic code (2A/2B in Corsica, 97x overseas).",
        "Le code INSEE de la commune {$this} manque ou n'a pas la forme d'un code de commune : {?value}.",
        "The INSEE code of the commune {$this} is missing or not shaped like a commune code: {?value}.",
        path="ptce:inseeCode",
        core=f'sh:minCount 1 ;\n    sh:maxCount 1 ;\n    sh:pattern "{_COMMUNE}" ;\n    sh:flags "i"',
    ),
    QualitySpec(
        "departement-code",
        "sh:targetClass ptce:Departement",
        "département : code INSEE",
        "département: INSEE code",
        "Un département a un code de deux ou trois caractères (01 à 95, 2A, 2B, 971 à 976).",
        "A département has a two- or three-character code (01 to 95, 2A, 2B, 971 to 976).",
        "Le code du département {$this} manque ou n'a pas la forme d'un code de département : {?value}.",
        "The code of the département {$this} is missing or not shaped like a département code: {?value}.",
        path="ptce:inseeCode",
        core=f'sh:minCount 1 ;\n    sh:maxCount 1 ;\n    sh:pattern "{_DEPARTEMENT}" ;\n    sh:flags "i"',
    ),
    QualitySpec(
        "region-code",
        "sh:targetClass ptce:Region",
        "région : code INSEE",
        "region: INSEE code",
        "Une région a un code INSEE à deux chiffres.",
        "A region has a two-digit INSEE code.",
        "Le code de la région {$this} manque ou n'a pas deux chiffres : {?value}.",
        "The code of the region {$this} is missing or does not have two digits: {?value}.",
        path="ptce:inseeCode",
        core='sh:minCount 1 ;\n    sh:maxCount 1 ;\n    sh:pattern "^[0-9]{2}$"',
    ),
    QualitySpec(
        "epci-siren",
        "sh:targetClass ptce:EPCI",
        "EPCI : SIREN",
        "EPCI: SIREN",
        "Un EPCI est identifié par son SIREN à neuf chiffres.",
        "An EPCI is identified by its nine-digit SIREN.",
        "Le SIREN de l'EPCI {$this} manque ou n'a pas neuf chiffres : {?value}.",
        "The SIREN of the EPCI {$this} is missing or does not have nine digits: {?value}.",
        path="ptce:siren",
        core='sh:minCount 1 ;\n    sh:maxCount 1 ;\n    sh:pattern "^[0-9]{9}$"',
    ),
    QualitySpec(
        "cog-code",
        "sh:targetSubjectsOf ptce:locatedIn , ptce:comprises",
        "code géographique : existence à la date d'évaluation",
        "geographic code: existence at the evaluation date",
        "Un code de commune, d'EPCI, de département ou de région désigne une unité du Code officiel "
        "géographique de l'INSEE à la date d'évaluation.",
        "A commune, EPCI, département or région code designates an area of INSEE's Code officiel géographique "
        "at the evaluation date.",
        "Un code géographique de {$this} ne désigne pas une unité en vigueur à la date d'évaluation : {?value}.",
        "A geographic code of {$this} does not designate an area in force at the evaluation date: {?value}.",
        sparql=(
            Constraint(
                "actor",
                "?membership org:member $this .\n    $this ptce:locatedIn ?area .\n    "
                "?area ptce:cogProblem ?value .\n    BIND (ptce:locatedIn AS ?path)",
                "Commune de {$this} (actors.csv, colonne commune) : {?value}. Corriger le code INSEE de la "
                "commune.",
                "Commune of {$this} (actors.csv, column commune): {?value}. Correct the commune's INSEE code.",
                select="DISTINCT $this ?value ?path",
            ),
            Constraint(
                "place",
                "FILTER NOT EXISTS { ?membership org:member $this . }\n    $this ptce:locatedIn ?area .\n    "
                "?area ptce:cogProblem ?value .\n    BIND (ptce:locatedIn AS ?path)",
                "Localisation de {$this} (places.csv, colonne commune) : {?value}. Corriger le code.",
                "Location of {$this} (places.csv, column commune): {?value}. Correct the code.",
                select="DISTINCT $this ?value ?path",
            ),
            Constraint(
                "territory",
                "$this ptce:comprises ?area .\n    ?area ptce:cogProblem ?value .\n    "
                "BIND (ptce:comprises AS ?path)",
                "Territoire {$this} (pole.csv, colonne codes_territoire) : {?value}. Corriger ou retirer le "
                "code : le territoire ne peut pas être vérifié avec lui.",
                "Territory {$this} (pole.csv, column territory_codes): {?value}. Correct or remove the code: the "
                "territory cannot be checked with it.",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "sirene-ess",
        "sh:targetSubjectsOf ptce:sireneESS",
        "indicateur ESS de Sirene : accord avec l'article 1er",
        "Sirene ESS flag: agreement with article 1",
        "L'indicateur ESS du répertoire Sirene (economieSocialeSolidaireUniteLegale) s'accorde avec le statut "
        "ESS que l'article 1er donne à l'acteur ; il ne le remplace pas.",
        "The Sirene register's ESS flag (economieSocialeSolidaireUniteLegale) agrees with the ESS status article "
        "1 gives the actor; it does not replace it.",
        "L'indicateur ESS de Sirene de {$this} contredit le statut ESS que lui donne l'article 1er.",
        "The Sirene ESS flag of {$this} contradicts the ESS status article 1 gives it.",
        sparql=(
            Constraint(
                "says-ess",
                "$this ptce:sireneESS ?flag .\n    FILTER (?flag = true && @ESS_NO($this))\n    "
                "OPTIONAL { $this ptce:legalForm ?value . }",
                "Sirene range {$this} dans l'ESS (indicateur O), mais sa forme juridique ({?value}) le place "
                "hors de l'ESS au sens de l'article 1er : c'est la lecture de l'article 1er qui compte. "
                "Vérifier la forme juridique, la mention ESS et le statut coopératif (actors.csv, colonnes "
                "forme_juridique, mention_ess, coopérative).",
                "Sirene places {$this} in the ESS (flag O), but its legal form ({?value}) puts it outside the "
                "ESS in the sense of article 1: the reading of article 1 is what counts. Check the legal form, "
                "the ESS mention and the cooperative status (actors.csv, columns legal_form, ess_mention, "
                "cooperative).",
            ),
            Constraint(
                "says-not-ess",
                "$this ptce:sireneESS ?flag .\n    FILTER (?flag = false && @ESS_YES($this))\n    "
                "OPTIONAL { $this ptce:legalForm ?value . }",
                "Sirene ne range pas {$this} dans l'ESS (indicateur N), mais l'article 1er en fait une "
                "entreprise de l'ESS ({?value}) : c'est la lecture de l'article 1er qui compte. Vérifier les "
                "données (actors.csv, colonnes forme_juridique, mention_ess, coopérative) ou signaler "
                "l'indicateur à l'INSEE.",
                "Sirene does not place {$this} in the ESS (flag N), but article 1 makes it an ESS enterprise "
                "({?value}): the reading of article 1 is what counts. Check the data (actors.csv, columns "
                "legal_form, ess_mention, cooperative) or report the flag to INSEE.",
            ),
        ),
    ),
    QualitySpec(
        "esus",
        "sh:targetSubjectsOf ptce:esusAgrement , ptce:esusDate",
        "agrément ESUS : entreprise de l'ESS",
        "ESUS approval: an ESS enterprise",
        "L'agrément ESUS (code du travail, article L. 3332-17-1) ne se donne qu'à une entreprise de l'ESS au "
        "sens de l'article 1er ; sa date va avec l'agrément.",
        "The ESUS approval (code du travail, article L. 3332-17-1) is only given to an ESS enterprise in the "
        "sense of article 1; its date goes with the approval.",
        "L'agrément ESUS de {$this} ne s'accorde pas avec les données.",
        "The ESUS approval of {$this} does not agree with the data.",
        sparql=(
            Constraint(
                "not-ess",
                "$this ptce:esusAgrement ?esus .\n    FILTER (?esus = true && @ESS_NO($this))\n    "
                "OPTIONAL { $this ptce:legalForm ?value . }",
                "{$this} est agréé ESUS, mais l'article 1er le place hors de l'ESS ({?value}) : l'agrément "
                "suppose une entreprise de l'ESS. Vérifier la forme juridique, la mention ESS et le statut "
                "coopératif (actors.csv).",
                "{$this} holds the ESUS approval, but article 1 puts it outside the ESS ({?value}): the "
                "approval presupposes an ESS enterprise. Check the legal form, the ESS mention and the "
                "cooperative status (actors.csv).",
            ),
            Constraint(
                "date-without-approval",
                "$this ptce:esusDate ?value .\n    FILTER NOT EXISTS { $this ptce:esusAgrement ?esus . "
                "FILTER (?esus = true) }\n    BIND (ptce:esusDate AS ?path)",
                "{$this} a une date d'agrément ESUS ({?value}) sans être dit agréé : renseigner esus = oui "
                "(actors.csv, colonne esus) ou vider la date.",
                "{$this} has an ESUS approval date ({?value}) without being said to be approved: fill in "
                "esus = yes (actors.csv, column esus) or empty the date.",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "cooperative-form",
        "sh:targetSubjectsOf ptce:cooperative",
        "coopérative : forme juridique compatible",
        "cooperative: compatible legal form",
        "Une coopérative a une forme de société (coopérative, commerciale) ou une forme que la catégorie ne "
        "décide pas ; une forme hors ESS (personne publique, entreprise individuelle, société civile non "
        "coopérative…) la contredit.",
        "A cooperative has a company form (cooperative, commercial) or a form the category does not decide; a "
        "non-ESS form (public body, sole proprietorship, non-cooperative société civile…) contradicts it.",
        "{$this} est déclaré coopérative, mais sa forme juridique ne peut pas être celle d'une coopérative.",
        "{$this} is recorded as a cooperative, but its legal form cannot be a cooperative's.",
        sparql=(
            Constraint(
                "non-ess-form",
                "$this ptce:cooperative ?co .\n    FILTER (?co = true)\n    $this ptce:legalForm ?value .\n    "
                "?value a ptce:NonESSForm .\n    BIND (ptce:legalForm AS ?path)",
                "{$this} est déclaré coopérative, mais sa forme juridique ({?value}) est hors de l'ESS : le "
                "statut ESS suit la forme (non). Corriger la forme juridique (un code de société, p. ex. "
                "5710 pour une SCIC en SAS) ou la colonne coopérative (actors.csv).",
                "{$this} is recorded as a cooperative, but its legal form ({?value}) is outside the ESS: the "
                "ESS status follows the form (no). Correct the legal form (a company code, e.g. 5710 for a "
                "SCIC constituted as an SAS) or the column cooperative (actors.csv).",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "date-format",
        "sh:targetSubjectsOf ptce:startDate , ptce:endDate",
        "dates : format",
        "dates: format",
        "Une date de début ou de fin est une date ISO 8601 (xsd:date, xsd:gYearMonth ou xsd:gYear).",
        "A start or end date is an ISO 8601 date (xsd:date, xsd:gYearMonth or xsd:gYear).",
        "Une date de {$this} n'est pas une date ISO 8601 : {?value}.",
        "A date of {$this} is not an ISO 8601 date: {?value}.",
        sparql=(
            Constraint(
                "lexical",
                "{ $this ptce:startDate ?value . BIND (ptce:startDate AS ?path) }\n    UNION "
                "{ $this ptce:endDate ?value . BIND (ptce:endDate AS ?path) }\n    "
                "FILTER (!(DATATYPE(?value) IN (xsd:date, xsd:gYearMonth, xsd:gYear, xsd:dateTime)) || "
                '!REGEX(STR(?value), "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?([T Z+-]|$)"))',
                "Une date de {$this} n'est pas une date ISO 8601 (AAAA-MM-JJ, AAAA-MM ou AAAA) : {?value}.",
                "A date of {$this} is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY): {?value}.",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "period-order",
        "sh:targetSubjectsOf ptce:endDate",
        "période : fin avant le début",
        "period: end before start",
        "La date de fin d'une période (adhésion, lien, stratégie…) n'est pas avant sa date de début.",
        "The end date of a period (membership, link, strategy…) is not before its start date.",
        "La période de {$this} finit avant de commencer : fin {?value}.",
        "The period of {$this} ends before it starts: end {?value}.",
        sparql=(
            Constraint(
                "end-before-start",
                "$this ptce:startDate ?start ; ptce:endDate ?value .\n    "
                "BIND (SUBSTR(STR(?start), 1, 10) AS ?s)\n    BIND (SUBSTR(STR(?value), 1, 10) AS ?e)\n    "
                "BIND (IF(STRLEN(?s) < STRLEN(?e), STRLEN(?s), STRLEN(?e)) AS ?n)\n    "
                "FILTER (SUBSTR(?e, 1, ?n) < SUBSTR(?s, 1, ?n))\n    BIND (ptce:endDate AS ?path)",
                "La période de {$this} finit ({?value}) avant de commencer : corriger la date de début ou de "
                "fin.",
                "The period of {$this} ends ({?value}) before it starts: correct the start or end date.",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "link-source",
        f"sh:targetClass {_LINK_TARGETS}",
        "lien : acteur source",
        "link: source actor",
        "Un lien de coopération a un et un seul acteur source.",
        "A cooperation link has exactly one source actor.",
        "Le lien {$this} n'a pas un et un seul acteur source (links.csv, colonne source).",
        "The link {$this} does not have exactly one source actor (links.csv, column source).",
        path="ptce:sourceActor",
        core="sh:minCount 1 ;\n    sh:maxCount 1",
    ),
    QualitySpec(
        "link-target",
        f"sh:targetClass {_LINK_TARGETS}",
        "lien : acteur cible",
        "link: target actor",
        "Un lien de coopération a un et un seul acteur cible.",
        "A cooperation link has exactly one target actor.",
        "Le lien {$this} n'a pas un et un seul acteur cible (links.csv, colonne target).",
        "The link {$this} does not have exactly one target actor (links.csv, column target).",
        path="ptce:targetActor",
        core="sh:minCount 1 ;\n    sh:maxCount 1",
    ),
    QualitySpec(
        "link-pole",
        f"sh:targetClass {_LINK_TARGETS}",
        "lien : pôle",
        "link: pole",
        "Un lien de coopération appartient à un et un seul pôle.",
        "A cooperation link belongs to exactly one pole.",
        "Le lien {$this} n'appartient pas à un et un seul pôle (ptce:pole).",
        "The link {$this} does not belong to exactly one pole (ptce:pole).",
        path="ptce:pole",
        core="sh:minCount 1 ;\n    sh:maxCount 1",
    ),
    QualitySpec(
        "link-actors",
        f"sh:targetClass {_LINK_TARGETS}",
        "lien : joint deux acteurs du pôle",
        "link: joins two actors of the pole",
        "Un lien de coopération joint deux acteurs distincts, membres ou partenaires de son pôle.",
        "A cooperation link joins two distinct actors, members or partners of its pole.",
        "Le lien {$this} ne joint pas deux acteurs du pôle.",
        "The link {$this} does not join two actors of the pole.",
        sparql=(
            Constraint(
                "not-of-pole",
                "$this ptce:pole ?pole .\n    "
                "{ $this ptce:sourceActor ?value . BIND (ptce:sourceActor AS ?path) }\n    UNION "
                "{ $this ptce:targetActor ?value . BIND (ptce:targetActor AS ?path) }\n    "
                "FILTER NOT EXISTS { ?membership org:organization ?pole ; org:member ?value . }",
                "Le lien {$this} joint {?value}, qui n'est consigné ni comme membre ni comme partenaire du "
                "pôle : "
                "ajouter son adhésion (actors.csv, colonne relation).",
                "The link {$this} joins {?value}, which is recorded neither as a member nor as a partner of "
                "the "
                "pole: add its membership (actors.csv, column relation).",
                select="DISTINCT $this ?value ?path",
            ),
            Constraint(
                "self",
                "$this ptce:sourceActor ?value ; ptce:targetActor ?value .",
                "Le lien {$this} joint {?value} à lui-même.",
                "The link {$this} joins {?value} to itself.",
            ),
        ),
    ),
    QualitySpec(
        "link-logic",
        f"sh:targetClass {_LINK_TARGETS}",
        "lien : logique",
        "link: logic",
        "Un lien de coopération a une logique : mutualisation, interaction, animation ou partenariat.",
        "A cooperation link has a logic: mutualisation, interaction, animation or partnership.",
        "La logique du lien {$this} n'est pas renseignée (links.csv, colonne logic).",
        "The logic of the link {$this} is not recorded (links.csv, column logic).",
        sparql=(
            Constraint(
                "missing",
                "BIND (1 AS ?one)\n    FILTER NOT EXISTS "
                "{ $this a ?logic . FILTER (?logic IN (ptce:MutualisationLink, "
                "ptce:InteractionLink, ptce:AnimationLink, ptce:PartnershipLink)) }",
                "La logique du lien {$this} n'est pas renseignée : mutualisation, interaction, animation ou "
                "partnership (links.csv, colonne logic).",
                "The logic of the link {$this} is not recorded: mutualisation, interaction, animation or "
                "partnership (links.csv, column logic).",
                select="$this",
            ),
        ),
    ),
    QualitySpec(
        "ess-mention-form",
        "sh:targetSubjectsOf ptce:essMention",
        "mention ESS : société commerciale seulement",
        "ESS mention: commercial companies only",
        "La mention ESS (article 1er III) ne concerne que les sociétés commerciales.",
        "The ESS mention (article 1 III) only concerns commercial companies.",
        "{$this} a une mention ESS mais n'est pas une société commerciale : {?value}.",
        "{$this} has an ESS mention but is not a commercial company: {?value}.",
        sparql=(
            Constraint(
                "not-commercial",
                "$this ptce:legalForm ?value .\n    ?value a ?family .\n    FILTER (?family IN ("
                "ptce:StatutoryESSForm, ptce:NonESSForm, ptce:UndeterminedForm))\n    "
                "FILTER NOT EXISTS { $this ptce:legalForm ?other . ?other a ptce:CommercialCompanyForm . }\n "
                "   "
                "BIND (ptce:legalForm AS ?path)",
                "{$this} a une mention ESS alors que sa forme juridique ({?value}) n'est pas une société "
                "commerciale : la mention (article 1er III) ne vaut que pour les sociétés commerciales ; "
                "vider "
                "la colonne ess_mention ou corriger la forme juridique.",
                "{$this} has an ESS mention while its legal form ({?value}) is not a commercial company: the "
                "mention (article 1 III) only applies to commercial companies; empty the column ess_mention "
                "or "
                "correct the legal form.",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "ess-mention-value",
        "sh:targetSubjectsOf ptce:essMention",
        "mention ESS : valeur",
        "ESS mention: value",
        "La mention ESS est un booléen unique (oui ou non).",
        "The ESS mention is a single boolean (yes or no).",
        "La mention ESS de {$this} n'est pas un seul « oui » ou « non » : {?value}.",
        "The ESS mention of {$this} is not a single yes or no: {?value}.",
        path="ptce:essMention",
        core="sh:datatype xsd:boolean ;\n    sh:maxCount 1",
    ),
    QualitySpec(
        "legal-form-single",
        "sh:targetSubjectsOf ptce:legalForm",
        "forme juridique : une seule",
        "legal form: only one",
        "Un acteur ou un pôle a une seule forme juridique.",
        "An actor or a pole has one legal form.",
        "{$this} a plusieurs formes juridiques ; le statut ESS et la personnalité morale en deviennent "
        "ambigus.",
        "{$this} has several legal forms; its ESS status and legal personality become ambiguous.",
        path="ptce:legalForm",
        core="sh:maxCount 1",
    ),
    QualitySpec(
        "legal-form-known",
        "sh:targetSubjectsOf ptce:legalForm",
        "forme juridique : reconnue",
        "legal form: recognised",
        "Une forme juridique est une forme nommée ou une catégorie juridique INSEE de ptcelf:legal-forms.",
        "A legal form is a named form or an INSEE legal category of ptcelf:legal-forms.",
        "La forme juridique de {$this} n'est pas reconnue : {?value}.",
        "The legal form of {$this} is not recognised: {?value}.",
        sparql=(
            Constraint(
                "unrecognised",
                "$this ptce:legalForm ?value .\n    FILTER NOT EXISTS "
                "{ ?value a ?family . FILTER (?family IN ("
                "ptce:StatutoryESSForm, ptce:CommercialCompanyForm, ptce:NonESSForm, ptce:UndeterminedForm)) "
                "}\n    "
                "BIND (ptce:legalForm AS ?path)",
                "La forme juridique de {$this} n'est pas reconnue ({?value}) : son statut ESS et sa "
                "personnalité "
                "morale sont inconnus. Utiliser une forme nommée (association, cooperative, scop, scic, "
                "mutual, "
                "foundation, commercial-company, sole-proprietorship, public-body) ou un code de catégorie "
                "juridique INSEE à 4 chiffres.",
                "The legal form of {$this} is not recognised ({?value}): its ESS status and legal "
                "personality are "
                "unknown. Use a named form (association, cooperative, scop, scic, mutual, foundation, "
                "commercial-company, sole-proprietorship, public-body) or a 4-digit INSEE legal category "
                "code.",
                select="DISTINCT $this ?value ?path",
            ),
        ),
    ),
    QualitySpec(
        "membership-relation",
        "sh:targetSubjectsOf org:organization",
        "adhésion : membre ou partenaire",
        "membership: member or partner",
        "Une adhésion dit si l'acteur est membre ou partenaire du pôle.",
        "A membership says whether the actor is a member or a partner of the pole.",
        "L'adhésion {$this} ne dit pas si l'acteur est membre ou partenaire du pôle (actors.csv, colonne "
        "relation) : les clauses qui ne comptent que les membres restent inconnues.",
        "The membership {$this} does not say whether the actor is a member or a partner of the pole "
        "(actors.csv, "
        "column relation): the clauses that count members only stay unknown.",
        path="ptce:relation",
        core="sh:minCount 1 ;\n    sh:maxCount 1 ;\n    sh:in ( ptce:Member ptce:Partner )",
    ),
    QualitySpec(
        "actor-name",
        "sh:targetObjectsOf org:member",
        "acteur : nom",
        "actor: name",
        "Un acteur a un nom.",
        "An actor has a name.",
        "L'acteur {$this} n'a pas de nom (actors.csv, colonne name).",
        "The actor {$this} has no name (actors.csv, column name).",
        path="rdfs:label",
        core="sh:minCount 1",
    ),
    QualitySpec(
        "actor-kind",
        "sh:targetObjectsOf org:member",
        "acteur : type",
        "actor: kind",
        "Un acteur a un type (entreprise, collectivité, centre de recherche…), un seul parmi ceux que "
        "l'ontologie déclare disjoints.",
        "An actor has a kind (enterprise, local authority, research centre…), only one among those the "
        "ontology "
        "declares disjoint.",
        "Le type de l'acteur {$this} manque ou est contradictoire.",
        "The kind of the actor {$this} is missing or contradictory.",
        sparql=(
            Constraint(
                "missing",
                "BIND (1 AS ?one)\n    FILTER NOT EXISTS "
                "{ $this a ?kind . FILTER (?kind IN (<<ENTERPRISE_KINDS>>, "
                "<<OTHER_KINDS>>)) }",
                "Le type de l'acteur {$this} n'est pas renseigné (actors.csv, colonne kind : enterprise, "
                "local-authority, research-centre, training-body…).",
                "The kind of the actor {$this} is not recorded (actors.csv, column kind: enterprise, "
                "local-authority, research-centre, training-body…).",
                select="$this",
            ),
            Constraint(
                "several",
                "$this a ptce:Enterprise , ?value .\n    FILTER (?value IN (ptce:LocalAuthority, "
                "ptce:LocalAuthorityGrouping, ptce:KnowledgeBody, ptce:ResearchCentre, "
                "ptce:HigherEducationEstablishment, ptce:TrainingBody, ptce:ESSNetwork, ptce:Person, "
                "ptce:OtherBody))",
                "L'acteur {$this} est à la fois une entreprise et d'un autre type ({?value}), que "
                "l'ontologie "
                "déclare disjoints : garder un seul type.",
                "The actor {$this} is both an enterprise and of another kind ({?value}), which the ontology "
                "declares disjoint: keep one kind.",
            ),
        ),
    ),
    QualitySpec(
        "pole-name",
        "sh:targetClass ptce:Pole",
        "pôle : nom",
        "pole: name",
        "Un pôle a un nom.",
        "A pole has a name.",
        "Le pôle {$this} n'a pas de nom (pole.csv, colonne name).",
        "The pole {$this} has no name (pole.csv, column name).",
        path="rdfs:label",
        core="sh:minCount 1",
    ),
    QualitySpec(
        "territory-name",
        "sh:targetObjectsOf ptce:territory",
        "territoire : nom",
        "territory: name",
        "Un territoire a un nom.",
        "A territory has a name.",
        "Le territoire {$this} n'a pas de nom (pole.csv, colonne territory).",
        "The territory {$this} has no name (pole.csv, column territory).",
        path="rdfs:label",
        core="sh:minCount 1",
    ),
    QualitySpec(
        "project-name",
        "sh:targetClass ptce:Project",
        "projet : nom",
        "project: name",
        "Un projet a un nom.",
        "A project has a name.",
        "Le projet {$this} n'a pas de nom (projects.csv, colonne name).",
        "The project {$this} has no name (projects.csv, column name).",
        path="rdfs:label",
        core="sh:minCount 1",
    ),
    QualitySpec(
        "project-innovation",
        "sh:targetSubjectsOf ptce:innovation",
        "projet : innovation",
        "project: innovation",
        "Un projet a une seule innovation : sociale, technologique, les deux ou aucune.",
        "A project has one innovation: social, technological, both or none.",
        "L'innovation du projet {$this} n'est pas une seule valeur parmi social, technological, both, none : "
        "{?value}.",
        "The innovation of the project {$this} is not one value among social, technological, both, none: "
        "{?value}.",
        path="ptce:innovation",
        core="sh:maxCount 1 ;\n    sh:in ( ptce:SocialInnovation ptce:TechnologicalInnovation "
        "ptce:SocialAndTechnologicalInnovation ptce:NoInnovation )",
    ),
    QualitySpec(
        "project-sustainable-development",
        "sh:targetSubjectsOf ptce:sustainableLocalDevelopment",
        "projet : développement local durable",
        "project: sustainable local development",
        "Le développement local durable d'un projet est un booléen unique (oui ou non).",
        "A project's sustainable local development is a single boolean (yes or no).",
        "Le développement local durable du projet {$this} n'est pas un seul « oui » ou « non » : {?value}.",
        "The sustainable local development of the project {$this} is not a single yes or no: {?value}.",
        path="ptce:sustainableLocalDevelopment",
        core="sh:datatype xsd:boolean ;\n    sh:maxCount 1",
    ),
)
