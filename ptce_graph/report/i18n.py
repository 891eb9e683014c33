"""The words of the HTML report itself, in French (default) and English.

Only what no other module already says lives here: section titles, column
headings, the one-line meaning of each cooperation measure.  Clause messages,
verdicts, ESS reasons, measure names, group and logic names, typology and
référentiel wording come from the modules that own them
(:mod:`ptce_graph.legal`, :mod:`ptce_graph.metrics.render`,
:mod:`ptce_graph.typology`, :mod:`ptce_graph.referentiel`), so that each
sentence has one source.
"""

from __future__ import annotations

from typing import Any

from ptce_graph.legal.report.text import short_verdict as legal_short_verdict
from ptce_graph.legal.report.text import word
from ptce_graph.referentiel import TEXT as REFERENTIEL_TEXT
from ptce_graph.typology import TEXT as TYPOLOGY_TEXT

# ptce_graph.metrics.render (networkx) is imported by the one function that names measures.
__all__ = [
    "LANGUAGES",
    "TEXT",
    "METRIC_MEANINGS",
    "text",
    "check_lang",
    "capitalise",
    "metric_label",
    "legal_word",
    "short_verdict",
    "referentiel_word",
    "typology_word",
]

LANGUAGES: tuple[str, ...] = ("fr", "en")

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "registry_title": "Registre des pôles territoriaux de coopération économique",
        "registry_intro": "{poles} : verdict sous chaque définition légale au {as_of}, principales "
                          "mesures de la coopération et réseau. Cliquer sur un en-tête de colonne pour trier.",
        "poles_table": "Les pôles",
        "pole": "Pôle",
        "territory": "Territoire",
        "network": "Réseau",
        "sort_hint": "trier",
        "no_figure": "aucun acteur",
        "actors_no_link": "{actors}, aucun lien",
        "typology": "Typologie du registre",
        "maps": "Cartes des pôles",
        "map_region": "Pôles par région",
        "map_departement": "Pôles par département",
        "map_nowhere": "{n} pôle(s) sans lieu à ce niveau dans les données",
        "registry_measures": "Le registre en chiffres",
        "back": "Registre des pôles",
        "fictional": "Pôle fictif : toutes ses données sont inventées pour illustrer ptce_graph.",
        "identity": "Identité du pôle",
        "identifier": "Identifiant",
        "description": "Description",
        "legal_form": "Forme juridique du pôle",
        "strategy": "Stratégie commune",
        "strategy_kind": "nature",
        "since": "depuis le",
        "until": "jusqu'au",
        "founding": "Initiative fondatrice",
        "codes": "codes INSEE",
        "funding": "Financements",
        "funder": "Financeur",
        "kind": "Nature",
        "programme": "Programme",
        "year": "Année",
        "amount": "Montant (€)",
        "purpose": "Objet",
        "no_funding": "Aucun financement enregistré.",
        "sources": "Sources citées",
        "no_sources": "Aucune source n'est citée dans les données de ce pôle.",
        "cited_by": "citée par {items}",
        "not_recorded": "pas de donnée",
        "legal": "Vérification juridique",
        "legal_intro": "Chaque clause de chaque définition est remplie ✓, non remplie ✗ ou inconnue ? "
                       "quand la donnée nécessaire manque ; la phrase dit ce qui manque et quoi renseigner. "
                       "Date d'évaluation : {as_of}.",
        "summary_table": "Les définitions côte à côte",
        "clause": "Clause",
        "status": "Statut",
        "words": "Mots de la source",
        "explanation": "Ce que disent les données",
        "absent": "absente de cette définition",
        "verdict": "Verdict",
        "differences": "Différences entre les définitions",
        "details": "Le détail de chaque définition",
        "details_note": "Pour chaque définition, chaque clause avec les mots de la source, ce que montrent "
                        "les données et ce qu'il faut renseigner (cliquer pour déplier).",
        "actors": "Acteurs",
        "actor": "Acteur",
        "relation": "Relation",
        "actor_kind": "Type",
        "legal_form_short": "Forme juridique",
        "ess": "ESS",
        "why": "Pourquoi",
        "group": "Groupe",
        "no_actors": "Aucun acteur n'est enregistré pour ce pôle.",
        "cooperation": "Réseau de coopération",
        "figure_alt": "Réseau de coopération de {pole} : {actors}, {links}. Couleur des nœuds : groupe ; "
                      "taille : nombre d'acteurs auxquels chacun est lié ; trait des liens : logique de coopération.",
        "figure_caption": "Nœuds colorés par groupe, d'autant plus grands qu'ils sont liés à plus d'acteurs ; "
                          "liens tracés selon leur logique. Survoler un acteur affiche son nom complet. Mêmes "
                          "données, même image.",
        "no_network": "Aucun acteur : pas de réseau à dessiner.",
        "no_links_figure": "Aucun lien de coopération n'est enregistré entre ces acteurs.",
        "figure_title": "Réseau de coopération de {pole}",
        "download": "Télécharger",
        "metrics": "Mesures de la coopération",
        "measure": "Mesure",
        "value": "Valeur",
        "meaning": "Ce qu'elle dit",
        "metrics_note": "Formules et références : docs/metrics.md. Une mesure sans valeur est marquée « — » "
                        "avec sa raison ; elle n'est jamais remplacée par 0.",
        "links": "liens",
        "pairs": "paires",
        "over_time": "Densité dans le temps",
        "over_time_alt": "Densité du réseau de coopération de {pole} à chaque date où un lien commence "
                         "ou prend fin.",
        "over_time_note": "Densité du réseau à chaque date où un lien commence ou prend fin (un lien "
                          "daté d'une année couvre toute l'année).",
        "undated_note": "Les liens sans date ({n}) sont comptés à chaque date.",
        "over_time_table": "Valeurs",
        "referentiel": "Référentiel des PTCE : écart entre concept et pratique",
        "objective": "Objectif",
        "assessment": "Auto-évaluation",
        "practice_evidence": "Pratiques et preuves",
        "generated": "Rapport produit par ptce_graph {version}.",
        "definitions_used": "Définitions",
        "as_of": "au",
        "colon": " : ",
        "progress": "Rapport HTML",
        "contents": "Sommaire",
    },
    "en": {
        "registry_title": "Registry of the territorial economic cooperation poles (PTCE)",
        "registry_intro": "{poles}: verdict under each legal definition as of {as_of}, main cooperation "
                          "measures and network. Click a column heading to sort.",
        "poles_table": "The poles",
        "pole": "Pole",
        "territory": "Territory",
        "network": "Network",
        "sort_hint": "sort",
        "no_figure": "no actor",
        "actors_no_link": "{actors}, no link",
        "typology": "Typology of the registry",
        "maps": "Maps of the poles",
        "map_region": "Poles per région",
        "map_departement": "Poles per département",
        "map_nowhere": "{n} pole(s) with no place at this level in the data",
        "registry_measures": "The registry in figures",
        "back": "Registry of the poles",
        "fictional": "Fictional pole: all its data is invented to illustrate ptce_graph.",
        "identity": "Identity of the pole",
        "identifier": "Identifier",
        "description": "Description",
        "legal_form": "Legal form of the pole",
        "strategy": "Common strategy",
        "strategy_kind": "kind",
        "since": "since",
        "until": "until",
        "founding": "Founding initiative",
        "codes": "INSEE codes",
        "funding": "Funding",
        "funder": "Funder",
        "kind": "Kind",
        "programme": "Programme",
        "year": "Year",
        "amount": "Amount (€)",
        "purpose": "Purpose",
        "no_funding": "No funding recorded.",
        "sources": "Sources cited",
        "no_sources": "The data of this pole cites no source.",
        "cited_by": "cited by {items}",
        "not_recorded": "not recorded",
        "legal": "Legal check",
        "legal_intro": "Each clause of each definition is met ✓, not met ✗ or unknown ? when the data "
                       "needed is missing; the sentence says what is missing and what to fill in. "
                       "Evaluation date: {as_of}.",
        "summary_table": "The definitions side by side",
        "clause": "Clause",
        "status": "Status",
        "words": "Words of the source",
        "explanation": "What the data shows",
        "absent": "not in this definition",
        "verdict": "Verdict",
        "differences": "Differences between the definitions",
        "details": "Each definition in detail",
        "details_note": "For each definition, each clause with the words of the source, what the data shows "
                        "and what to fill in (click to unfold).",
        "actors": "Actors",
        "actor": "Actor",
        "relation": "Relation",
        "actor_kind": "Kind",
        "legal_form_short": "Legal form",
        "ess": "ESS",
        "why": "Why",
        "group": "Group",
        "no_actors": "No actor is recorded for this pole.",
        "cooperation": "Cooperation network",
        "figure_alt": "Cooperation network of {pole}: {actors}, {links}. Node colour: group; size: number "
                      "of actors each is linked to; line style: logic of cooperation.",
        "figure_caption": "Nodes coloured by group, the larger the more actors they are linked to; links drawn "
                          "by their logic. Hovering over an actor shows its full name. Same data, same picture.",
        "no_network": "No actor: no network to draw.",
        "no_links_figure": "No cooperation link is recorded between these actors.",
        "figure_title": "Cooperation network of {pole}",
        "download": "Download",
        "metrics": "Cooperation measures",
        "measure": "Measure",
        "value": "Value",
        "meaning": "What it tells",
        "metrics_note": "Formulas and references: docs/metrics.md. A measure without a value shows \"—\" "
                        "with its reason; it is never replaced by 0.",
        "links": "links",
        "pairs": "pairs",
        "over_time": "Density over time",
        "over_time_alt": "Density of the cooperation network of {pole} at each date where a link starts "
                         "or ends.",
        "over_time_note": "Density of the network at each date where a link starts or ends (a link dated "
                          "to a year covers the whole year).",
        "undated_note": "Undated links ({n}) are counted at every date.",
        "over_time_table": "Values",
        "referentiel": "PTCE référentiel: the gap between concept and practice",
        "objective": "Objective",
        "assessment": "Self-assessment",
        "practice_evidence": "Practices and evidence",
        "generated": "Report produced by ptce_graph {version}.",
        "definitions_used": "Definitions",
        "as_of": "as of",
        "colon": ": ",
        "progress": "HTML report",
        "contents": "Contents",
    },
}

#: One line per cooperation measure: what it tells about a PTCE (from docs/metrics.md, section 2).
METRIC_MEANINGS: dict[str, tuple[str, str]] = {
    "actors": ("la taille du pôle : membres et partenaires",
               "the size of the pole: members and partners"),
    "members": ("les acteurs membres du pôle", "the actors that are members of the pole"),
    "partners": ("jusqu'où le pôle s'étend au-delà de ses membres",
                 "how far the pole reaches beyond its members"),
    "links": ("combien de coopération est enregistrée", "how much cooperation is recorded"),
    "undated_links": ("la part de la coopération dont on ignore la date",
                      "how much of the cooperation is undated"),
    "pairs": ("combien de partenariats distincts", "how many distinct partnerships"),
    "density": ("part des partenariats possibles qui existent ; 0,2 dans un pôle de 20 structures : "
                "chacune travaille avec environ quatre autres",
                "share of the possible partnerships that exist; 0.2 in a pole of 20 structures: each "
                "works with about four others"),
    "components": ("1 : chacun est joignable de lien en lien ; plus : des groupes séparés dans le pôle",
                   "1: everyone is reachable from link to link; more: separate clusters inside the pole"),
    "isolates": ("les acteurs que la coopération n'implique pas (encore)",
                 "members or partners the cooperation does not (yet) involve"),
    "multiplex_pairs": ("les paires qui coopèrent selon plusieurs logiques",
                        "the pairs that cooperate in several logics"),
    "multiplexity": ("profondeur de la coopération : paires qui coopèrent selon plusieurs logiques (mutualisent "
                     "et interagissent, animent, nouent un partenariat)",
                     "depth of cooperation: pairs that cooperate in several logics (mutualise and interact, "
                     "animate, form a partnership)"),
    "mean_degree": ("nombre moyen d'acteurs auxquels un acteur est lié", "how many actors an actor is linked to, "
                    "on average"),
    "transitivity": ("fermeture : les acteurs liés à un même acteur sont liés entre eux — un collectif "
                     "plutôt qu'un pivot",
                     "closure: actors linked to the same actor are linked to each other — a cohesive collective "
                     "rather than a hub"),
    "average_clustering": ("cohésion du voisinage d'un acteur type",
                           "how cohesive the neighbourhood of a typical actor is"),
    "degree_centralization": ("à quel point la coopération passe par un seul meneur (1 : une étoile)",
                              "how much the cooperation goes through one leader (1: a star)"),
    "betweenness_centralization": ("à quel point le pôle dépend d'un acteur pour relier les autres",
                                   "how much the pole depends on one actor to connect the others"),
    "betweenness_sample": ("intermédiarité estimée à partir de k acteurs tirés au sort",
                           "betweenness estimated from k sampled actors"),
    "ei_index": ("−1 : la coopération reste entre acteurs d'un même groupe ; +1 : elle relie ESS, "
                 "entreprises, collectivités et recherche",
                 "−1: cooperation stays within groups; +1: it bridges ESS, enterprises, local authorities "
                 "and research"),
    "group_assortativity": ("comme E-I, corrigé de la taille des groupes : 0 aussi mêlé que le hasard, "
                            "> 0 entre-soi",
                            "like E-I, corrected for group sizes: 0 as mixed as chance, > 0 homophily"),
    "blau": ("diversité des acteurs que la loi rassemble (0 : un seul groupe)",
             "diversity of the actors the law brings together (0: a single group)"),
    "iqv": ("la même diversité sur une échelle de 0 à 1, comparable entre pôles",
            "the same diversity on a 0–1 scale comparable across poles"),
    "communities": ("sous-groupes qui coopèrent davantage entre eux",
                    "sub-groups that cooperate more among themselves"),
    "modularity": ("netteté de ces sous-groupes (0 : aucun ; au-delà de 0,3 : marqués)",
                   "how clear-cut those sub-groups are (0: none; above about 0.3: marked)"),
    "max_core": ("le noyau dur : chacun y est lié à au moins k autres",
                 "the hard core: each is linked to k others in it"),
    "main_core_size": ("combien d'acteurs forment ce noyau dur", "how many actors form that hard core"),
    "projects": ("projets enregistrés", "projects recorded"),
    "coparticipation_pairs": ("paires d'acteurs qui partagent un projet", "pairs of actors sharing a project"),
    "coparticipation_density": ("la coopération par les projets communs, à côté des liens enregistrés",
                                "cooperation through common projects, beside the recorded links"),
}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def text(key: str, lang: str, **values: Any) -> str:
    """A string of the report in ``lang``, with ``{name}`` fields filled in."""
    template = TEXT[lang][key]
    return template.format(**values) if values else template


def capitalise(value: str) -> str:
    return value[:1].upper() + value[1:]


def metric_label(name: str, lang: str) -> str:
    """The name of a measure, group or logic, as ``ptce metrics`` writes it."""
    from ptce_graph.metrics.render import LABELS

    return LABELS[lang].get(name, name)


# ---------------------------------------------------------------------------
#  Words owned by other modules, read from their one source
# ---------------------------------------------------------------------------


def legal_word(key: str, lang: str) -> str:
    """A word of the validation checklist (``ptce validate``): relation, ESS status, section titles."""
    return word(key, lang)


def short_verdict(verdict: str, lang: str) -> str:
    """« répond » / "fits", as the side-by-side table of ``ptce validate --definition all`` writes it."""
    return legal_short_verdict(verdict, lang)


def referentiel_word(key: str, lang: str) -> Any:
    """A word of ``ptce referentiel``."""
    return REFERENTIEL_TEXT["en" if lang == "en" else "fr"][key]


def typology_word(key: str, lang: str) -> Any:
    """A word of ``ptce typology``."""
    return TYPOLOGY_TEXT["en" if lang == "en" else "fr"][key]
